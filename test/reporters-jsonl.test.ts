import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { JsonLinesReporter, exportDiagnostics } from 'spanweave/runtime';
import { sampleTrace } from './support/finished-spans';

test('one finished span per line, in the documented shape, to a file, flushed on shutdown', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-jsonl-'));
  const file = path.join(dir, 'spans.jsonl');
  const reporter = new JsonLinesReporter({ file });
  const spans = sampleTrace();
  for (const span of spans) reporter.report(span);
  await reporter.shutdown();
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, spans.length);
  const parsed = lines.map((l) => JSON.parse(l));
  const { logs, ...rest } = spans[0]!;
  const { logs: parsedLogs, ...parsedRest } = parsed[0];
  assert.deepEqual(parsedRest, rest);
  // The Error in the error log becomes plain data.
  assert.deepEqual(parsedLogs[0].fields['error.object'], { name: 'Error', message: 'Service Unavailable', stack: logs[0]!.fields.stack });
  assert.deepEqual(parsed[3], JSON.parse(JSON.stringify(spans[3])));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a cyclic or bigint log field never breaks a line', async () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  const reporter = new JsonLinesReporter({ stream: out });
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const span = { ...sampleTrace()[3]!, logs: [{ timestamp: 1, fields: { cyclic, big: 10n } }] };
  reporter.report(span);
  await reporter.flush();
  const line = JSON.parse(text);
  assert.deepEqual(line.logs[0].fields, { cyclic: { name: 'loop', self: '[Circular]' }, big: '10' });
});

test('lines are batched: nothing is written per span until the batch fills or the interval passes', async () => {
  let writes = 0;
  const sink = new Writable({ write: (_c, _e, cb) => ((writes++), cb()) });
  const reporter = new JsonLinesReporter({ stream: sink, maxBatchLines: 3, flushIntervalMs: 10 });
  const [a, b, c, d] = sampleTrace();
  reporter.report(a!);
  reporter.report(b!);
  assert.equal(writes, 0);
  reporter.report(c!);
  assert.equal(writes, 1);
  reporter.report(d!);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(writes, 2);
});

test('a stalled stream never holds more than maxPendingBytes: further spans are dropped and counted', async () => {
  const stalled = new Writable({ highWaterMark: 1, write: () => {} }); // never calls back
  const reporter = new JsonLinesReporter({ stream: stalled, maxBatchLines: 1, maxPendingBytes: 4096 });
  const before = exportDiagnostics().spansDroppedQueueFull;
  const span = sampleTrace()[3]!;
  for (let i = 0; i < 1000; i++) reporter.report(span);
  assert.ok(stalled.writableLength < 4096 + 2048, `pending ${stalled.writableLength}`);
  assert.ok(exportDiagnostics().spansDroppedQueueFull - before > 900);
});

test('a file that cannot be opened is counted, not thrown', async () => {
  const before = exportDiagnostics().reporterErrors;
  const reporter = new JsonLinesReporter({ file: path.join(os.tmpdir(), 'no-such-dir-spanweave', 'x', 'spans.jsonl') });
  reporter.report(sampleTrace()[0]!);
  await reporter.shutdown();
  assert.ok(exportDiagnostics().reporterErrors > before);
});
