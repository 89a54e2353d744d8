import type { HttpOptions } from './hooks/http-options';
import type { Propagator, Reporter, Sampler } from './model';
import { SpanweaveConfigError } from './config-error';
import { DEFAULT_LIMITS, type SpanLimits } from './tracer/limits';

/**
 * What `init()` takes. Every option left out falls back to its environment
 * variable, then to the default documented here.
 */
export interface InitOptions {
  /**
   * False makes everything a no-op: no spans, no reporters, instrumented code
   * runs its plain body. Default: true, unless `OTEL_SDK_DISABLED=true`.
   */
  enabled?: boolean;
  /** The `service` of every span. Env: `OTEL_SERVICE_NAME`. Default: `unknown_service:node`. */
  serviceName?: string;
  /**
   * Which traces are recorded: a Sampler, or a name (`always_on`,
   * `always_off`, `traceidratio`, `parentbased_always_on`,
   * `parentbased_always_off`, `parentbased_traceidratio`, `ratelimiting`).
   * Env: `OTEL_TRACES_SAMPLER`. Default: `parentbased_always_on`.
   */
  sampler?: Sampler | string;
  /** The argument of a sampler given by name: the ratio, or traces per second. Env: `OTEL_TRACES_SAMPLER_ARG`. */
  samplerArg?: string;
  /**
   * Propagation formats, tried in order when extracting: names (`tracecontext`,
   * `baggage`, `b3`, `b3multi`, `jaeger`, `none`) or Propagator objects.
   * Env: `OTEL_PROPAGATORS`. Default: `tracecontext`, `baggage`.
   */
  propagators?: Array<string | Propagator>;
  /**
   * Where finished spans go: Reporter objects or names (`console`, `jsonl`,
   * `otlp`, `none`). Env: `OTEL_TRACES_EXPORTER` (comma-separated).
   * Default: `otlp` when `OTEL_EXPORTER_OTLP_ENDPOINT` or
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set, else none.
   */
  reporters?: Array<string | Reporter>;
  /** Per-span limits on tags, logs and value length; each one left out keeps its default. */
  limits?: Partial<SpanLimits>;
  /** Options of the HTTP client and server hooks. */
  http?: HttpOptions;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function check(ok: boolean, option: string, value: unknown, expected: string): void {
  if (!ok) throw new SpanweaveConfigError(option, value, expected);
}

function checkList(value: unknown, option: string, isItem: (item: unknown) => boolean, expected: string): void {
  check(Array.isArray(value), option, value, `an array of ${expected}`);
  (value as unknown[]).forEach((item, index) => check(isItem(item), `${option}[${index}]`, item, expected));
}

const isReporter = (item: unknown) => typeof item === 'string' || (isObject(item) && typeof item.report === 'function');
const isPropagator = (item: unknown) =>
  typeof item === 'string' || (isObject(item) && typeof item.inject === 'function' && typeof item.extract === 'function');

const OPTION_NAMES = ['enabled', 'serviceName', 'sampler', 'samplerArg', 'propagators', 'reporters', 'limits', 'http'];

function checkKnownKeys(object: object, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(object)) {
    check(known.includes(key), `${prefix}${key}`, key, `one of ${known.join(', ')} (unknown option)`);
  }
}

/** Throws a `SpanweaveConfigError` naming the first option that is unknown or has the wrong type. */
export function validateInitOptions(options: unknown): asserts options is InitOptions {
  check(isObject(options), 'options', options, 'an object');
  const o = options as Record<string, unknown>;
  checkKnownKeys(o, OPTION_NAMES, '');
  if (o.enabled !== undefined) check(typeof o.enabled === 'boolean', 'enabled', o.enabled, 'a boolean');
  if (o.serviceName !== undefined) check(typeof o.serviceName === 'string' && o.serviceName.trim() !== '', 'serviceName', o.serviceName, 'a non-empty string');
  if (o.sampler !== undefined) {
    const ok = typeof o.sampler === 'string' || (isObject(o.sampler) && typeof o.sampler.shouldSample === 'function');
    check(ok, 'sampler', o.sampler, 'a sampler name or an object with shouldSample()');
  }
  if (o.samplerArg !== undefined) check(typeof o.samplerArg === 'string', 'samplerArg', o.samplerArg, 'a string');
  if (o.reporters !== undefined) checkList(o.reporters, 'reporters', isReporter, 'reporter names or objects with report()');
  if (o.propagators !== undefined) checkList(o.propagators, 'propagators', isPropagator, 'propagator names or objects with inject() and extract()');
  if (o.limits !== undefined) {
    check(isObject(o.limits), 'limits', o.limits, 'an object');
    checkKnownKeys(o.limits as object, Object.keys(DEFAULT_LIMITS), 'limits.');
    for (const [key, value] of Object.entries(o.limits as object)) {
      check(typeof value === 'number' && value >= 0 && !Number.isNaN(value), `limits.${key}`, value, 'a non-negative number');
    }
  }
  if (o.http !== undefined) check(isObject(o.http), 'http', o.http, 'an object');
}
