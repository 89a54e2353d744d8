/**
 * fixtures/functions-suspensions: the suspensions of instrumented async
 * functions whose timing the language fixes. Several awaits (awaits.ts): the
 * span stays the function's across all of them while its callers go on in
 * their own, with calls of the same function interleaved. `await using` (disposal.ts):
 * the disposal's awaits suspend the function as an `await` does, so the
 * caller, which goes on meanwhile, must not run inside the function's span,
 * and the function must be inside it again afterwards. `for await`
 * (for-await.ts) over sync and async iterables, left early or not. `yield*`
 * (delegation.ts): the consumer drives the delegate's steps, which must run
 * in the generator's span and give the consumer its context back. Built with
 * plain tsc and with spanweave, with TypeScript's downlevel (es2022) and,
 * where Node runs `await using` itself, native (esnext); both builds must log
 * the same events in the same order against a chain of ticks.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { init, MemoryReporter } from 'spanweave/runtime';
import type { FinishedSpan } from 'spanweave/runtime';
import ts from 'typescript';
import { runsAwaitUsing } from '../support/engine';
import { buildFixture } from './fixture-build';

type Scenarios = Record<string, () => Promise<unknown[]>>;

const memory = new MemoryReporter();
after(() => init({ enabled: false }));

// es5: TypeScript's own generator and async-generator helpers, which drive a `yield*` delegate differently (they read its `next` at every step).
const targets: [string, ts.CompilerOptions][] = [
  ['es2022', { target: ts.ScriptTarget.ES2022 }],
  ['es5', { target: ts.ScriptTarget.ES5, downlevelIteration: true, ignoreDeprecations: '6.0' }],
];
if (runsAwaitUsing()) targets.push(['esnext', { target: ts.ScriptTarget.ESNext }]);
const MODULES = ['awaits.js', 'delegation.js', 'disposal.js', 'for-await.js'];

for (const [name, options] of targets) {
  describe(`fixtures/functions-suspensions, target ${name}`, () => {
    const load = (variant: string, plugin?: { functions: 'all' }): Map<string, Scenarios> => {
      const { outDir } = buildFixture('functions-suspensions', `${variant}-${name}`, plugin, options);
      return new Map(MODULES.map((file) => [file, require(path.join(outDir, file)).scenarios as Scenarios]));
    };
    const plain = load('plain');
    const traced = load('traced', { functions: 'all' });

    /** Each scenario of `file` in the traced build, tracing on: its spans, and each span's parent's name. */
    const eachScenario = async (file: string, check: (scenario: string, spans: FinishedSpan[], parentOf: (span: FinishedSpan) => string | undefined) => void) => {
      init({ reporters: [memory], sampler: 'always_on' });
      const scenarios = traced.get(file)!;
      for (const scenario of Object.keys(scenarios)) {
        memory.clear();
        await scenarios[scenario]!();
        const spans = memory.spans();
        const byId = new Map(spans.map((s) => [s.spanId, s]));
        check(scenario, spans, (span) => byId.get(span.parentId!)?.operationName);
      }
    };

    for (const tracing of [true, false]) {
      test(`with tracing ${tracing ? 'on' : 'off'}, every scenario logs the same events in the same order as the plain build`, async () => {
        init(tracing ? { reporters: [memory], sampler: 'always_on' } : { enabled: false });
        for (const file of MODULES) {
          for (const scenario of Object.keys(plain.get(file)!)) {
            const expected = await plain.get(file)![scenario]!();
            const actual = await traced.get(file)![scenario]!();
            assert.deepEqual(actual, expected, `${file}: ${scenario}`);
          }
        }
      });
    }

    test("await using: the caller goes on in its own span while the disposal waits, and the function's later calls are its children", () =>
      eachScenario('disposal.js', (scenario, spans, parentOf) => {
        const named = (operation: string): FinishedSpan[] => spans.filter((s) => s.operationName === operation);
        const [caller] = named('interleaved');
        assert.ok(caller, scenario);
        for (const sibling of named('sibling')) assert.equal(sibling.parentId, caller.spanId, `${scenario}: sibling is the caller's child`);
        for (const child of named('child')) assert.ok(['inBlock', 'inLoop', 'exits'].includes(parentOf(child)!), `${scenario}: child's parent is ${parentOf(child)}`);
      }));

    test("several awaits: every span after each await is the function's child, the callers' spans their own", () =>
      eachScenario('awaits.js', (scenario, spans, parentOf) => {
        const named = (operation: string): FinishedSpan[] => spans.filter((s) => s.operationName === operation);
        const children = named('child');
        assert.equal(children.length, scenario === 'one' ? 6 : 12, scenario);
        for (const span of children) assert.ok(['steps', 'later'].includes(parentOf(span)!), `${scenario}: a child of ${parentOf(span)}`);
        for (const span of named('sibling')) assert.equal(parentOf(span), 'caller', scenario);
        for (const span of named('steps')) {
          assert.equal(children.filter((c) => c.parentId === span.spanId).length, 5, `${scenario}: each steps() call has its own five children`);
          assert.equal(parentOf(span), 'caller', scenario);
        }
        for (const span of named('later')) assert.equal(parentOf(span), 'steps', scenario);
      }));

    test("yield* and an async generator's return: the generator's steps run in its span, the consumer's in its own", () =>
      eachScenario('delegation.js', (scenario, spans, parentOf) => {
        const generators = ['outer', 'inner', 'delegating', 'passingThrough', 'asyncOuter', 'asyncInner', 'returning'];
        for (const span of spans) {
          const parent = parentOf(span);
          const where = `${scenario}: ${span.operationName}'s parent is ${parent}`;
          if (span.operationName === 'inner') assert.ok(parent === 'outer' || parent === 'asyncOuter', where);
          if (span.operationName === 'asyncInner') assert.equal(parent, 'asyncOuter', where);
          if (span.operationName === 'child') assert.ok(['outer', 'inner', 'asyncInner'].includes(parent!), where);
          if (span.operationName === 'sibling') assert.ok(parent !== undefined && !generators.includes(parent), where);
        }
        if (scenario === 'generator') assert.equal(spans.filter((s) => s.operationName === 'child').length, 3, scenario);
      }));
  });
}
