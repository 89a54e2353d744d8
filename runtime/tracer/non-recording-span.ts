import type { TagValue } from '../model';
import { FLAG_RANDOM } from '../propagation/tracecontext';
import { ContextSpan } from './context-span';
import { NO_BAGGAGE, SpanweaveSpanContext } from './span-context';
import type { Tracer } from './tracer';

/**
 * A span the sampler rejected. It records nothing, and exists so that its
 * context (trace id, sampled=0, baggage) is active and propagates: children
 * and outgoing calls stay in the same, unrecorded, trace.
 *
 * The base class's `setTag` and `logEvent` allocate an object per call
 * before reaching the no-op hook; these overrides skip even that.
 *
 * A sampled-out root is constructed without a context: it makes one (a new
 * trace, unsampled, no baggage) when first asked, so a root nobody asks
 * about costs one object.
 */
export class NonRecordingSpan extends ContextSpan {
  // Explicit, not the implicit `(...args)` one, so V8 inlines the whole constructor chain into the caller.
  constructor(spanContext: SpanweaveSpanContext | undefined, owner: Tracer) {
    super(spanContext, owner);
  }

  protected override makeContext(): SpanweaveSpanContext {
    return new SpanweaveSpanContext(undefined, undefined, FLAG_RANDOM, NO_BAGGAGE, undefined, false, undefined);
  }

  override setOperationName(_name: string): this {
    return this;
  }

  override setTag(_key: string, _value: TagValue | unknown): this {
    return this;
  }

  override addTags(_tags: Record<string, unknown>): this {
    return this;
  }

  override log(_fields: Record<string, unknown>, _timestamp?: number): this {
    return this;
  }

  override logEvent(_event: string, _payload?: unknown): void {}

  override finish(_finishTime?: number): void {}
}
