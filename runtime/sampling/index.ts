/**
 * Sampling: the samplers, and choosing one by its `OTEL_TRACES_SAMPLER` name
 * with its `OTEL_TRACES_SAMPLER_ARG`. docs/propagation.md describes each.
 */
import type { Sampler } from '../model';
import { AlwaysOffSampler, AlwaysOnSampler } from './constant';
import { ParentBasedSampler } from './parent-based';
import { RateLimitingSampler } from './rate-limiting';
import { TraceIdRatioSampler } from './trace-id-ratio';

export { AlwaysOffSampler, AlwaysOnSampler } from './constant';
export { ParentBasedSampler } from './parent-based';
export type { ParentBasedOptions } from './parent-based';
export { RateLimitingSampler } from './rate-limiting';
export type { Clock } from './rate-limiting';
export { TraceIdRatioSampler } from './trace-id-ratio';

/** The `OTEL_TRACES_SAMPLER` default. */
export const DEFAULT_SAMPLER = 'parentbased_always_on';
/** The ratio when `OTEL_TRACES_SAMPLER_ARG` is absent or invalid, as OpenTelemetry specifies. */
export const DEFAULT_RATIO = 1;
/** Traces per second for `ratelimiting` when its argument is absent or invalid. */
export const DEFAULT_TRACES_PER_SECOND = 100;

/** Told about a sampler name or argument that was not usable, with what was used instead. */
export type SamplerProblem = (message: string) => void;

const NUMBER = /^[ \t]*(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t]*$/;

/** The argument as a number in [min, max], or `fallback` (reported) when it is absent or invalid. */
function numberArg(name: string, arg: string | undefined, min: number, max: number, fallback: number, report: SamplerProblem): number {
  if (arg === undefined || arg.trim() === '') return fallback;
  const value = NUMBER.test(arg) ? Number(arg) : NaN;
  if (value >= min && value <= max) return value;
  report(`sampler ${name}: argument ${JSON.stringify(arg)} is not a number from ${min} to ${max}; using ${fallback}`);
  return fallback;
}

const ratioArg = (name: string, arg: string | undefined, report: SamplerProblem): number =>
  numberArg(name, arg, 0, 1, DEFAULT_RATIO, report);

const BY_NAME: Readonly<Record<string, (name: string, arg: string | undefined, report: SamplerProblem) => Sampler>> = {
  always_on: () => new AlwaysOnSampler(),
  always_off: () => new AlwaysOffSampler(),
  traceidratio: (name, arg, report) => new TraceIdRatioSampler(ratioArg(name, arg, report)),
  parentbased_always_on: () => new ParentBasedSampler({ root: new AlwaysOnSampler() }),
  parentbased_always_off: () => new ParentBasedSampler({ root: new AlwaysOffSampler() }),
  parentbased_traceidratio: (name, arg, report) => new ParentBasedSampler({ root: new TraceIdRatioSampler(ratioArg(name, arg, report)) }),
  ratelimiting: (name, arg, report) =>
    new ParentBasedSampler({ root: new RateLimitingSampler(numberArg(name, arg, 0, Number.MAX_VALUE, DEFAULT_TRACES_PER_SECOND, report)) }),
};

function warn(message: string): void {
  process.emitWarning(message, 'SpanweaveWarning');
}

/**
 * The sampler for an `OTEL_TRACES_SAMPLER` name (trimmed, case-insensitive):
 * always_on, always_off, traceidratio, parentbased_always_on,
 * parentbased_always_off, parentbased_traceidratio, and ours, ratelimiting
 * (`arg` = traces per second, default 100; parent-based, so it counts traces).
 * A ratio `arg` must be from 0 to 1 (default 1). An empty name is the
 * default, parentbased_always_on, as is an unknown name; an unknown name or
 * an invalid argument (which gives the default argument) is passed to
 * `report` (default: a process warning), never thrown.
 */
export function samplerByName(name: string, arg?: string, report: SamplerProblem = warn): Sampler {
  const normal = name.trim().toLowerCase() || DEFAULT_SAMPLER;
  const make = Object.hasOwn(BY_NAME, normal) ? BY_NAME[normal] : undefined;
  if (make !== undefined) return make(normal, arg, report);
  report(`sampler ${JSON.stringify(name)} is not known; using ${DEFAULT_SAMPLER}`);
  return BY_NAME[DEFAULT_SAMPLER]!(DEFAULT_SAMPLER, undefined, report);
}
