import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as opentracing from 'opentracing';
import { diagnostics, init, MemoryReporter, Tracer, type FinishedSpan } from 'spanweave/runtime';

function recording(options: ConstructorParameters<typeof Tracer>[0] = {}) {
  const memory = new MemoryReporter();
  const tracer = new Tracer({ serviceName: 'svc', reporters: [memory], ...options });
  const only = (): FinishedSpan => {
    const spans = memory.spans();
    assert.equal(spans.length, 1);
    return spans[0];
  };
  return { memory, tracer, only };
}

test('ids are 128-bit trace ids and 64-bit span ids in lowercase hex, and differ', () => {
  const { tracer } = recording();
  const traceIds = new Set<string>();
  const spanIds = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const context = tracer.startSpan('op').context();
    assert.match(context.toTraceId(), /^[0-9a-f]{32}$/);
    assert.match(context.toSpanId(), /^[0-9a-f]{16}$/);
    assert.doesNotMatch(context.toTraceId(), /^0+$/);
    traceIds.add(context.toTraceId());
    spanIds.add(context.toSpanId());
  }
  assert.equal(traceIds.size, 2000);
  assert.equal(spanIds.size, 2000);
});

test('a finished span has the documented shape, with microsecond times', () => {
  const { tracer, only } = recording();
  const before = Date.now() * 1000;
  const span = tracer.startSpan('root', { tags: { 'http.method': 'GET' } });
  span.finish();
  const after = Date.now() * 1000;
  const finished = only();
  assert.deepEqual(Object.keys(finished).sort(), [
    'baggage', 'duration', 'logs', 'operationName', 'references', 'service', 'spanId', 'startTime', 'tags', 'traceFlags', 'traceId',
  ]);
  assert.equal(finished.operationName, 'root');
  assert.equal(finished.service, 'svc');
  assert.deepEqual(finished.tags, { 'http.method': 'GET' });
  assert.equal(finished.traceFlags, 0x03, 'sampled, random trace id');
  assert.ok(Number.isInteger(finished.startTime) && Number.isInteger(finished.duration));
  assert.ok(Math.abs(finished.startTime - before) < 1_000_000 && Math.abs(finished.startTime + finished.duration - after) < 1_000_000, "epoch microseconds");
});

test('childOf a span or a span context makes a child in the same trace', () => {
  const { tracer, memory } = recording();
  const root = tracer.startSpan('root');
  tracer.startSpan('a', { childOf: root }).finish();
  tracer.startSpan('b', { childOf: root.context() }).finish();
  root.finish();
  const [a, b, r] = memory.spans();
  for (const child of [a, b]) {
    assert.equal(child.traceId, r.traceId);
    assert.equal(child.parentId, r.spanId);
    assert.deepEqual(child.references, [{ type: 'child_of', traceId: r.traceId, spanId: r.spanId }]);
  }
  assert.equal(r.parentId, undefined);
  assert.deepEqual(r.references, []);
});

test('references: the first CHILD_OF is the parent; FOLLOWS_FROM alone keeps the trace; options are not mutated', () => {
  const { tracer, memory } = recording();
  const x = tracer.startSpan('x');
  const y = tracer.startSpan('y');
  const options = { references: [opentracing.followsFrom(x.context()), opentracing.childOf(y), opentracing.childOf(x)] };
  tracer.startSpan('both', options).finish();
  assert.equal(options.references.length, 3);
  tracer.startSpan('follows', { references: [opentracing.followsFrom(x)] }).finish();
  const [both, follows] = memory.spans();
  assert.equal(both.parentId, y.context().toSpanId());
  assert.deepEqual(
    both.references.map((r) => [r.type, r.spanId]),
    [['follows_from', x.context().toSpanId()], ['child_of', y.context().toSpanId()], ['child_of', x.context().toSpanId()]],
  );
  assert.equal(follows.traceId, x.context().toTraceId());
  assert.equal(follows.parentId, x.context().toSpanId());
  assert.equal(follows.references[0].type, 'follows_from');
});

