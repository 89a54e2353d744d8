import * as opentracing from 'opentracing';
import { SpanweaveSpanContext } from './span-context';
import type { Tracer } from './tracer';

const hasOwn = Object.hasOwn;

/**
 * What every span of ours has, recorded or not: a context, the tracer that
 * made it, and baggage (baggage travels even when the trace is not recorded).
 */
export abstract class ContextSpan extends opentracing.Span {
  constructor(
    /** @internal the span's context; read through `context()` */
    readonly spanContext: SpanweaveSpanContext,
    /** @internal the tracer that made the span */
    readonly owner: Tracer,
  ) {
    super();
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
