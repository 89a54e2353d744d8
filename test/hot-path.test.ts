/**
 * What the fast paths of the tracer must keep: ids made on first read stay the
 * same; a sampled-out trace stays one trace across await, timers and
 * callbacks, and propagates; spans of one instrumented function share its
 * static tags without ever seeing each other's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import * as opentracing from 'opentracing';
import {
  activeSpan,
  diagnostics,
  enterFunction,
  exitFunction,
  functionSite,
  init,
  MemoryReporter,
  trace,
  Tracer,
} from 'spanweave/runtime';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0([0-3])$/;

function injected(span: opentracing.Span): RegExpMatchArray {
  const headers: Record<string, string> = {};
  span.tracer().inject(span.context(), opentracing.FORMAT_HTTP_HEADERS, headers);
  const match = TRACEPARENT.exec(headers.traceparent ?? '');
  assert.ok(match, `traceparent ${headers.traceparent}`);
  return match;
}

test('a sampled-out root reads the same ids every time, and injects them with sampled=0', () => {
  for (const sampler of ['always_off', 'parentbased_always_off']) {
    const tracer = init({ sampler, reporters: [], propagators: ['tracecontext'] })!;
    const root = tracer.startSpan('root');
    const context = root.context();
    const [, traceId, spanId, flags] = injected(root);
    assert.equal(context.toTraceId(), traceId);
    assert.equal(context.toSpanId(), spanId);
    assert.equal(context.toTraceId(), traceId, 'read again: the same id');
    assert.equal(Number(flags) & 1, 0);
    assert.deepEqual(injected(root).slice(1), [traceId, spanId, flags]);
  }
});

test('ids made on first read are well-formed, never zero and unique, in whatever order they are read', () => {
  const tracer = new Tracer({ sampler: { description: 'never', shouldSample: () => false } });
  const spans = Array.from({ length: 3000 }, () => tracer.startSpan('lazy'));
  const traceIds = new Set<string>();
  const spanIds = new Set<string>();
  // Read the span ids first, backwards, then the trace ids: the order of reads must not matter.
  for (let i = spans.length - 1; i >= 0; i--) spanIds.add(spans[i].context().toSpanId());
  for (const span of spans) traceIds.add(span.context().toTraceId());
  for (const id of traceIds) assert.match(id, /^(?!0{32})[0-9a-f]{32}$/);
  for (const id of spanIds) assert.match(id, /^(?!0{16})[0-9a-f]{16}$/);
  assert.equal(traceIds.size, spans.length);
  assert.equal(spanIds.size, spans.length);
});

test('children of a sampled-out function span stay in its trace, unsampled, across await, timers and callbacks', async () => {
  const memory = new MemoryReporter();
  init({ sampler: 'always_off', reporters: [memory], propagators: ['tracecontext'] });
  const before = diagnostics();
  const site = functionSite({ name: 'root', function: 'root', file: 'hot-path.test.ts', line: 1 });
  const seen: RegExpMatchArray[] = [];
  const see = () => seen.push(injected(activeSpan()!));

  const frame = enterFunction(site);
  let work: Promise<void>;
  try {
    const root = activeSpan()!;
    assert.ok(root, 'the sampled-out span is active');
    seen.push(injected(root));
    work = (async () => {
      await nextTurn();
      trace('after await', see);
      await sleep(1);
      trace('after a timer', see);
      await new Promise<void>((done) =>
        process.nextTick(() => {
          trace('in a callback', see);
          done();
        }),
      );
    })();
  } finally {
    exitFunction(frame);
  }
  assert.equal(activeSpan(), undefined, 'the caller gets its context back');
  await work;

  const [, traceId, rootSpanId] = seen[0];
  assert.equal(seen.length, 4);
  for (const [, childTrace, childSpan, flags] of seen) {
    assert.equal(childTrace, traceId);
    assert.equal(childSpan, rootSpanId, 'children of a non-recording span carry its context');
    assert.equal(Number(flags) & 1, 0);
  }
  const after = diagnostics();
  assert.equal(after.spansSampledOut - before.spansSampledOut, 1, 'one decision: the root');
  assert.equal(after.spansStarted - before.spansStarted, 0);
  assert.equal(memory.spans().length, 0);
});

test('spans of one instrumented function share its tags: a tag set on one is not seen by another', () => {
  const memory = new MemoryReporter();
  init({ sampler: 'always_on', reporters: [memory] });
  const site = functionSite({ name: 'shared', function: 'shared', namespace: 'Tags', file: 'hot-path.test.ts', line: 7 });
  const first = enterFunction(site)!;
  first.span.setTag('only.first', 1);
  exitFunction(first);
  const second = enterFunction(site)!;
  exitFunction(second);
  const [a, b] = memory.spans();
  const code = { component: 'spanweave', 'code.function': 'shared', 'code.namespace': 'Tags', 'code.filepath': 'hot-path.test.ts', 'code.lineno': 7 };
  assert.deepEqual(a.tags, { ...code, 'only.first': 1 });
  assert.deepEqual(b.tags, code);
});

test('shared tags still obey the span limits: what does not fit is cut and counted', () => {
  const memory = new MemoryReporter();
  init({ sampler: 'always_on', reporters: [memory], limits: { maxTags: 2, maxValueLength: 8 } });
  const before = diagnostics();
  const site = functionSite({ name: 'limited', function: 'limited', file: 'a/long/path/file.ts', line: 3 });
  exitFunction(enterFunction(site));
  const [span] = memory.spans();
  assert.deepEqual(span.tags, { component: 'spanweav', 'code.function': 'limited' });
  // As for any tags: a value is shortened (and counted) before the count limit drops its tag.
  assert.deepEqual(span.dropped, { tags: 2, logs: 0, truncatedValues: 2 });
  assert.equal(diagnostics().tagsDropped - before.tagsDropped, 2);
});
