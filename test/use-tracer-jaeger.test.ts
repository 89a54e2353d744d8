// jaeger-client (a real OpenTracing tracer) plugged in with useTracer():
// spans nest through spanweave's scope manager, across await and timers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as opentracing from 'opentracing';
import { activeSpan, trace, useTracer } from 'spanweave/runtime';
import { startSpanUnderActive } from '../runtime/tracing';

// jaeger-client ships no types: the little of it used here.
interface JaegerSpan extends opentracing.Span {
  operationName: string;
  context(): opentracing.SpanContext & { spanIdStr: string; parentIdStr: string | null; traceIdStr: string };
  _tags: Array<{ key: string; value: unknown }>;
}
interface JaegerModule {
  Tracer: new (service: string, reporter: unknown, sampler: unknown) => opentracing.Tracer & { close(cb?: () => void): void };
  InMemoryReporter: new () => { spans: JaegerSpan[] };
  ConstSampler: new (decision: boolean) => unknown;
}
const jaeger = require('jaeger-client') as JaegerModule;

const reporter = new jaeger.InMemoryReporter();
const jaegerTracer = new jaeger.Tracer('jaeger-test', reporter, new jaeger.ConstSampler(true));
after(() => jaegerTracer.close());

function spanNamed(name: string): JaegerSpan {
  const span = reporter.spans.find((s) => s.operationName === name);
  assert.ok(span, `jaeger recorded ${name}`);
  return span;
}

test('trace() with jaeger-client: children nest across await and timers, siblings stay siblings', async () => {
  useTracer(jaegerTracer);
  await trace('outer', async (outer) => {
    assert.equal(activeSpan(), outer);
    await sleep(1);
    await Promise.all([
      trace('left', async () => {
        await sleep(1);
        trace('left.leaf', () => {});
      }),
      trace('right', () => new Promise<void>((resolve) => setTimeout(resolve, 1))),
    ]);
  });
  const outer = spanNamed('outer').context();
  for (const name of ['left', 'right']) assert.equal(spanNamed(name).context().parentIdStr, outer.spanIdStr);
  assert.equal(spanNamed('left.leaf').context().parentIdStr, spanNamed('left').context().spanIdStr);
  assert.equal(spanNamed('left.leaf').context().traceIdStr, outer.traceIdStr);
});

test('startSpanUnderActive starts jaeger spans under the active one, with kind and tags, and errors are tagged', () => {
  useTracer(jaegerTracer);
  const error = new Error('jaeger failure');
  assert.throws(
    () =>
      trace('handler', () => {
        const client = startSpanUnderActive('GET', { kind: 'client', tags: { 'http.method': 'GET' } });
        assert.ok(client);
        client.finish();
        throw error;
      }),
    (thrown) => thrown === error,
  );
  const client = spanNamed('GET');
  assert.equal(client.context().parentIdStr, spanNamed('handler').context().spanIdStr);
  const tags = Object.fromEntries(client._tags.map((t) => [t.key, t.value]));
  assert.equal(tags['span.kind'], 'client');
  assert.equal(tags['http.method'], 'GET');
  assert.ok(spanNamed('handler')._tags.some((t) => t.key === 'error' && t.value === true));
});
