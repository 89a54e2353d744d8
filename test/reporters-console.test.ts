import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ConsoleReporter } from 'spanweave/runtime';
import { renderTrace, formatDuration } from '../runtime/reporters/trace-tree';
import { finishedSpan, sampleTrace, TRACE_ID } from './support/finished-spans';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { stream, text: () => chunks.join('') };
}

test('renderTrace draws one indented tree with durations, offsets, kinds and error marks', () => {
  assert.equal(
    renderTrace(sampleTrace()),
    [
      `trace ${TRACE_ID} · checkout · 4 spans · 12.3 ms`,
      'GET /orders/:id  12.3 ms  [server]  200',
      '├─ OrderService.load  8.1 ms  +400 µs',
      '│  └─ GET  5.0 ms  +1.0 ms  [client]  503  ✗ Service Unavailable',
      '└─ render  1.2 ms  +10.9 ms',
      '',
    ].join('\n'),
  );
});

test('formatDuration picks µs, ms or s', () => {
  assert.equal(formatDuration(850), '850 µs');
  assert.equal(formatDuration(12_345), '12.3 ms');
  assert.equal(formatDuration(2_412_000), '2.41 s');
});

test('the console reporter prints a trace when its root finishes, not before', () => {
  const out = capture();
  const reporter = new ConsoleReporter({ stream: out.stream, color: false });
  const spans = sampleTrace();
  for (const span of spans.slice(0, -1)) reporter.report(span);
  assert.equal(out.text(), '');
  reporter.report(spans.at(-1)!);
  assert.equal(out.text(), renderTrace(spans));
});

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a server span whose parent is remote is a local root: its tree prints once the grace passes without news of the trace', async () => {
  const out = capture();
  const reporter = new ConsoleReporter({ stream: out.stream, color: false, remoteParentGraceMs: 30 });
  reporter.report(finishedSpan({ spanId: 'b000000000000002', parentId: 'b000000000000001', operationName: 'db.query' }));
  reporter.report(
    finishedSpan({ spanId: 'b000000000000001', parentId: 'ffffffffffffffff', operationName: 'GET /', tags: { 'span.kind': 'server' } }),
  );
  assert.equal(out.text(), '');
  await tick(150);
  assert.match(out.text(), /^GET \/  1\.0 ms  \(parent ffffffffffffffff\)  \[server\]\n└─ db\.query/m);
  await reporter.shutdown();
});

test('a caller in the same process finishes within the grace: client and server spans print as one tree', async () => {
  const out = capture();
  const reporter = new ConsoleReporter({ stream: out.stream, color: false, remoteParentGraceMs: 60_000 });
  reporter.report(finishedSpan({ spanId: 'b000000000000003', parentId: 'b000000000000002', operationName: 'GET /stock', tags: { 'span.kind': 'server' } }));
  reporter.report(finishedSpan({ spanId: 'b000000000000002', parentId: 'b000000000000001', operationName: 'GET', tags: { 'span.kind': 'client' } }));
  assert.equal(out.text(), '');
  reporter.report(finishedSpan({ spanId: 'b000000000000001', operationName: 'lookup' }));
  assert.match(out.text(), /^lookup .*\n└─ GET .*\[client\]\n   └─ GET \/stock .*\[server\]/m);
  assert.equal(out.text().match(/^trace /gm)?.length, 1);
});

test('traces without a local root are printed after idleMs, and everything on flush', async () => {
  const out = capture();
  const reporter = new ConsoleReporter({ stream: out.stream, color: false, idleMs: 20 });
  reporter.report(finishedSpan({ spanId: 'c000000000000002', parentId: 'c000000000000001', operationName: 'orphan' }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.match(out.text(), /orphan/);
  const other = new ConsoleReporter({ stream: out.stream, color: false, idleMs: 60_000 });
  other.report(finishedSpan({ spanId: 'd000000000000002', parentId: 'd000000000000001', operationName: 'waiting' }));
  assert.doesNotMatch(out.text(), /waiting/);
  await other.shutdown();
  assert.match(out.text(), /waiting/);
});

test('the buffer is bounded: past maxBufferedSpans the oldest trace is printed early', () => {
  const out = capture();
  const reporter = new ConsoleReporter({ stream: out.stream, color: false, maxBufferedSpans: 2, idleMs: 60_000 });
  for (let i = 1; i <= 3; i++) {
    reporter.report(finishedSpan({ traceId: String(i).repeat(32), spanId: `e00000000000000${i}`, parentId: 'f000000000000000', operationName: `t${i}` }));
  }
  assert.match(out.text(), /t1/);
  assert.doesNotMatch(out.text(), /t2|t3/);
  return reporter.shutdown();
});

test('colours only when asked', () => {
  const colored = renderTrace(sampleTrace(), { color: true });
  assert.match(colored, /\u001b\[31m✗ Service Unavailable\u001b\[39m/);
});

test('a trace whose spans keep coming after a remote root still prints idleMs after that root', async () => {
  const out = capture();
  const reporter = new ConsoleReporter({ stream: out.stream, color: false, remoteParentGraceMs: 60_000, idleMs: 80 });
  reporter.report(finishedSpan({ spanId: 'f000000000000002', parentId: 'f000000000000001', operationName: 'GET /busy', tags: { 'span.kind': 'server' } }));
  for (let i = 0; i < 6 && out.text() === ''; i++) {
    await tick(30);
    reporter.report(finishedSpan({ spanId: `f10000000000000${i}`, parentId: 'f000000000000002', operationName: `step${i}` }));
  }
  assert.match(out.text(), /GET \/busy/);
  await reporter.shutdown();
});
