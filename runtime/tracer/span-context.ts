import * as opentracing from 'opentracing';
import type { TraceContextData } from '../model';
import { FLAG_SAMPLED } from '../propagation/tracecontext';
import { newSpanId, newTraceId } from './ids';


/** Baggage nobody has set yet; shared, never written (baggage is copied on write). */
export const NO_BAGGAGE: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The context of one of our spans, or one extracted from a carrier. It is the
 * propagators' `TraceContextData` itself, so injecting needs no conversion.
 *
 * A new span's ids are made when first read, not when the span starts: a
 * sampled-out root whose context nobody injects or asks about costs no id at
 * all. Once read, an id never changes (it is kept on the context).
 */
export class SpanweaveSpanContext extends opentracing.SpanContext implements TraceContextData {
  // Fields set in the constructor only (see context-span.ts, ContextSpan).
  /** The trace id once made or given; undefined until a new root's is first read. */
  private declare knownTraceId: string | undefined;
  /** The span id once made or given; undefined until a new span's is first read. */
  private declare knownSpanId: string | undefined;
  declare traceFlags: number;
  /** Copied on write: a child starts with its parent's object, `setBaggageItem` replaces it. */
  declare baggage: Record<string, string>;
  declare readonly traceState: string | undefined;
  /** True for a context extracted from a carrier (the parent lives in another process). */
  declare readonly remote: boolean;
  declare readonly debug: boolean | undefined;
  /** A remote sender passed ids but left the sampling decision to us (B3 without a sampling state). */
  declare readonly samplingDeferred: boolean | undefined;

  constructor(
    /** Undefined for a new trace: made on first read. */
    traceId: string | undefined,
    /** Undefined for a new span: made on first read. */
    spanId: string | undefined,
    traceFlags: number,
    baggage: Record<string, string>,
    traceState: string | undefined,
    remote: boolean,
    debug?: boolean,
    samplingDeferred?: boolean,
  ) {
    super();
    this.knownTraceId = traceId;
    this.knownSpanId = spanId;
    this.traceFlags = traceFlags;
    this.baggage = baggage;
    this.traceState = traceState;
    this.remote = remote;
    this.debug = debug;
    this.samplingDeferred = samplingDeferred;
  }

  /** 32 lowercase hex characters. */
  get traceId(): string {
    return (this.knownTraceId ??= newTraceId());
  }

  /** 16 lowercase hex characters. */
  get spanId(): string {
    return (this.knownSpanId ??= newSpanId());
  }

  override toTraceId(): string {
    return this.traceId;
  }

  override toSpanId(): string {
    return this.spanId;
  }

  /** True when the trace is recorded (sampled flag set). */
  get sampled(): boolean {
    return (this.traceFlags & FLAG_SAMPLED) !== 0;
  }

  /** Sets one baggage item on this context only (a new object: children keep theirs). */
  setBaggage(key: string, value: string): void {
    this.baggage = { ...this.baggage, [key]: value };
  }

  /** A context made from propagated data (extract), marked remote. */
  static fromData(data: TraceContextData): SpanweaveSpanContext {
    return new SpanweaveSpanContext(
      data.traceId,
      data.spanId,
      data.traceFlags,
      data.baggage,
      data.traceState,
      true,
      data.debug,
      data.samplingDeferred,
    );
  }
}
