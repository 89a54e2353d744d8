/**
 * fixtures/functions-frozen-context: instrumented functions and a generator
 * run inside the `.then` callback of a frozen promise (zod's `readonly()`
 * over `z.promise()`), where Node 20's AsyncLocalStorage cannot write its
 * store. They behave as in the plain build, no fault is counted, and their
 * spans nest as anywhere else, across an `await` and a timer too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { diagnostics, init, MemoryReporter, type FinishedSpan } from 'spanweave/runtime';
import { buildFixture } from './fixture-build';

type Scenarios = Record<string, () => Promise<unknown>>;

const memory = new MemoryReporter();

after(() => init({ enabled: false }));

/** The spans a scenario of the traced build records with tracing on. */
async function spansOf(scenario: () => Promise<unknown>): Promise<FinishedSpan[]> {
  init({ reporters: [memory], sampler: 'always_on' });
  memory.clear();
  await scenario();
  return memory.spans();
}

/** The spans named `name`, in the order they finished. */
function named(spans: FinishedSpan[], name: string): FinishedSpan[] {
  return spans.filter((span) => span.operationName === name);
}

describe('fixtures/functions-frozen-context', () => {
  let plain: Scenarios;
  let traced: Scenarios;
  before(() => {
    plain = require(path.join(buildFixture('functions-frozen-context', 'plain').outDir, 'frozen.js')).scenarios;
    traced = require(path.join(buildFixture('functions-frozen-context', 'traced', { functions: 'all' }).outDir, 'frozen.js')).scenarios;
  });

  for (const tracing of [true, false]) {
    test(`with tracing ${tracing ? 'on' : 'off'}, the scenarios behave as in the plain build and count no fault`, async () => {
      init(tracing ? { reporters: [memory], sampler: 'always_on' } : { enabled: false });
      for (const name of Object.keys(plain)) {
        const expected = await plain[name]();
        const faults = diagnostics().faultsByPlace;
        assert.deepEqual(await traced[name](), expected, name);
        assert.deepEqual(diagnostics().faultsByPlace, faults, name);
      }
    });
  }

  test('spans started in the frozen callback nest under the active one, across an await and in a timer it set', async () => {
    const spans = await spansOf(traced.functionsInFrozenCallback);
    const [parent] = named(spans, 'parent');
    const [later] = named(spans, 'later');
    const [fromTimer] = named(spans, 'fromTimer');
    const children = named(spans, 'child');
    assert.ok(parent && later && fromTimer, 'parent, later and fromTimer were traced');
    assert.equal(later.parentId, parent.spanId);
    // The timer was set while parent's span was active in the frozen callback: its callback inherits it.
    assert.equal(fromTimer.parentId, parent.spanId);
    assert.deepEqual(children.map((span) => span.parentId).sort(), [parent.spanId, later.spanId, fromTimer.spanId].sort());
  });

  test('a generator resumed in the frozen callback is its span again', async () => {
    const spans = await spansOf(traced.generatorResumedInFrozenCallback);
    const [steps] = named(spans, 'steps');
    assert.ok(steps, 'the generator was traced');
    assert.deepEqual(named(spans, 'child').map((span) => span.parentId), [steps.spanId, steps.spanId]);
  });
});
