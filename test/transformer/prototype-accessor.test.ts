/**
 * An instrumented function that Node's own bookkeeping calls back (here an
 * accessor on `Object.prototype`) runs without a span, so spanweave cannot
 * recurse into itself; the program ends as the plain build does. In a child
 * process: the accessor would reach the test runner's arrays too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildFixture } from './fixture-build';

function provokeIn(outDir: string): { result: unknown; spans: string[] } {
  const script = `
    const { init, MemoryReporter, diagnostics } = require('spanweave/runtime');
    const reporter = new MemoryReporter();
    init({ reporters: [reporter], sampler: 'always_on' });
    const result = require(${JSON.stringify(path.join(outDir, 'prototype-accessor.js'))}).provoke();
    setImmediate(() => console.log(JSON.stringify({ result, spans: reporter.spans().map((span) => span.operationName).sort() })));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: outDir, timeout: 30_000 });
  assert.equal(child.signal, null, 'the program did not end in 30 s');
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

test('an instrumented accessor that Node calls back while a span starts runs untraced, and the program ends as plain', () => {
  const plain = provokeIn(buildFixture('functions', 'plain-accessor').outDir);
  const traced = provokeIn(buildFixture('functions', 'traced-accessor', { functions: 'all' }).outDir);
  assert.deepEqual(plain.result, { results: [2, 4], emptyArrayZero: 'inherited' });
  assert.deepEqual(traced.result, plain.result);
  // While the accessor is defined, no array of the process can take a first
  // element (the push runs into the setter-less accessor), the reporter's
  // included, so only the spans that end after it is deleted are kept.
  assert.ok(traced.spans.includes('provoke'), String(traced.spans));
});
