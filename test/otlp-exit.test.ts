import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { once } from 'node:events';
import { startReceiver } from './support/otlp-receiver';

const CHILD = path.join(__dirname, 'support', 'otlp-exit-child.js');

test('spans still queued when the program ends on its own are sent on beforeExit', async () => {
  const receiver = await startReceiver();
  try {
    const child = spawn(process.execPath, [CHILD, receiver.url, 'natural'], { stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.equal(receiver.requests.length, 1);
    assert.equal(receiver.requests[0]!.decoded.resourceSpans[0].scopeSpans[0].spans.length, 4);
  } finally {
    await receiver.close();
  }
});

test('with flushOnSigterm, SIGTERM sends what is queued, then the process ends by the signal as Node would', async () => {
  const receiver = await startReceiver();
  try {
    const child = spawn(process.execPath, [CHILD, receiver.url, 'sigterm'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await once(child.stdout!, 'data');
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'exit');
    assert.deepEqual([code, signal], [null, 'SIGTERM']);
    assert.equal(receiver.requests.length, 1);
    assert.equal(receiver.requests[0]!.decoded.resourceSpans[0].scopeSpans[0].spans.length, 4);
  } finally {
    await receiver.close();
  }
});

test('a program that ends while the collector is down exits anyway, without waiting for retries', async () => {
  const receiver = await startReceiver(() => ({ status: 503, headers: { 'retry-after': '3600' } }));
  try {
    const child = spawn(process.execPath, [CHILD, receiver.url, 'natural'], { stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.equal(receiver.requests.length, 1);
  } finally {
    await receiver.close();
  }
});
