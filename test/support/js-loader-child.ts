/**
 * Run by test/js-instrumenter/faces.test.ts as
 * `node --import spanweave/register --enable-source-maps <this> <plain> <transformer> <stack module>`:
 * the loader instruments the plain tsc build of fixtures/functions as it
 * loads, and leaves the transformer's build (already instrumented) alone;
 * every scenario must give the same result and spans from both. Prints one
 * JSON line: the number of scenarios compared and a mapped stack trace.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { init, MemoryReporter } from 'spanweave/runtime';
import { run, type Scenarios } from '../js-instrumenter/fixture-runs';

async function main(): Promise<void> {
  const [plainDir, transformedDir, stackModule] = process.argv.slice(2) as [string, string, string];
  const memory = new MemoryReporter();
  init({ reporters: [memory], sampler: 'always_on' });
  const loaded: Scenarios = require(path.join(plainDir, 'kinds.js')).scenarios;
  const reference: Scenarios = require(path.join(transformedDir, 'kinds.js')).scenarios;
  for (const name of Object.keys(loaded)) {
    const actual = await run(memory, loaded, name);
    const expected = await run(memory, reference, name);
    assert.deepEqual(actual.result, expected.result, name);
    assert.deepEqual(actual.spans, expected.spans, name);
  }
  let stack = '';
  try {
    new (require(stackModule).Orders)().find(7);
  } catch (error) {
    stack = (error as Error).stack ?? '';
  }
  process.stdout.write(`${JSON.stringify({ compared: Object.keys(loaded).length, stack })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
