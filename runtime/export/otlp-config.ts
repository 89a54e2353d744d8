/**
 * The OTLP exporter's settings: typed options first, then the standard
 * OpenTelemetry environment variables, then the defaults of the OpenTelemetry
 * specification. A malformed variable is skipped with a process warning.
 */
import type { TagValue } from '../model';
import type { OtlpProtocol } from './otlp-encoding';

/** Options of the OTLP/HTTP exporter. Each one overrides its environment variable. */
export interface OtlpExporterOptions {
  /**
   * The full URL spans are POSTed to, used as is (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`).
   * Default: `endpoint` + `/v1/traces`.
   */
  url?: string;
  /** The collector's base URL; `/v1/traces` is appended (`OTEL_EXPORTER_OTLP_ENDPOINT`). Default: `http://localhost:4318`. */
  endpoint?: string;
  /** Extra request headers, e.g. an API key (`OTEL_EXPORTER_OTLP_HEADERS`: `key=value,key2=value2`, values percent-encoded). */
  headers?: Record<string, string>;
  /** `http/protobuf` (default) or `http/json` (`OTEL_EXPORTER_OTLP_PROTOCOL`). */
  protocol?: OtlpProtocol;
  /** Longest wait for one request, in ms (`OTEL_EXPORTER_OTLP_TIMEOUT`). Default: 10000. */
  timeoutMs?: number;
  /** `gzip` or `none` (`OTEL_EXPORTER_OTLP_COMPRESSION`). Default: none. */
  compression?: 'gzip' | 'none';
  /** Most spans waiting to be sent; more are dropped and counted (`OTEL_BSP_MAX_QUEUE_SIZE`). Default: 2048. */
  maxQueueSize?: number;
  /** Most spans in one request (`OTEL_BSP_MAX_EXPORT_BATCH_SIZE`). Default: 512, at most maxQueueSize. */
  maxExportBatchSize?: number;
  /** Longest wait before queued spans are sent, in ms (`OTEL_BSP_SCHEDULE_DELAY`). Default: 5000. */
  scheduledDelayMs?: number;
  /** Deadline for one batch, retries included, in ms; then it is dropped and counted (`OTEL_BSP_EXPORT_TIMEOUT`). Default: 30000. */
  exportTimeoutMs?: number;
  /** First retry delay in ms, doubled at each retry (up to 5 s) with jitter. Default: 1000. */
  retryDelayMs?: number;
  /** Resource attributes added to those of `OTEL_RESOURCE_ATTRIBUTES` (`service.name` comes from each span). */
  resourceAttributes?: Record<string, TagValue>;
  /** Send what is queued when the event loop empties (`beforeExit`), best effort. Default: true. */
  flushOnBeforeExit?: boolean;
  /**
   * On SIGTERM, send what is queued (within `exportTimeoutMs`), then end the
   * process as Node would have if no other SIGTERM listener is installed
   * (`SPANWEAVE_FLUSH_ON_SIGTERM=true`). Default: false.
   */
  flushOnSigterm?: boolean;
}

/** Every setting resolved. */
export interface OtlpConfig {
  url: string;
  headers: Record<string, string>;
  protocol: OtlpProtocol;
  timeoutMs: number;
  compression: 'gzip' | 'none';
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMs: number;
  exportTimeoutMs: number;
  retryDelayMs: number;
  resourceAttributes: Record<string, TagValue>;
  flushOnBeforeExit: boolean;
  flushOnSigterm: boolean;
}

const DEFAULT_ENDPOINT = 'http://localhost:4318';

