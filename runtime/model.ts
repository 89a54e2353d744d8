/**
 * The data shapes shared by the tracer, the propagators, the samplers and the
 * reporters. Everything here is plain data or a small interface, so each part
 * can be written and tested on its own.
 */

/** A tag value as OpenTracing allows it on the wire. */
export type TagValue = string | number | boolean;

/** One log record of a span: a timestamp in microseconds since the epoch and its fields. */
export interface SpanLog {
  timestamp: number;
  fields: Record<string, unknown>;
}

/** A reference from a finished span to another span. The parent is also given as `parentId`. */
export interface SpanReference {
  type: 'child_of' | 'follows_from';
  traceId: string;
  spanId: string;
}

/**
 * A finished span, as every reporter receives it. This is the documented,
 * stable shape (README "The finished span").
 */
export interface FinishedSpan {
  /** 32 lowercase hex characters (128 bits). */
  traceId: string;
  /** 16 lowercase hex characters (64 bits). */
  spanId: string;
  /** The parent's span id; absent for a root span. */
  parentId?: string;
  operationName: string;
  /** The service that made the span (`serviceName`, `OTEL_SERVICE_NAME`). */
  service: string;
  /** Microseconds since the Unix epoch. */
  startTime: number;
  /** Microseconds. */
  duration: number;
  tags: Record<string, TagValue>;
  logs: SpanLog[];
  references: SpanReference[];
  baggage: Record<string, string>;
  /** W3C trace flags (bit 0: sampled, bit 1: random trace id). */
  traceFlags: number;
  /** The W3C tracestate carried with the trace, if any. */
  traceState?: string;
  /** What the span's limits cut, when something was cut. */
  dropped?: { tags: number; logs: number; truncatedValues: number };
}

/** Where finished spans go. A reporter must never throw into the app; the tracer guards it anyway. */
export interface Reporter {
  /** Takes one finished span. Must not block: queue and return. */
  report(span: FinishedSpan): void;
  /** Sends what is queued. */
  flush?(): Promise<void>;
  /** Flushes and releases resources; later spans are dropped. */
  shutdown?(): Promise<void>;
}

/**
 * The propagated part of a span context, as the propagators read and write it.
 */
export interface TraceContextData {
  /** 32 lowercase hex characters. A 64-bit id read from B3 or Jaeger is left-padded with zeros. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** W3C trace flags: bit 0 sampled, bit 1 random trace id. */
  traceFlags: number;
  traceState?: string;
  baggage: Record<string, string>;
  /** B3 / Jaeger debug flag. */
  debug?: boolean;
  /**
   * The sender passed ids but left the sampling decision to the receiver (B3
   * without a sampling state). A parent-based sampler then decides as for a
   * new root; `traceFlags` has the sampled bit clear.
   */
  samplingDeferred?: boolean;
}

/** Reads one header or text-map entry, case-insensitively; undefined when absent. */
export type CarrierGetter = (key: string) => string | undefined;
/** Writes one header or text-map entry (lowercase names). */
export type CarrierSetter = (key: string, value: string) => void;
/** Lists the entry names of a carrier, lowercase (for prefixed entries such as Jaeger's `uberctx-`). */
export type CarrierKeys = () => readonly string[];

/** One propagation format (W3C trace context, W3C baggage, B3, Jaeger). */
export interface Propagator {
  /** The `OTEL_PROPAGATORS` name: tracecontext, baggage, b3, b3multi, jaeger. */
  readonly name: string;
  inject(context: TraceContextData, set: CarrierSetter): void;
  /**
   * Returns what this format found: ids (both, or neither) and baggage.
   * Malformed input is ignored, never thrown.
   */
  extract(get: CarrierGetter, keys: CarrierKeys): Partial<TraceContextData> | undefined;
}

/** What a sampler decides for a new root or child span. */
export interface SamplingDecision {
  sampled: boolean;
}

/** Decides whether a trace is recorded. */
export interface Sampler {
  readonly description: string;
  /**
   * @param traceId the new span's trace id
   * @param parent the parent's context, if the span has one (local or remote)
   * @param parentIsRemote true when the parent came from an extracted header
   */
  shouldSample(traceId: string, parent: TraceContextData | undefined, parentIsRemote: boolean): boolean;
}
