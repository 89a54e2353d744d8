import { counters } from '../diagnostics';
import type { FinishedSpan, SpanLog, SpanReference, TagValue } from '../model';
import { millisToMicros, nowMicros } from './clock';
import { ContextSpan } from './context-span';
import type { SharedTags } from './shared-tags';
import type { SpanweaveSpanContext } from './span-context';
import type { Tracer } from './tracer';

const hasOwn = Object.hasOwn;

// What a span without tags, logs or references reports: shared and frozen, so
// such a span costs no objects for them (reporters only read a FinishedSpan).
const NO_TAGS: Record<string, TagValue> = Object.freeze({}) as Record<string, TagValue>;
const NO_LOGS: SpanLog[] = Object.freeze([]) as unknown as SpanLog[];
const NO_REFERENCES: SpanReference[] = Object.freeze([]) as unknown as SpanReference[];

/** What the limits cut from one span. */
interface Dropped {
  tags: number;
  logs: number;
  truncatedValues: number;
}

/**
 * A recorded span. Tags, logs and the cut counts are created on first use,
 * so a span with none costs no objects for them; a span started with shared
 * tags refers to them until its first `setTag` copies them. Every field is
 * set in the constructor, so all spans have one shape. The public methods are
 * overridden directly (not through the base class's `_addTags`/`_log` hooks)
 * because the base `setTag` allocates an object per call.
 */
export class RecordingSpan extends ContextSpan {
  // Fields set in the constructor only (see context-span.ts, ContextSpan).
  private declare operationName: string;
  private declare readonly parentId: string | undefined;
  /** Set only when the span was started with explicit references. */
  private declare readonly references: SpanReference[] | undefined;
  private declare readonly startTime: number;
  private declare tags: Record<string, TagValue> | undefined;
  /** `tags` is a `SharedTags` object (frozen): copy it before writing. */
  private declare tagsShared: boolean;
  private declare tagCount: number;
  private declare logs: SpanLog[] | undefined;
  private declare dropped: Dropped | undefined;
  private declare finished: boolean;

  constructor(
    owner: Tracer,
    spanContext: SpanweaveSpanContext,
    operationName: string,
    parentId: string | undefined,
    references: SpanReference[] | undefined,
    startTime: number,
  ) {
    super(spanContext, owner);
    this.operationName = operationName;
    this.parentId = parentId;
    this.references = references;
    this.startTime = startTime;
    this.tags = undefined;
    this.tagsShared = false;
    this.tagCount = 0;
    this.logs = undefined;
    this.dropped = undefined;
    this.finished = false;
  }

  override setOperationName(name: string): this {
    if (!this.finished) this.operationName = String(name);
    return this;
  }

  override setTag(key: string, value: unknown): this {
    if (!this.finished) this.putTag(key, value);
    return this;
  }

  override addTags(tags: Record<string, unknown>): this {
    if (this.finished || tags === null || typeof tags !== 'object') return this;
    for (const key of Object.keys(tags)) this.putTag(key, tags[key]);
    return this;
  }

  override log(fields: Record<string, unknown>, timestamp?: number): this {
    if (this.finished || fields === null || typeof fields !== 'object') return this;
    const logs = (this.logs ??= []);
    if (logs.length >= this.owner.limits.maxLogs) {
      this.cut().logs++;
      counters.logsDropped++;
      return this;
    }
    const time = typeof timestamp === 'number' ? millisToMicros(timestamp) : nowMicros();
    logs.push({ timestamp: time, fields: this.copyFields(fields) });
    return this;
  }

  override logEvent(event: string, payload?: unknown): void {
    this.log(payload === undefined ? { event } : { event, payload });
  }

  /** Finishes the span and hands it to the reporters; a second call is ignored and counted. */
  override finish(finishTime?: number): void {
    if (this.finished) {
      counters.doubleFinishes++;
      return;
    }
    this.finished = true;
    const end = typeof finishTime === 'number' ? millisToMicros(finishTime) : nowMicros();
    counters.spansFinished++;
    this.owner.report(this.toFinished(end));
  }

  /**
   * @internal Starts the span with `shared` tags, not copied. The caller has
   * checked them against the limits (`Tracer.startChild`).
   */
  shareTags(shared: SharedTags): void {
    this.tags = shared.values as Record<string, TagValue>;
    this.tagsShared = true;
    this.tagCount = shared.count;
  }

  /** True once `finish` was called. */
  isFinished(): boolean {
    return this.finished;
  }

  private putTag(key: string, value: unknown): void {
    const kept = this.tagValue(value);
    if (kept === undefined) return;
    if (this.tagsShared) {
      this.tags = { ...this.tags };
      this.tagsShared = false;
    }
    const tags = (this.tags ??= {});
    if (tags[key] === undefined || !hasOwn(tags, key)) {
      if (this.tagCount >= this.owner.limits.maxTags) {
        this.cut().tags++;
        counters.tagsDropped++;
        return;
      }
      this.tagCount++;
    }
    tags[key] = kept;
  }

  /** A tag value as the wire allows it: strings (within the length limit), numbers, booleans; anything else as its string. */
  private tagValue(value: unknown): TagValue | undefined {
    switch (typeof value) {
      case 'string':
        return this.limited(value);
      case 'number':
      case 'boolean':
        return value;
      case 'undefined':
        return undefined;
      default:
        return this.limited(printable(value));
    }
  }

  private limited(value: string): string {
    const max = this.owner.limits.maxValueLength;
    if (value.length <= max) return value;
    this.cut().truncatedValues++;
    counters.valuesTruncated++;
    return value.slice(0, max);
  }

  /** A copy of a log's fields (the caller may reuse its object), with long strings truncated. */
  private copyFields(fields: Record<string, unknown>): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      copy[key] = typeof value === 'string' ? this.limited(value) : value;
    }
    return copy;
  }

  private cut(): Dropped {
    return (this.dropped ??= { tags: 0, logs: 0, truncatedValues: 0 });
  }

  private toFinished(end: number): FinishedSpan {
    const context = this.spanContext;
    const finished: FinishedSpan = {
      traceId: context.traceId,
      spanId: context.spanId,
      operationName: this.operationName,
      service: this.owner.serviceName,
      startTime: this.startTime,
      duration: end > this.startTime ? end - this.startTime : 0,
      tags: this.tags ?? NO_TAGS,
      logs: this.logs ?? NO_LOGS,
      references:
        this.references ?? (this.parentId === undefined ? NO_REFERENCES : [{ type: 'child_of', traceId: context.traceId, spanId: this.parentId }]),
      baggage: context.baggage,
      traceFlags: context.traceFlags,
    };
    if (this.parentId !== undefined) finished.parentId = this.parentId;
    if (context.traceState !== undefined) finished.traceState = context.traceState;
    if (this.dropped !== undefined) finished.dropped = this.dropped;
    return finished;
  }
}

/** `String(value)`, or a placeholder when the value's own conversion throws. */
function printable(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[unprintable]';
  }
}