test('a parent from another tracer is ignored: the span starts a new trace', () => {
  const { tracer, only } = recording();
  const foreign = new opentracing.MockTracer().startSpan('foreign');
  tracer.startSpan('mine', { childOf: foreign }).finish();
  assert.equal(only().parentId, undefined);
});

test('startTime, finish time and log timestamps are taken in milliseconds and kept in microseconds', () => {
  const { tracer, only } = recording();
  const span = tracer.startSpan('timed', { startTime: 1_700_000_000_000.5 });
  span.log({ event: 'x' }, 1_700_000_000_001);
  span.finish(1_700_000_000_002.25);
  const finished = only();
  assert.equal(finished.startTime, 1_700_000_000_000_500);
  assert.equal(finished.duration, 1750);
  assert.deepEqual(finished.logs, [{ timestamp: 1_700_000_000_001_000, fields: { event: 'x' } }]);
});

test('setTag, addTags, log, logEvent and setOperationName are recorded; values are kept as tags allow', () => {
  const { tracer, only } = recording();
  const fields = { event: 'cache', hit: true };
  const span = tracer
    .startSpan('first')
    .setOperationName('second')
    .setTag('n', 1)
    .addTags({ s: 'x', b: false, o: { toString: () => 'object' }, u: undefined, constructor: 'c' })
    .log(fields);
  fields.hit = false;
  span.logEvent('done', { rows: 2 });
  span.finish();
  const finished = only();
  assert.equal(finished.operationName, 'second');
  assert.deepEqual(finished.tags, { n: 1, s: 'x', b: false, o: 'object', constructor: 'c' });
  assert.deepEqual(
    finished.logs.map((l) => l.fields),
    [{ event: 'cache', hit: true }, { event: 'done', payload: { rows: 2 } }],
  );
});

test('limits cut tags, logs and long values, and the span counts what was cut', () => {
  const { tracer, only } = recording({ limits: { maxTags: 2, maxLogs: 1, maxValueLength: 5 } });
  const before = diagnostics();
  const span = tracer.startSpan('limited');
  span.addTags({ a: 1, b: 'abcdefgh', c: 3 });
  span.setTag('a', 'overwrite ok');
  span.log({ m: 'long message' }).log({ m: 'second' });
  span.finish();
  const finished = only();
  assert.deepEqual(finished.tags, { a: 'overw', b: 'abcde' });
  assert.deepEqual(finished.logs.map((l) => l.fields), [{ m: 'long ' }]);
  assert.deepEqual(finished.dropped, { tags: 1, logs: 1, truncatedValues: 3 });
  const after = diagnostics();
  assert.equal(after.tagsDropped - before.tagsDropped, 1);
  assert.equal(after.logsDropped - before.logsDropped, 1);
  assert.equal(after.valuesTruncated - before.valuesTruncated, 3);
});

test('a second finish is ignored and counted; changes after finish are ignored', () => {
  const { tracer, only } = recording();
  const before = diagnostics().doubleFinishes;
  const span = tracer.startSpan('once');
  span.finish();
  span.setTag('late', true);
  span.finish();
  assert.deepEqual(only().tags, {});
  assert.equal(diagnostics().doubleFinishes - before, 1);
});

test('baggage is inherited by children and copied on write', () => {
  const { tracer } = recording();
  const root = tracer.startSpan('root').setBaggageItem('user', 'u1');
  const child = tracer.startSpan('child', { childOf: root });
  child.setBaggageItem('tenant', 't1');
  assert.equal(child.getBaggageItem('user'), 'u1');
  assert.equal(root.getBaggageItem('tenant'), undefined);
  assert.equal(root.getBaggageItem('toString'), undefined);
  child.finish();
  root.finish();
});

