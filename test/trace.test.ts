import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createReadStream, readFile } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { activeSpan, diagnostics, init, MemoryReporter, trace, type FinishedSpan } from 'spanweave/runtime';

const memory = new MemoryReporter();
beforeEach(() => {
  init({ serviceName: 'trace-test', reporters: [memory] });
  memory.clear();
});

function byName(): Map<string, FinishedSpan> {
  return new Map(memory.spans().map((span) => [span.operationName, span]));
}

function assertChild(child: FinishedSpan | undefined, parent: FinishedSpan | undefined): void {
  assert.ok(child && parent);
  assert.equal(child.traceId, parent.traceId);
  assert.equal(child.parentId, parent.spanId, `${child.operationName} is a child of ${parent.operationName}`);
}

test('trace returns what fn returns and passes fn the active span', () => {
  const value = { v: 1 };
  const result = trace('sync', (span) => {
    assert.equal(activeSpan(), span);
    span.setTag('k', 'v');
    return value;
  });
  assert.equal(result, value);
  assert.equal(activeSpan(), undefined);
  assert.deepEqual(byName().get('sync')?.tags, { k: 'v' });
});

test('a thrown error is tagged as OpenTracing says and rethrown as the same object', () => {
  const error = new TypeError('bad input');
  assert.throws(
    () => trace('fails', () => { throw error; }),
    (thrown) => thrown === error,
  );
  const span = byName().get('fails')!;
  assert.equal(span.tags.error, true);
  assert.equal(span.logs.length, 1);
  const fields = span.logs[0].fields;
  assert.equal(fields.event, 'error');
  assert.equal(fields['error.kind'], 'TypeError');
  assert.equal(fields['error.object'], error);
  assert.equal(fields.message, 'bad input');
  assert.equal(fields.stack, error.stack);
});

test('a rejected promise is tagged, its span finished first, and the same object rejected', async () => {
  const error = new RangeError('later');
  const promise = trace('rejects', async () => {
    await sleep(1);
    throw error;
  });
  await assert.rejects(promise, (thrown) => thrown === error);
  const span = byName().get('rejects')!;
  assert.equal(span.tags.error, true);
  assert.equal(span.logs[0].fields['error.kind'], 'RangeError');
});

test('a thrown non-error is tagged with its type', () => {
  assert.throws(() => trace('string', () => { throw 'plain'; }), (thrown) => thrown === 'plain');
  const fields = byName().get('string')!.logs[0].fields;
  assert.equal(fields['error.kind'], 'string');
  assert.equal(fields.message, 'plain');
  assert.equal(fields.stack, undefined);
});

test('an async span is finished when its promise settles, after the awaited work', async () => {
  const promise = trace('async', async () => {
    await sleep(1);
    return 42;
  });
  assert.equal(memory.spans().length, 0, 'not finished while the work is pending');
  assert.equal(await promise, 42);
  assert.ok(byName().get('async'));
});

test('a thenable that is not a native promise is returned untouched and never then-ed', () => {
  let thenCalled = false;
  const thenable = { then: () => { thenCalled = true; } };
  assert.equal(trace('thenable', () => thenable), thenable);
  assert.equal(thenCalled, false);
  assert.ok(byName().get('thenable'));
});

test('children nest across await, setTimeout, setImmediate and process.nextTick', async () => {
  await trace('root', async () => {
    await sleep(1);
    trace('after-await', () => {});
    await new Promise<void>((resolve) => setTimeout(() => { trace('timeout', () => {}); resolve(); }, 1));
    await new Promise<void>((resolve) => setImmediate(() => { trace('immediate', () => {}); resolve(); }));
    await new Promise<void>((resolve) => process.nextTick(() => { trace('tick', () => {}); resolve(); }));
  });
  const spans = byName();
  for (const name of ['after-await', 'timeout', 'immediate', 'tick']) assertChild(spans.get(name), spans.get('root'));
});

test('callbacks registered inside a span run under it: I/O callbacks, stream events, timers', async () => {
  await new Promise<void>((resolve) => {
    trace('registrar', () => {
      readFile(__filename, () => trace('io-callback', () => {}));
      const stream = createReadStream(__filename);
      stream.once('data', () => trace('stream-data', () => {}));
      stream.on('close', () => {
        trace('stream-close', () => {});
        resolve();
      });
      stream.resume();
      setTimeout(() => trace('timer', () => {}), 0);
    });
  });
  await sleep(5);
  const spans = byName();
  for (const name of ['io-callback', 'stream-data', 'stream-close', 'timer']) assertChild(spans.get(name), spans.get('registrar'));
});

test('EventEmitter listeners run in the context of emit(), as in Node: under the span that emits', () => {
  const emitter = new EventEmitter();
  trace('subscriber', () => emitter.on('go', () => trace('handler', () => {})));
  trace('emitter', () => emitter.emit('go'));
  const spans = byName();
  assertChild(spans.get('handler'), spans.get('emitter'));
});

test('Promise.all branches started together are siblings, not a chain', async () => {
  await trace('parent', async () => {
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        trace(name, async () => {
          await sleep(2);
          trace(`${name}.leaf`, () => {});
        }),
      ),
    );
  });
  const spans = byName();
  for (const name of ['a', 'b', 'c']) {
    assertChild(spans.get(name), spans.get('parent'));
    assertChild(spans.get(`${name}.leaf`), spans.get(name));
  }
});

test('with tracing disabled, trace only calls fn', () => {
  init({ enabled: false, reporters: [memory] });
  const started = diagnostics().spansStarted;
  assert.equal(trace('off', (span) => span.setTag('x', 1) && 7), 7);
  assert.equal(memory.spans().length, 0);
  assert.equal(diagnostics().spansStarted, started);
});

test('under a sampled-out root, trace runs fn under the non-recording span and records nothing', async () => {
  init({ reporters: [memory], sampler: { description: 'never', shouldSample: () => false } });
  await trace('root', async (root) => {
    await trace('child', async (child) => {
      assert.equal(child, root);
      assert.equal(activeSpan(), root);
    });
  });
  assert.equal(memory.spans().length, 0);
  assert.equal(diagnostics().spansSampledOut, 1);
});

test('a default tracer that fails to build is a fault counted once, and spans go to a no-op tracer (in a child process: the program breaks array iteration)', () => {
  const script = `
    const { trace, diagnostics } = require('spanweave/runtime');
    const iterate = Array.prototype[Symbol.iterator];
    delete Array.prototype[Symbol.iterator];
    const results = [1, 2, 3].map((n) => trace('call', () => n * 2));
    Array.prototype[Symbol.iterator] = iterate;
    console.log(JSON.stringify({ results, faults: diagnostics().faultsByPlace }));
  `;
  const env = { ...process.env, OTEL_TRACES_EXPORTER: 'console', OTEL_TRACES_SAMPLER: 'always_on' };
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout), { results: [2, 4, 6], faults: { 'tracer.build': 1 } });
});
