/**
 * Setting the runtime up: `init()` from options and the environment,
 * `useTracer()` for another OpenTracing tracer, `shutdown()` to flush.
 */
import * as opentracing from 'opentracing';
import { disabledByEnv, defaultReporterNames, optionsFromEnv } from './config-env';
import { SpanweaveConfigError } from './config-error';
import { resetDiagnostics } from './diagnostics';
import { configureHttp } from './hooks/http-options';
import { validateInitOptions, type InitOptions } from './init-options';
import type { Propagator, Reporter, Sampler } from './model';
import { DEFAULT_PROPAGATORS, propagatorsByName, unknownPropagatorNames } from './propagation/index';
import { reportersByName } from './reporters/index';
import { startImmediate } from './own-time';
import { samplerByName } from './sampling/index';
import { currentTracer, setCurrentTracer, setDefaultTracerFactory, tracing } from './tracing';
import { Tracer } from './tracer/tracer';

/**
 * Configures the runtime and returns the tracer it built (undefined when
 * disabled). Options left out come from the OpenTelemetry environment
 * variables, then the defaults (README, "Configuration"). Replaces the tracer
 * of an earlier `init()` or `useTracer()`; reporters of the earlier tracer
 * that the new one does not reuse are shut down. Resets `diagnostics()`.
 *
 * @throws SpanweaveConfigError when an option is unknown or has the wrong type.
 */
export function init(options: InitOptions = {}): Tracer | undefined {
  validateInitOptions(options);
  const merged: InitOptions = { ...optionsFromEnv(process.env), ...definedOnly(options) };
  const previous = currentTracerIfOurs();
  configureHttp(merged.http);
  resetDiagnostics();
  tracing.on = merged.enabled !== false;
  const tracer = tracing.on ? buildTracer(merged, process.env) : undefined;
  setCurrentTracer(tracer ?? new opentracing.Tracer());
  if (previous !== undefined) void previous.closeReportersNotIn(tracer?.reporters ?? []);
  return tracer;
}

/**
 * Uses another OpenTracing tracer (Jaeger's, Lightstep's, a mock) for every
 * span spanweave starts. The scope manager, `trace()` and the hooks work the
 * same with it. Without an argument, follows opentracing's global tracer
 * (`opentracing.globalTracer()`, whatever `initGlobalTracer` set).
 */
export function useTracer(tracer: opentracing.Tracer = opentracing.globalTracer()): void {
  if (!(tracer instanceof opentracing.Tracer) && typeof (tracer as { startSpan?: unknown })?.startSpan !== 'function') {
    throw new SpanweaveConfigError('useTracer(tracer)', tracer, 'an OpenTracing tracer');
  }
  setCurrentTracer(tracer);
}

/** Flushes and shuts down the reporters of spanweave's tracer. Never rejects; failures are counted in `diagnostics()`. */
export async function shutdown(): Promise<void> {
  // The span of a plain function that returned a promise finishes a macrotask after the promise settled (settlement.ts).
  await new Promise((resolve) => startImmediate(resolve));
  await currentTracerIfOurs()?.close();
}

function currentTracerIfOurs(): Tracer | undefined {
  const tracer = currentTracer();
  return tracer instanceof Tracer ? tracer : undefined;
}

/** The options whose value is not undefined, so `{ serviceName: undefined }` does not hide the environment's. */
function definedOnly(options: InitOptions): InitOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** Builds spanweave's tracer from merged options. */
export function buildTracer(options: InitOptions, env: NodeJS.ProcessEnv): Tracer {
  return new Tracer({
    serviceName: options.serviceName,
    sampler: samplerOf(options.sampler, options.samplerArg),
    reporters: reportersOf(options.reporters ?? defaultReporterNames(env), env),
    propagators: propagatorsOf(options.propagators ?? DEFAULT_PROPAGATORS, options.propagators !== undefined),
    limits: options.limits,
  });
}

function reportersOf(entries: ReadonlyArray<string | Reporter>, env: NodeJS.ProcessEnv): Reporter[] {
  return entries.flatMap((entry) => (typeof entry === 'string' ? reportersByName([entry], env) : [entry]));
}

/** Propagators by name or as objects; unknown names the user gave are ignored with a warning. */
function propagatorsOf(entries: ReadonlyArray<string | Propagator>, given: boolean): Propagator[] {
  const names = entries.filter((entry): entry is string => typeof entry === 'string');
  const unknown = given ? unknownPropagatorNames(names) : [];
  if (unknown.length > 0) process.emitWarning(`spanweave: unknown propagators ignored: ${unknown.join(', ')}`);
  return entries.flatMap((entry) => (typeof entry === 'string' ? propagatorsByName([entry]) : [entry]));
}

/** A sampler object as given, or one by name; none means the tracer's built-in parentbased_always_on. */
function samplerOf(sampler: Sampler | string | undefined, arg: string | undefined): Sampler | undefined {
  return typeof sampler === 'string' ? samplerByName(sampler, arg) : sampler;
}

// Without init(), the first span uses a tracer built from the environment alone.
setDefaultTracerFactory(() => (disabledByEnv(process.env) ? new opentracing.Tracer() : buildTracer(optionsFromEnv(process.env), process.env)));