test('a reporter that throws never reaches the caller and is counted; the others still get the span', () => {
  const memory = new MemoryReporter();
  const throwing = {
    report() {
      throw new Error('reporter bug');
    },
    flush: () => Promise.reject(new Error('flush bug')),
  };
  const tracer = new Tracer({ reporters: [throwing, memory] });
  const before = diagnostics().reporterErrors;
  tracer.startSpan('op').finish();
  assert.equal(memory.spans().length, 1);
  assert.equal(diagnostics().reporterErrors - before, 1);
  return tracer.flush().then(() => assert.equal(diagnostics().reporterErrors - before, 2));
});

test('a sampler that rejects gives a non-recording span that still carries its context; its children follow', () => {
  const memory = new MemoryReporter();
  const tracer = new Tracer({ reporters: [memory], sampler: { description: 'never', shouldSample: () => false } });
  const before = diagnostics().spansSampledOut;
  const root = tracer.startSpan('root').setTag('ignored', 1).setBaggageItem('k', 'v');
  const child = tracer.startSpan('child', { childOf: root });
  root.finish();
  assert.match(root.context().toTraceId(), /^[0-9a-f]{32}$/);
  assert.equal(child.context().toTraceId(), root.context().toTraceId());
  assert.equal(child.getBaggageItem('k'), 'v');
  assert.equal(root.context().traceFlags & 1, 0);
  assert.equal(memory.spans().length, 0);
  assert.equal(diagnostics().spansSampledOut - before, 2);
});

test('without a sampler, children follow the parent\'s sampled flag', () => {
  const tracer = new Tracer({ propagators: init({ propagators: ['tracecontext'] })!.propagators.slice() });
  const remote = tracer.extract(opentracing.FORMAT_HTTP_HEADERS, {
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00',
  });
  assert.ok(remote);
  const child = tracer.startSpan('child', { childOf: remote });
  assert.equal(child.context().toTraceId(), '4bf92f3577b34da6a3ce929d0e0e4736');
  assert.equal(child.context().traceFlags & 1, 0);
});

test('inject writes the configured formats; a bad carrier or format never throws', () => {
  const tracer = init({ reporters: [], propagators: ['tracecontext'] })!;
  const span = tracer.startSpan('out');
  const headers: Record<string, string> = {};
  tracer.inject(span, opentracing.FORMAT_HTTP_HEADERS, headers);
  assert.equal(headers.traceparent, `00-${span.context().toTraceId()}-${span.context().toSpanId()}-03`);
  for (const carrier of [null, undefined, 42, 'text', Object.freeze({})]) {
    tracer.inject(span, opentracing.FORMAT_TEXT_MAP, carrier);
    assert.equal(tracer.extract(opentracing.FORMAT_TEXT_MAP, carrier), null);
  }
  tracer.inject(span, 'unknown-format', {});
  assert.equal(tracer.extract('unknown-format', {}), null);
});

test('FORMAT_BINARY round-trips a context, baggage and flags included; odd carriers give null', () => {
  const tracer = new Tracer();
  const span = tracer.startSpan('out').setBaggageItem('user', 'u1');
  const carrier = new opentracing.BinaryCarrier([]);
  tracer.inject(span.context(), opentracing.FORMAT_BINARY, carrier);
  const extracted = tracer.extract(opentracing.FORMAT_BINARY, carrier);
  assert.ok(extracted);
  assert.equal(extracted.toTraceId(), span.context().toTraceId());
  assert.equal(extracted.toSpanId(), span.context().toSpanId());
  const child = tracer.startSpan('in', { childOf: extracted });
  assert.equal(child.getBaggageItem('user'), 'u1');
  assert.equal(child.context().traceFlags & 1, 1);
  for (const odd of [{}, { buffer: null }, new opentracing.BinaryCarrier([1, 2, 3]), null]) {
    assert.equal(tracer.extract(opentracing.FORMAT_BINARY, odd), null);
  }
});
