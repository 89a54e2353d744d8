/**
 * Code compiled by every earlier transformer runs on the current runtime
 * (docs/contract.md, "Compatibility rule"): fixtures/contract-shapes holds
 * fixtures/functions-golden as each contract version compiled it, frozen.
 * Each is run with tracing on and off, and must return, throw and record
 * what the source says.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnostics, init, MemoryReporter } from 'spanweave/runtime';
import { repoRoot, settlementsRead } from './transformer/harness';

const shapesDir = path.join(repoRoot, 'fixtures', 'contract-shapes');
const versions = fs.readdirSync(shapesDir).filter((f) => f.endsWith('.js'));
const memory = new MemoryReporter();

/* eslint-disable @typescript-eslint/no-explicit-any */
async function exercise(shapes: any): Promise<unknown[]> {
  const boom = new Error('boom');
  let thrown: unknown;
  try {
    shapes.maybePromise(() => {
      throw boom;
    });
  } catch (error) {
    thrown = error;
  }
  const rejected = await shapes.maybePromise(() => Promise.reject(boom)).catch((error: unknown) => error);
  async function* items() {
    yield 2;
    yield 3;
  }
  return [
    shapes.syncOnly(1, 2),
    await shapes.maybePromise(() => Promise.resolve('loaded')),
    thrown === boom,
    rejected === boom,
    await shapes.asyncSteps(items()),
    [...shapes.countdown(3)],
    new shapes.Savings('ann').owner,
    shapes.double(4),
    shapes.login('ann', 'secret', { token: 't', retries: 1 }),
  ];
}

const expected = [3, 'loaded', true, true, 6, [3, 2, 1], 'ann', 8, { user: 'ann', ok: true }];

after(() => init({ enabled: false }));

for (const version of versions) {
  describe(`contract ${path.basename(version, '.js')} compiled code on the current runtime`, () => {
    let shapes: any;
    before(() => {
      shapes = require(path.join(shapesDir, version));
    });

    test('tracing off: same results, no span, no fault', async () => {
      init({ enabled: false });
      memory.clear();
      assert.deepEqual(await exercise(shapes), expected);
      assert.equal(memory.spans().length, 0);
      assert.equal(diagnostics().instrumentationFaults, 0);
    });

    test('tracing on: same results, the spans with their tags and errors', async () => {
      init({ reporters: [memory], sampler: 'always_on' });
      memory.clear();
      assert.deepEqual(await exercise(shapes), expected);
      await settlementsRead();
      const spans = memory.spans();
      const names = spans.map((s) => s.operationName).sort();
      assert.deepEqual(names, [
        'Account.constructor',
        'Savings.constructor',
        'asyncSteps',
        'countdown',
        'double',
        'login',
        'maybePromise',
        'maybePromise',
        'maybePromise',
        'syncOnly',
      ]);
      const errors = spans.filter((s) => s.tags.error === true);
      assert.deepEqual(errors.map((s) => s.operationName), ['maybePromise', 'maybePromise']);
      const sync = spans.find((s) => s.operationName === 'syncOnly')!;
      assert.deepEqual(sync.tags, { component: 'spanweave', 'code.function': 'syncOnly', 'code.filepath': 'src/shapes.ts', 'code.lineno': 4 });
      assert.equal(spans.find((s) => s.operationName === 'Savings.constructor')!.tags['code.namespace'], 'Savings');
      const login = spans.find((s) => s.operationName === 'login')!;
      assert.equal(login.tags['arg.password'], '[REDACTED]');
      assert.equal(login.tags.result, '{ user: "ann", ok: true }');
      assert.equal(diagnostics().instrumentationFaults, 0);
    });
  });
}
