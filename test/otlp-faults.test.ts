/**
 * A collector that is down, never answers, answers garbage or asks to retry
 * later: the app is never blocked, memory stays bounded, what is lost is
 * counted. Assertions are on counts and heap sizes, never on speed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { OtlpReporter, diagnostics, exportDiagnostics, type ExportDiagnostics } from 'spanweave/runtime';
import { sampleTrace } from './support/finished-spans';
import { deadUrl, partialSuccessAnswer, startReceiver } from './support/otlp-receiver';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The change of each export count while `fn` runs. */
async function countsDuring(fn: () => Promise<void>): Promise<ExportDiagnostics> {
  const before = exportDiagnostics();
  await fn();
  const after = exportDiagnostics();
  const change = { ...after };
  for (const key of Object.keys(change) as (keyof ExportDiagnostics)[]) change[key] -= before[key];
  return change;
}

test('a dead endpoint and 200,000 spans: the queue stays bounded, drops are counted, report() never waits', async () => {
  const url = await deadUrl();
  const reporter = new OtlpReporter({ endpoint: url, maxQueueSize: 2048, maxExportBatchSize: 512, retryDelayMs: 5, exportTimeoutMs: 300 }, {});
  const template = sampleTrace()[3]!;
  const heapBefore = heapAfterGc();
  let heapDuring = 0;
  const counts = await countsDuring(async () => {
    for (let i = 0; i < 200_000; i++) {
      // A fresh object per span, as the tracer makes them: held spans would show in the heap.
      reporter.report({ ...template, spanId: i.toString(16).padStart(16, '0'), tags: { ...template.tags, i } });
    }
    heapDuring = heapAfterGc();
    await reporter.shutdown();
  });
  // report() only queued or dropped: at most one queue plus the batch taken out of it were kept.
  assert.ok(counts.spansDroppedQueueFull >= 200_000 - 2048 - 512, `dropped ${counts.spansDroppedQueueFull}`);
  assert.equal(counts.spansDroppedQueueFull + counts.spansDroppedExportFailed, 200_000);
  assert.equal(counts.spansExported, 0);
  assert.ok(counts.exportErrors >= 1);
  // 200,000 held spans would take well over 100 MB; the bounded queue holds a few MB.
  assert.ok(heapDuring - heapBefore < 20 * 1024 * 1024, `heap grew by ${heapDuring - heapBefore} bytes`);
});

test('an endpoint that never answers: each request times out, the batch is dropped at its deadline, flush returns', async () => {
  const receiver = await startReceiver(() => 'hang');
  try {
    const reporter = new OtlpReporter({ endpoint: receiver.url, timeoutMs: 100, exportTimeoutMs: 400, retryDelayMs: 10 }, {});
    const spans = sampleTrace();
    const counts = await countsDuring(async () => {
      for (const span of spans) reporter.report(span);
      await reporter.shutdown();
    });
    assert.ok(receiver.requests.length >= 1);
    assert.equal(counts.spansDroppedExportFailed, spans.length);
    // Every attempt failed; under load the last one may time out before the receiver has read it.
    assert.ok(counts.exportErrors >= receiver.requests.length);
  } finally {
    await receiver.close();
  }
});

test('an endpoint that answers garbage: not HTTP, or an error status, never crashes; the batch is dropped and counted', async () => {
  const garbage = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.on('data', () => socket.end('\u0000\u00ffnot http at all\r\n\r\n'));
  });
  await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
  const port = (garbage.address() as net.AddressInfo).port;
  try {
    const counts = await countsDuring(async () => {
      const reporter = new OtlpReporter({ endpoint: `http://127.0.0.1:${port}`, exportTimeoutMs: 300, retryDelayMs: 10 }, {});
      reporter.report(sampleTrace()[0]!);
      await reporter.shutdown();
    });
    assert.equal(counts.spansDroppedExportFailed, 1);
    assert.ok(counts.exportRetries >= 1, 'a response that is not HTTP is a network error, retried');
  } finally {
    garbage.close();
  }
  // 400 is final: no retry. A 200 with a garbage body is a success: its body is not read.
  const receiver = await startReceiver((i) => (i === 0 ? { status: 400, body: '\u0000garbage' } : { status: 200, body: '{{{' }));
  try {
    const counts = await countsDuring(async () => {
      const reporter = new OtlpReporter({ endpoint: receiver.url, maxExportBatchSize: 1, retryDelayMs: 10 }, {});
      const [a, b] = sampleTrace();
      reporter.report(a!);
      await reporter.flush();
      reporter.report(b!);
      await reporter.shutdown();
    });
    assert.equal(receiver.requests.length, 2);
    assert.equal(counts.exportRetries, 0);
    assert.equal(counts.spansDroppedExportFailed, 1);
    assert.equal(counts.spansExported, 1);
  } finally {
    await receiver.close();
  }
});

