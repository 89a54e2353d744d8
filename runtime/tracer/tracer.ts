import * as opentracing from 'opentracing';
import { counters } from '../diagnostics';
import type { FinishedSpan, Propagator, Reporter, Sampler, SpanReference, TagValue, TraceContextData } from '../model';
import { extractBinary, extractFrom, injectBinary, injectInto } from '../propagation/index';
import { countFault } from '../safe';
import { millisToMicros, nowMicros } from './clock';
import { ownContextOf } from './context-span';
import { resolveLimits, type SpanLimits } from './limits';
import { NonRecordingSpan } from './non-recording-span';
import { lineageOf } from './references';
import { RecordingSpan } from './span';
import { SharedTags } from './shared-tags';
import { fixedRootDecision } from '../sampling/root-decision';
import { FLAG_RANDOM, FLAG_SAMPLED } from '../propagation/tracecontext';
import { NO_BAGGAGE, SpanweaveSpanContext } from './span-context';

/** The service name when none is configured, as OpenTelemetry names it. */
export const DEFAULT_SERVICE_NAME = 'unknown_service:node';

/** How a Tracer is built. `init()` builds one from its options and the environment. */
export interface TracerOptions {
  /** The `service` of every finished span. Default: `unknown_service:node`. */
  serviceName?: string;
  /**
   * Decides which traces are recorded. Default: follow the parent's sampled
   * flag, and record every new trace (OpenTelemetry's parentbased_always_on).
   */
  sampler?: Sampler;
  /** Where finished spans go. Default: none (spans are recorded, then discarded). */
  reporters?: Reporter[];
  /** The formats `inject` writes and `extract` tries, in order. Default: none. */
  propagators?: Propagator[];
  /** Per-span limits; each one left out keeps its default. */
  limits?: Partial<SpanLimits>;
}

/**
 * spanweave's OpenTracing tracer. Spans it records are handed, finished, to
 * each reporter as a `FinishedSpan`; spans the sampler rejects are
 * `NonRecordingSpan`s that only carry their context.
 */
export class Tracer extends opentracing.Tracer {
  readonly serviceName: string;
  readonly sampler: Sampler | undefined;
  readonly reporters: readonly Reporter[];
  readonly propagators: readonly Propagator[];
  readonly limits: Readonly<SpanLimits>;
  /** The sampler's decision for every new root when it does not depend on the trace id; else undefined. */
  private readonly rootDecision: boolean | undefined;

  constructor(options: TracerOptions = {}) {
    super();
    this.serviceName = options.serviceName ?? DEFAULT_SERVICE_NAME;
    this.sampler = options.sampler;
    this.reporters = [...(options.reporters ?? [])];
    this.propagators = [...(options.propagators ?? [])];
    this.limits = Object.freeze(resolveLimits(options.limits));
    this.rootDecision = this.sampler === undefined ? true : fixedRootDecision(this.sampler);
  }

  /**
   * Starts a span. Overrides the public method rather than `_startSpan`
   * because the base one allocates a Reference per `childOf` and deletes
   * `childOf` from the caller's options object.
   */
  override startSpan(name: string, options?: opentracing.SpanOptions): RecordingSpan | NonRecordingSpan {
    if (options === undefined || options === null) return this.begin(String(name), undefined, undefined, undefined, undefined);
    const { parent, references } = lineageOf(options);
    const start = typeof options.startTime === 'number' ? millisToMicros(options.startTime) : undefined;
    return this.begin(String(name), parent, references, options.tags, start);
  }

  /**
   * @internal The hot path of `startSpanUnderActive`: a child of `parent`
   * (ours, or none) without an options object. `tags` may be shared ones
   * (an instrumented function's), which the span refers to without copying.
   * Undefined when the parent is a non-recording span: it stays active and
   * already carries the context its child would carry.
   */
  startChild(
    name: string,
    parent: opentracing.Span | opentracing.SpanContext | undefined,
    tags: SharedTags | Record<string, TagValue> | undefined,
    kind: 'client' | 'server' | undefined,
  ): RecordingSpan | NonRecordingSpan | undefined {
    if (parent === undefined && this.rootDecision === false) return this.sampledOutRoot();
    if (parent instanceof NonRecordingSpan) return undefined;
    const span = this.begin(name, ownContextOf(parent), undefined, undefined, undefined);
    if (tags !== undefined || kind !== undefined) this.startTags(span, tags, kind);
    return span;
  }

  private startTags(
    span: RecordingSpan | NonRecordingSpan,
    tags: SharedTags | Record<string, TagValue> | undefined,
    kind: 'client' | 'server' | undefined,
  ): void {
    if (!(span instanceof RecordingSpan)) return;
    if (tags instanceof SharedTags) {
      if (tags.count <= this.limits.maxTags && tags.longest <= this.limits.maxValueLength) span.shareTags(tags);
      else span.addTags(tags.values);
    } else if (tags !== undefined) span.addTags(tags);
    if (kind !== undefined) span.setTag('span.kind', kind);
  }

