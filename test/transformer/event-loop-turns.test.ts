/**
 * An instrumented program ends at the same turn of its event loop as the
 * plain one, and the spans of the promises it settled last are still
 * reported (fixtures/functions/src/event-loop.ts). In child processes: the
 * test runner's own event loop does not end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFixture } from './fixture-build';

const plainOut = buildFixture('functions', 'plain-event-loop').outDir;
const tracedOut = buildFixture('functions', 'traced-event-loop', { functions: 'all' }).outDir;

interface Ended {
  stdout: string;
  /** The names of the spans the program reported as JSON lines before it ended. */
  spans: string[];
}

/**
 * Runs `body` in a new process beside the build's event-loop.js (as `loop`),
 * every call traced, with the spans written as JSON lines to a file, or to
 * no reporter at all (`exporter: 'none'`).
 */
function runToEnd(outDir: string, body: string, exporter: 'jsonl' | 'none' = 'jsonl'): Ended {
  const spansFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-event-loop-')), 'spans.jsonl');
  const script = `const loop = require(${JSON.stringify(path.join(outDir, 'event-loop.js'))});\n${body}`;
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd: outDir,
    encoding: 'utf8',
    env: { ...process.env, OTEL_TRACES_EXPORTER: exporter, SPANWEAVE_JSONL_FILE: spansFile, OTEL_TRACES_SAMPLER: 'always_on' },
  });
  assert.equal(result.status, 0, result.stderr);
  const lines = fs.existsSync(spansFile) ? fs.readFileSync(spansFile, 'utf8').split('\n').filter(Boolean) : [];
  return { stdout: result.stdout, spans: lines.map((line) => (JSON.parse(line) as { operationName: string }).operationName) };
}

test("a program waiting only on an unref'd timer that is already due ends without running it", () => {
  // The timer is due before the script ends; only another turn of the loop would run it.
  const body = `loop.unrefDelay(1).then(() => console.log('fired'));
    for (const until = Date.now() + 5; Date.now() < until; );`;
  assert.equal(runToEnd(plainOut, body).stdout, '');
  assert.equal(runToEnd(tracedOut, body, 'none').stdout, '');
  const traced = runToEnd(tracedOut, body);
  assert.equal(traced.stdout, '');
  // Its promise never settled, in the plain program either: its span never ends.
  assert.deepEqual(traced.spans, []);
});

test('the span of a promise that settled as the program ended is reported', () => {
  const body = `loop.lastAnswer().then((answer) => console.log(answer));`;
  assert.equal(runToEnd(plainOut, body).stdout, 'done\n');
  const traced = runToEnd(tracedOut, body);
  assert.equal(traced.stdout, 'done\n');
  assert.deepEqual(traced.spans, ['lastAnswer']);
});
