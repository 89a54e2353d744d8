import * as opentracing from 'opentracing';
import type { TraceContextData } from '../model';
import { FLAG_SAMPLED } from '../propagation/tracecontext';


/** Baggage nobody has set yet; shared, never written (baggage is copied on write). */
export const NO_BAGGAGE: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The context of one of our spans, or one extracted from a carrier. It is the
 * propagators' `TraceContextData` itself, so injecting needs no conversion.
 */
export class SpanweaveSpanContext extends opentracing.SpanContext implements TraceContextData {
  constructor(
    readonly traceId: string,
    readonly spanId: string,
    public traceFlags: number,
    /** Copied on write: a child starts with its parent's object, `setBaggageItem` replaces it. */
    public baggage: Record<string, string>,
    readonly traceState: string | undefined,
    /** True for a context extracted from a carrier (the parent lives in another process). */
    readonly remote: boolean,
    readonly debug?: boolean,
    /** A remote sender passed ids but left the sampling decision to us (B3 without a sampling state). */
    readonly samplingDeferred?: boolean,
  ) {
    super();
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
