/**
 * fixtures/functions: every function kind, built with plain tsc and with
 * spanweave (functions: "all"); both builds must behave the same, tracing on
 * and off, and the spanweave build must report the expected spans.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { init, MemoryReporter } from 'spanweave/runtime';
import { buildFixture } from './fixture-build';
import { settlementsRead } from './harness';

type Scenarios = Record<string, () => unknown>;

const memory = new MemoryReporter();

/** Fixture folder and the compiled module that exports its `scenarios`. */
const fixtures: [string, string][] = [
  ['functions', 'kinds.js'],
  ['functions-decorators', 'standard.js'],
  ['functions-decorators-legacy', 'legacy.js'],
  ['functions-realworld', 'realworld.js'],
  ['functions-nesting', 'nesting.js'],
  ['functions-nesting', 'clash.js'],
  ['functions-nesting', 'computed.js'],
  ['functions-es5', 'es5.js'],
  ['functions-tsx', 'components.js'],
];

after(() => init({ enabled: false }));

for (const [fixture, entry] of fixtures) {
  describe(`fixtures/${fixture}, ${entry}`, () => {
    let plain: Scenarios;
    let traced: Scenarios;
    before(() => {
      plain = require(path.join(buildFixture(fixture, 'plain').outDir, entry)).scenarios;
      traced = require(path.join(buildFixture(fixture, 'traced', { functions: 'all' }).outDir, entry)).scenarios;
    });

    for (const tracing of [true, false]) {
      test(`with tracing ${tracing ? 'on' : 'off'}, every scenario behaves as in the plain build`, async () => {
        init(tracing ? { reporters: [memory], sampler: 'always_on' } : { enabled: false });
        for (const name of Object.keys(plain)) {
          const expected = await plain[name]();
          memory.clear();
          const actual = await traced[name]();
          assert.deepEqual(actual, expected, name);
          if (!tracing) assert.equal(memory.spans().length, 0, name);
          else if (name !== 'hoisting') assert.ok(memory.spans().length > 0, `${name}: spans were recorded`);
        }
      });
    }
  });
}

