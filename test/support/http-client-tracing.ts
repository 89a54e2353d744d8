/**
 * Tracing set up for the HTTP client tests: spanweave's tracer reporting to
 * memory, a parent span to call under, and a poll for client spans (they
 * finish when a response ends, after the call returned).
 */
import assert from 'node:assert/strict';
import { init, MemoryReporter, trace, type FinishedSpan, type HttpOptions } from 'spanweave/runtime';

export const memory = new MemoryReporter();

/** (Re)initialises the tracer with the memory reporter and these HTTP options, and forgets earlier spans. */
export function setUpTracing(http: HttpOptions = {}): void {
  init({ serviceName: 'client-tests', reporters: [memory], sampler: 'always_on', propagators: ['tracecontext'], http });
  memory.clear();
}

/** Runs `fn` under a parent span and returns what it returns, with the parent's ids. */
export async function underParent<T>(fn: () => Promise<T>): Promise<{ value: T; parent: { traceId: string; spanId: string } }> {
  let parent = { traceId: '', spanId: '' };
  const value = await trace('parent', (span) => {
    const context = span.context();
    parent = { traceId: context.toTraceId(), spanId: context.toSpanId() };
    return fn();
  });
  return { value, parent };
}

export function clientSpans(): FinishedSpan[] {
  return memory.spans().filter((s) => s.tags['span.kind'] === 'client');
}

/** Waits until `count` client spans have finished (polling; it returns as soon as they have), then returns them. */
export async function finishedClientSpans(count = 1): Promise<FinishedSpan[]> {
  for (let i = 0; i < 2000 && clientSpans().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  const spans = clientSpans();
  assert.equal(spans.length, count, `expected ${count} client span(s), got ${spans.length}`);
  return spans;
}

/** The ids a W3C traceparent header carries. */
export function traceparentIds(header: unknown): { traceId: string; spanId: string } {
  assert.equal(typeof header, 'string', `a traceparent header was sent: ${String(header)}`);
  const [, traceId, spanId] = String(header).split('-');
  return { traceId: traceId!, spanId: spanId! };
}

/** Asserts that `span` is a client span of the parent, and that the request carried its context. */
export function assertPropagated(span: FinishedSpan, parent: { traceId: string; spanId: string }, sent: unknown): void {
  assert.equal(span.traceId, parent.traceId);
  assert.equal(span.parentId, parent.spanId);
  assert.deepEqual(traceparentIds(sent), { traceId: span.traceId, spanId: span.spanId });
}
