/**
 * fixtures/http-program-globals: a program that fakes `performance.now` and
 * wraps `setTimeout` while it serves and makes HTTP requests (a real server
 * on 127.0.0.1, fetch and node:http) sees the same clock reads and the same
 * scheduled delays in the plain build and in the spanweave build with tracing
 * on. ky's retry tests hung when spans read the program's fake clock.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { init, MemoryReporter } from 'spanweave/runtime';
import { buildFixture } from './transformer/fixture-build';

type Scenario = () => Promise<{ bodies: string[]; clockReads: number; scheduledDelays: unknown[] }>;

const memory = new MemoryReporter();
let plain: Scenario;
let traced: Scenario;
let tracedModule: string;

before(() => {
  plain = require(path.join(buildFixture('http-program-globals', 'plain').outDir, 'replaced-globals.js')).requestsUnderReplacedGlobals;
  tracedModule = path.join(buildFixture('http-program-globals', 'traced', { functions: 'all' }).outDir, 'replaced-globals.js');
  traced = require(tracedModule).requestsUnderReplacedGlobals;
  init({ reporters: [memory], sampler: 'always_on' });
});

after(() => init({ enabled: false }));

test('spans neither read the program’s clock nor schedule on its setTimeout', async () => {
  const expected = await plain();
  assert.deepEqual(expected.bodies, ['served /fetched at true', 'served /node at true']);
  memory.clear();
  const actual = await traced();
  assert.deepEqual(actual, expected);
  const kinds = memory.spans().map((span) => span.tags['span.kind']).filter((kind) => kind !== undefined);
  assert.deepEqual(kinds.sort(), ['client', 'client', 'client', 'server', 'server', 'server'], 'the HTTP hooks ran under the fakes');
});

test('span times come from the real clock, not the program’s standing one', async () => {
  memory.clear();
  await traced();
  const fetched = memory.spans().find((span) => span.tags['http.url'] === '/fetched')!;
  assert.ok(fetched.duration > 0, 'a served request takes time');
});

test('a traced fake clock is called once per call of the program, not again by its own span', () => {
  // In a child process with a time limit: this recursed without end before the fix.
  const script = `require(${JSON.stringify(require.resolve('spanweave/runtime'))}).init({ sampler: 'always_on' });
    console.log(require(${JSON.stringify(tracedModule)}).clockReadBySpans());`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(child.stdout.trim(), '1', child.stderr || `no answer (${child.signal})`);
});
