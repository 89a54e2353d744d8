/**
 * Unhandled rejections of instrumented functions are reported exactly as in
 * the plain build (in a child process: the test runner watches its own).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildFixture } from './fixture-build';

function unhandledIn(outDir: string): string[] {
  const script = `
    const { init, MemoryReporter } = require('spanweave/runtime');
    init({ reporters: [new MemoryReporter()], sampler: 'always_on' });
    const seen = [];
    process.on('unhandledRejection', (reason) => seen.push(reason.message));
    require(${JSON.stringify(path.join(outDir, 'unhandled.js'))}).provoke();
    setTimeout(() => console.log(JSON.stringify(seen.sort())), 20);
  `;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: outDir });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('unhandled rejections stay unhandled and handled ones stay handled', () => {
  const plain = unhandledIn(buildFixture('functions', 'plain-unhandled').outDir);
  const traced = unhandledIn(buildFixture('functions', 'traced-unhandled', { functions: 'all' }).outDir);
  assert.deepEqual(plain, ['async unhandled', 'passed on, unhandled', 'plain unhandled']);
  assert.deepEqual(traced, plain);
});
