/**
 * The standard OpenTelemetry environment variables, read into init options,
 * so a program configures spanweave with no code. Explicit `init()` options
 * win over these. Nothing here throws: a value that cannot be used is
 * ignored with a process warning.
 */
import type { InitOptions } from './init-options';

/** The variables read (and `SPANWEAVE_JSONL_FILE`, read by the jsonl reporter). */
export const ENV_VARIABLES = [
  'OTEL_SDK_DISABLED',
  'OTEL_SERVICE_NAME',
  'OTEL_TRACES_EXPORTER',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_PROPAGATORS',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
] as const;

/** A comma-separated list, trimmed, empty entries left out; undefined when the variable is unset or blank. */
export function listFromEnv(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.length === 0 ? undefined : names;
}

function textFromEnv(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** `OTEL_SDK_DISABLED=true` (case-insensitive), as the OpenTelemetry specification reads it. */
export function disabledByEnv(env: NodeJS.ProcessEnv): boolean {
  return env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
}

/**
 * The reporters to use when neither `init({ reporters })` nor
 * `OTEL_TRACES_EXPORTER` names any: `otlp` when an OTLP endpoint is
 * configured (what an OpenTelemetry user expects), else none. spanweave never
 * prints to a terminal or sends to a network address nobody asked for.
 */
export function defaultReporterNames(env: NodeJS.ProcessEnv): string[] {
  const endpoint = textFromEnv(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) ?? textFromEnv(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  return endpoint === undefined ? [] : ['otlp'];
}

/** The init options the environment sets; an unset variable leaves its option out. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): InitOptions {
  const options: InitOptions = {};
  if (disabledByEnv(env)) options.enabled = false;
  const serviceName = textFromEnv(env.OTEL_SERVICE_NAME);
  if (serviceName !== undefined) options.serviceName = serviceName;
  const exporters = listFromEnv(env.OTEL_TRACES_EXPORTER);
  if (exporters !== undefined) options.reporters = exporters;
  const sampler = textFromEnv(env.OTEL_TRACES_SAMPLER);
  if (sampler !== undefined) options.sampler = sampler;
  const samplerArg = textFromEnv(env.OTEL_TRACES_SAMPLER_ARG);
  if (samplerArg !== undefined) options.samplerArg = samplerArg;
  const propagators = listFromEnv(env.OTEL_PROPAGATORS);
  if (propagators !== undefined) options.propagators = propagators;
  return options;
}