describe('spans of the spanweave build', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let fx: any;
  before(() => {
    init({ reporters: [memory], sampler: 'always_on' });
    fx = require(path.join(buildFixture('functions', 'traced-spans', { functions: 'all' }).outDir, 'kinds.js'));
  });

  test('a call is a span with the static code tags', () => {
    memory.clear();
    fx.declared(1);
    const [span] = memory.spans();
    assert.equal(span.operationName, 'declared');
    assert.deepEqual(span.tags, {
      component: 'spanweave',
      'code.function': 'declared',
      'code.filepath': 'src/kinds.ts',
      'code.lineno': 8,
    });
  });

  test('methods, accessors, constructors and fields are named after their class or object', () => {
    memory.clear();
    const b = new fx.Base(2);
    b.describe();
    void b.area;
    b.area = 3;
    b.arrowField(1);
    fx.objectWithMethods.greet();
    const names = memory.spans().map((s) => s.operationName);
    // `super.greet()` inside objectWithMethods.greet is a child span that finishes first.
    assert.deepEqual(names, ['Base.constructor', 'Base.describe', 'get Base.area', 'set Base.area', 'Base.arrowField', 'proto.greet', 'objectWithMethods.greet']);
    const spans = memory.spans();
    assert.equal(spans[1].tags['code.namespace'], 'Base');
    assert.equal(spans[5].parentId, spans[6].spanId);
  });

  test('an async call is active only while its body runs, and its children nest under it', async () => {
    memory.clear();
    const { activeSpan } = await import('spanweave/runtime');
    const pending = fx.sumAsync([1, 2]);
    assert.equal(activeSpan(), undefined, 'the caller does not see the callee span after the first await');
    assert.equal(await pending, 303);
    assert.equal(activeSpan(), undefined);
    const spans = memory.spans();
    const sum = spans.find((s) => s.operationName === 'sumAsync')!;
    const gens = spans.filter((s) => s.operationName === 'asyncGenerator');
    assert.equal(gens.length, 1);
    assert.equal(gens[0].parentId, sum.spanId);
    assert.equal(sum.parentId, undefined);
  });

  test('a generator span is not active while its consumer runs between steps', () => {
    memory.clear();
    const { activeSpan } = require('spanweave/runtime');
    const g = fx.generator(2);
    g.next();
    assert.equal(activeSpan(), undefined);
    g.next();
    g.next();
    assert.deepEqual(memory.spans().map((s) => s.operationName), ['generator']);
  });

  test('a thrown error is tagged on the span and rethrown as the same object', async () => {
    memory.clear();
    assert.equal(await fx.catches(), 'caught inner');
    const spans = memory.spans();
    const thrower = spans.find((s) => s.operationName === 'asyncThrows')!;
    const catcher = spans.find((s) => s.operationName === 'catches')!;
    assert.equal(thrower.tags.error, true);
    assert.equal(thrower.parentId, catcher.spanId);
    assert.equal(catcher.tags.error, undefined);
    const log = thrower.logs.find((l) => l.fields.event === 'error')!;
    assert.equal(log.fields.message, 'inner');
  });

  test('an async function returning a promise finishes with it: its span covers that promise, and its rejection', async () => {
    await settlementsRead();
    memory.clear();
    assert.equal(await fx.asyncReturnsPromise(1), 2);
    await settlementsRead();
    const outer = memory.spans().find((s) => s.operationName === 'asyncReturnsPromise')!;
    const inner = memory.spans().find((s) => s.operationName === 'asyncValue')!;
    assert.equal(inner.parentId, outer.spanId);
    const [outerEnd, innerEnd] = [outer.startTime + outer.duration, inner.startTime + inner.duration];
    assert.ok(outerEnd >= innerEnd, `the outer span ends after the one it returned (at ${outerEnd}, ${innerEnd})`);
    memory.clear();
    const error = new Error('adopted');
    await assert.rejects(fx.asyncReturnsRejection(error), (e) => e === error);
    await settlementsRead();
    const failed = memory.spans().find((s) => s.operationName === 'asyncReturnsRejection')!;
    assert.equal(failed.tags.error, true);
    assert.equal(failed.logs.find((l) => l.fields.event === 'error')?.fields.message, 'adopted');
  });

  test('a plain function returning a promise returns it as it is, and its span ends when the promise settles', async () => {
    // Spans of the promises earlier tests returned may still be finishing.
    await settlementsRead();
    memory.clear();
    let resolve!: (n: number) => void;
    const p = new Promise<number>((r) => (resolve = r));
    assert.equal(fx.returnsPromise(p), p);
    await settlementsRead();
    assert.equal(memory.spans().length, 0, 'not finished while the promise is pending');
    // Span times and Date.now() come from different clocks: 2 ms of slack, against the 20 ms this turn goes on after the settlement.
    const settledFrom = Date.now() * 1000 - 2000;
    resolve(1);
    const settledBy = Date.now() * 1000 + 2000;
    const busyUntil = Date.now() + 20;
    while (Date.now() < busyUntil);
    await settlementsRead();
    await settlementsRead();
    const [span] = memory.spans();
    assert.equal(span?.operationName, 'returnsPromise');
    const end = span!.startTime + span!.duration;
    assert.ok(end >= settledFrom && end <= settledBy, `ends at the settlement (${settledFrom}..${settledBy}), not at ${end}`);
  });

  test('a promise returned on through plain functions keeps its identity and its ticks; every span ends with its rejection', async () => {
    await settlementsRead();
    memory.clear();
    const error = new Error('rejected');
    const original = Promise.reject(error);
    original.catch(() => undefined);
    const order: string[] = [];
    const passed = fx.passesPromiseOn(original);
    assert.equal(passed, original);
    const settled = passed.catch(() => order.push('settled'));
    const ticks = Promise.resolve().then(() => order.push('tick 1'));
    await Promise.all([settled, ticks]);
    assert.deepEqual(order, ['settled', 'tick 1']);
    await settlementsRead();
    await settlementsRead();
    const spans = memory.spans();
    assert.deepEqual(spans.map((s) => s.operationName).sort(), ['passesPromiseOn', 'returnsPromise']);
    assert.ok(spans.every((s) => s.tags.error === true));
  });
});