  /**
   * A new root the sampler rejects whatever its trace id (`rootDecision`):
   * no context until one is asked for (non-recording-span.ts).
   */
  private sampledOutRoot(): NonRecordingSpan {
    counters.spansSampledOut++;
    return new NonRecordingSpan(undefined, this);
  }

  /**
   * A new span: a child of `parent`, or a new root. The context's ids are made
   * when first read (span-context.ts); a root sampled out by a sampler that
   * does not look at trace ids gets no context until one is asked for.
   */
  private begin(
    name: string,
    parent: SpanweaveSpanContext | undefined,
    references: SpanReference[] | undefined,
    tags: Record<string, unknown> | undefined,
    startTime: number | undefined,
  ): RecordingSpan | NonRecordingSpan {
    if (parent === undefined && this.rootDecision === false) return this.sampledOutRoot();
    const context =
      parent === undefined
        ? new SpanweaveSpanContext(undefined, undefined, FLAG_RANDOM, NO_BAGGAGE, undefined, false, undefined)
        : new SpanweaveSpanContext(parent.traceId, undefined, parent.traceFlags, parent.baggage, parent.traceState, false, parent.debug);
    if (!this.decide(context, parent)) {
      context.traceFlags &= ~FLAG_SAMPLED;
      counters.spansSampledOut++;
      return new NonRecordingSpan(context, this);
    }
    context.traceFlags |= FLAG_SAMPLED;
    counters.spansStarted++;
    const span = new RecordingSpan(this, context, name, parent === undefined ? undefined : parent.spanId, references, startTime ?? nowMicros());
    if (tags !== undefined) span.addTags(tags);
    return span;
  }

  /** Whether a new span is recorded. Without a sampler, parentbased_always_on is decided here, without a call. */
  private decide(context: SpanweaveSpanContext, parent: SpanweaveSpanContext | undefined): boolean {
    if (parent === undefined && this.rootDecision !== undefined) return this.rootDecision;
    if (this.sampler === undefined) return parent!.sampled || parent!.debug === true || parent!.samplingDeferred === true;
    try {
      return this.sampler.shouldSample(context.traceId, parent, parent !== undefined && parent.remote) === true;
    } catch (error) {
      countFault('sampler', error);
      return false;
    }
  }

  /** Writes the context into the carrier: every configured format for HTTP headers and text maps, our binary encoding for FORMAT_BINARY. */
  protected override _inject(context: opentracing.SpanContext, format: string, carrier: unknown): void {
    const own = ownContextOf(context);
    if (own === undefined) return;
    try {
      if (format === opentracing.FORMAT_BINARY) injectBinary(own, carrier);
      else if (isTextFormat(format)) injectInto(this.propagators, own, carrier);
    } catch (error) {
      countFault('tracer.inject', error);
    }
  }

  /** Reads a remote context from the carrier (formats as for inject); null when none is found. */
  protected override _extract(format: string, carrier: unknown): SpanweaveSpanContext | null {
    try {
      let data: TraceContextData | undefined;
      if (format === opentracing.FORMAT_BINARY) data = extractBinary(carrier);
      else if (isTextFormat(format)) data = extractFrom(this.propagators, carrier);
      return data === undefined ? null : SpanweaveSpanContext.fromData(data);
    } catch (error) {
      countFault('tracer.extract', error);
      return null;
    }
  }

  /** @internal Hands a finished span to every reporter; a reporter that throws is counted, never felt. */
  report(span: FinishedSpan): void {
    const reporters = this.reporters;
    for (let i = 0; i < reporters.length; i++) {
      try {
        reporters[i].report(span);
      } catch {
        counters.reporterErrors++;
      }
    }
  }

  /** Sends what every reporter has queued. Never rejects: failures are counted. */
  flush(): Promise<void> {
    return callEach(this.reporters, 'flush');
  }

  /** Flushes and closes every reporter. Never rejects: failures are counted. */
  close(): Promise<void> {
    return callEach(this.reporters, 'shutdown');
  }

  /** @internal Shuts down the reporters a replacing tracer does not reuse (`init` called again). */
  closeReportersNotIn(kept: readonly Reporter[]): Promise<void> {
    return callEach(
      this.reporters.filter((reporter) => !kept.includes(reporter)),
      'shutdown',
    );
  }
}

function isTextFormat(format: string): boolean {
  return format === opentracing.FORMAT_HTTP_HEADERS || format === opentracing.FORMAT_TEXT_MAP;
}

/** Calls `flush` or `shutdown` on each reporter that has it, at once; a throw or rejection is counted. */
async function callEach(reporters: readonly Reporter[], method: 'flush' | 'shutdown'): Promise<void> {
  const calls = reporters.map(async (reporter) => reporter[method]?.());
  for (const outcome of await Promise.allSettled(calls)) {
    if (outcome.status === 'rejected') counters.reporterErrors++;
  }
}