/** Merges options, environment and defaults. Never throws. */
export function resolveOtlpConfig(options: OtlpExporterOptions, env: NodeJS.ProcessEnv): OtlpConfig {
  const signal = (name: string): string | undefined =>
    nonEmpty(env[`OTEL_EXPORTER_OTLP_TRACES_${name}`]) ?? nonEmpty(env[`OTEL_EXPORTER_OTLP_${name}`]);
  const maxQueueSize = options.maxQueueSize ?? positiveInt(env, 'OTEL_BSP_MAX_QUEUE_SIZE') ?? 2048;
  const batch = options.maxExportBatchSize ?? positiveInt(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE') ?? 512;
  return {
    url: options.url ?? tracesUrl(options.endpoint, env),
    headers: { ...parseKeyValues(signal('HEADERS'), 'OTEL_EXPORTER_OTLP_HEADERS'), ...options.headers },
    protocol: options.protocol ?? protocolFrom(signal('PROTOCOL')),
    timeoutMs:
      options.timeoutMs ?? positiveInt(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT') ?? positiveInt(env, 'OTEL_EXPORTER_OTLP_TIMEOUT') ?? 10_000,
    compression: options.compression ?? compressionFrom(signal('COMPRESSION')),
    maxQueueSize,
    maxExportBatchSize: Math.min(batch, maxQueueSize),
    scheduledDelayMs: options.scheduledDelayMs ?? positiveInt(env, 'OTEL_BSP_SCHEDULE_DELAY') ?? 5000,
    exportTimeoutMs: options.exportTimeoutMs ?? positiveInt(env, 'OTEL_BSP_EXPORT_TIMEOUT') ?? 30_000,
    retryDelayMs: options.retryDelayMs ?? 1000,
    resourceAttributes: { ...parseKeyValues(nonEmpty(env.OTEL_RESOURCE_ATTRIBUTES), 'OTEL_RESOURCE_ATTRIBUTES'), ...options.resourceAttributes },
    flushOnBeforeExit: options.flushOnBeforeExit ?? true,
    flushOnSigterm: options.flushOnSigterm ?? env.SPANWEAVE_FLUSH_ON_SIGTERM?.trim().toLowerCase() === 'true',
  };
}

/** The traces URL: `..._TRACES_ENDPOINT` as is, else the base endpoint with `v1/traces` appended. */
function tracesUrl(endpoint: string | undefined, env: NodeJS.ProcessEnv): string {
  if (endpoint === undefined) {
    const exact = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
    if (exact !== undefined) return exact;
  }
  const base = endpoint ?? nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT) ?? DEFAULT_ENDPOINT;
  return base.endsWith('/') ? `${base}v1/traces` : `${base}/v1/traces`;
}

function protocolFrom(value: string | undefined): OtlpProtocol {
  if (value === undefined || value === 'http/protobuf') return 'http/protobuf';
  if (value === 'http/json') return 'http/json';
  warn(`OTEL_EXPORTER_OTLP_PROTOCOL "${value}" is not supported (http/protobuf, http/json); using http/protobuf`);
  return 'http/protobuf';
}

function compressionFrom(value: string | undefined): 'gzip' | 'none' {
  if (value === undefined || value === 'none') return 'none';
  if (value === 'gzip') return 'gzip';
  warn(`OTEL_EXPORTER_OTLP_COMPRESSION "${value}" is not supported (gzip, none); sending uncompressed`);
  return 'none';
}

/**
 * `key1=value1,key2=value2` with percent-encoded values, as
 * OTEL_EXPORTER_OTLP_HEADERS and OTEL_RESOURCE_ATTRIBUTES write them.
 * A malformed entry is skipped with a warning that names the variable, not the value (it may be a secret).
 */
export function parseKeyValues(text: string | undefined, variable: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === undefined) return out;
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    const key = eq > 0 ? entry.slice(0, eq).trim() : '';
    const value = eq > 0 ? decodeOrUndefined(entry.slice(eq + 1).trim()) : undefined;
    if (key === '' || value === undefined) warn(`a malformed entry in ${variable} was skipped`);
    else out[key] = value;
  }
  return out;
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = nonEmpty(env[name]);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (Number.isInteger(value) && value > 0) return value;
  warn(`${name} "${text}" is not a positive integer; using the default`);
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

function warn(message: string): void {
  process.emitWarning(`spanweave: ${message}`);
}
