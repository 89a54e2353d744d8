import * as opentracing from 'opentracing';
import { SpanweaveSpanContext } from './span-context';
import type { Tracer } from './tracer';

const hasOwn = Object.hasOwn;

/**
 * What every span of ours has, recorded or not: a context, the tracer that
 * made it, and baggage (baggage travels even when the trace is not recorded).
 */
export abstract class ContextSpan extends opentracing.Span {
  // The hot classes declare their fields with `declare` and set them in the constructor only: an
  // ES2022 class field is defined once by its initializer and then assigned again, and its
  // initializer is one more call that V8 cannot always inline into a span's start.
  /** @internal the tracer that made the span */
  declare readonly owner: Tracer;
  /** Set by the constructor, or on first read for a span that makes its context lazily. */
  private declare knownContext: SpanweaveSpanContext | undefined;

  constructor(spanContext: SpanweaveSpanContext | undefined, owner: Tracer) {
    super();
    this.owner = owner;
    this.knownContext = spanContext;
  }

  /** @internal the span's context; read through `context()` */
  get spanContext(): SpanweaveSpanContext {
    return (this.knownContext ??= this.makeContext());
  }

  /** The context of a span constructed without one: only a sampled-out root is (non-recording-span.ts). */
  protected makeContext(): SpanweaveSpanContext {
    throw new Error('spanweave: a span without a context');
  }

  override context(): SpanweaveSpanContext {
    return this.spanContext;
  }

  override tracer(): Tracer {
    return this.owner;
  }

  override setBaggageItem(key: string, value: string): this {
    this.spanContext.setBaggage(String(key), String(value));
    return this;
  }

  override getBaggageItem(key: string): string | undefined {
    const baggage = this.spanContext.baggage;
    return hasOwn(baggage, key) ? baggage[key] : undefined;
  }
}

/** Our span or span context's context; undefined for another tracer's (it cannot be a parent of ours). */
export function ownContextOf(target: opentracing.Span | opentracing.SpanContext | undefined): SpanweaveSpanContext | undefined {
  if (target instanceof ContextSpan) return target.spanContext;
  if (target instanceof SpanweaveSpanContext) return target;
  return undefined;
}
