/** What reporters do when the program ends: each case runs a real child process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { startReceiver } from './support/otlp-receiver';

const CHILD = path.join(__dirname, 'support', 'exit-child.js');

async function runChild(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const [code] = await once(child, 'exit');
  return { code, stdout };
}

test('OTLP: spans still queued when the program ends on its own are sent on beforeExit', async () => {
  const receiver = await startReceiver();
  try {
    assert.equal((await runChild('otlp', receiver.url, 'natural')).code, 0);
    assert.equal(receiver.requests.length, 1);
    assert.equal(receiver.requests[0]!.decoded.resourceSpans[0].scopeSpans[0].spans.length, 4);
  } finally {
    await receiver.close();
  }
});

test('OTLP: with flushOnSigterm, SIGTERM sends what is queued, then the process ends by the signal as Node would', async () => {
  const receiver = await startReceiver();
  try {
    const child = spawn(process.execPath, [CHILD, 'otlp', receiver.url, 'sigterm'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

test('OTLP: a program that ends while the collector asks to retry in an hour still exits, after one attempt', async () => {
  const receiver = await startReceiver(() => ({ status: 503, headers: { 'retry-after': '3600' } }));
  try {
    assert.equal((await runChild('otlp', receiver.url, 'natural')).code, 0);
    assert.equal(receiver.requests.length, 1);
  } finally {
    await receiver.close();
  }
});

test('OTLP: a program that ends while the collector never answers still exits, after timeoutMs', async () => {
  const receiver = await startReceiver(() => 'hang');
  try {
    assert.equal((await runChild('otlp', receiver.url, 'natural', '300')).code, 0);
  } finally {
    await receiver.close();
  }
});

test('console: trees still held when the program ends are printed', async () => {
  const { code, stdout } = await runChild('console');
  assert.equal(code, 0);
  assert.match(stdout, /^trace 4bf92f3577b34da6a3ce929d0e0e4736 · checkout · 3 spans/);
  assert.match(stdout, /OrderService\.load/);
});

test('JSON lines: lines still held when the program ends are written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-exit-'));
  try {
    const file = path.join(dir, 'spans.jsonl');
    assert.equal((await runChild('jsonl', file)).code, 0);
    assert.equal(fs.readFileSync(file, 'utf8').trim().split('\n').length, 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