test('503 with Retry-After, then success: the retry waits as asked and the spans arrive once', async () => {
  const receiver = await startReceiver((i) => (i === 0 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 }));
  try {
    const spans = sampleTrace();
    const counts = await countsDuring(async () => {
      const reporter = new OtlpReporter({ endpoint: receiver.url, retryDelayMs: 10 }, {});
      for (const span of spans) reporter.report(span);
      await reporter.shutdown();
    });
    assert.equal(receiver.requests.length, 2);
    assert.deepEqual(receiver.requests[1]!.decoded, receiver.requests[0]!.decoded);
    // Retry-After: 1 means at least a second later (a lower bound, which load cannot break).
    assert.ok(receiver.requests[1]!.at - receiver.requests[0]!.at >= 950);
    assert.equal(counts.exportRetries, 1);
    assert.equal(counts.spansExported, spans.length);
    assert.equal(counts.spansDroppedExportFailed, 0);
  } finally {
    await receiver.close();
  }
});

test('429, 502 and 504 are retried with backoff until they succeed', async () => {
  const statuses = [429, 502, 504, 200];
  const receiver = await startReceiver((i) => ({ status: statuses[i]! }));
  try {
    const counts = await countsDuring(async () => {
      const reporter = new OtlpReporter({ endpoint: receiver.url, retryDelayMs: 5 }, {});
      reporter.report(sampleTrace()[0]!);
      await reporter.shutdown();
    });
    assert.equal(receiver.requests.length, 4);
    assert.equal(counts.exportRetries, 3);
    assert.equal(counts.spansExported, 1);
  } finally {
    await receiver.close();
  }
});

test('spans are sent when a batch fills, without waiting for the schedule', async () => {
  const receiver = await startReceiver();
  try {
    const reporter = new OtlpReporter({ endpoint: receiver.url, maxExportBatchSize: 2, scheduledDelayMs: 60_000 }, {});
    const spans = sampleTrace();
    for (const span of spans) reporter.report(span);
    await receiver.received(2);
    assert.deepEqual(
      receiver.requests.map((r) => r.decoded.resourceSpans[0].scopeSpans[0].spans.length),
      [2, 2],
    );
    await reporter.shutdown();
  } finally {
    await receiver.close();
  }
});

test('after shutdown, spans are dropped and counted', async () => {
  const reporter = new OtlpReporter({ endpoint: await deadUrl() }, {});
  await reporter.shutdown();
  const counts = await countsDuring(async () => reporter.report(sampleTrace()[0]!));
  assert.equal(counts.spansDroppedAfterShutdown, 1);
});

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  test(`${protocol}: a partial success counts the rejected spans, not as exported, and is not retried`, async () => {
    const receiver = await startReceiver(() => partialSuccessAnswer(3, 'attribute too long', protocol === 'http/json'));
    try {
      const droppedBefore = diagnostics().spansDropped;
      const counts = await countsDuring(async () => {
        const reporter = new OtlpReporter({ endpoint: receiver.url, protocol }, {});
        for (const span of sampleTrace()) reporter.report(span);
        await reporter.shutdown();
      });
      assert.equal(receiver.requests.length, 1);
      assert.equal(counts.spansRejected, 3);
      assert.equal(diagnostics().spansDropped - droppedBefore, 3, 'rejected spans never reached the backend: they count as dropped');
      assert.equal(counts.spansExported, 1);
      assert.equal(counts.exportRetries, 0);
    } finally {
      await receiver.close();
    }
  });
}

test('a 200 whose body never ends is a success, cut at the timeout, with at most 64 KiB of it kept', async () => {
  const receiver = await startReceiver(() => 'endless');
  try {
    const counts = await countsDuring(async () => {
      const reporter = new OtlpReporter({ endpoint: receiver.url, timeoutMs: 200 }, {});
      reporter.report(sampleTrace()[0]!);
      await reporter.shutdown();
    });
    assert.equal(receiver.requests.length, 1);
    assert.equal(counts.spansExported, 1);
    assert.equal(counts.exportRetries, 0);
    assert.equal(counts.spansRejected, 0, 'garbage is not a partial success');
  } finally {
    await receiver.close();
  }
});
