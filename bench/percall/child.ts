/**
 * One per-call case in its own process:
 *   node percall/child.js <variant> <call> <warm-up ms> <measured ms>
 * Warms the call up until its speed settles (tiering up takes a few hundred
 * milliseconds for the tracers' code), then times it in chunks and sends the
 * nanoseconds per call.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sendResult } from '../lib/child';
import type { CallName, Subject } from './subject';
import { variantNamed } from './variants';

/** Calls per timed chunk. Between chunks the event loop runs, so batching reporters drain instead of dropping. */
const CHUNK = 256;

export interface PerCallResult {
  nsPerCall: number;
  calls: number;
}

let sink = 0;

function chunkRunner(subject: Subject, call: CallName): () => Promise<number> | number {
  if (call === 'addAsync' || call === 'addPromise') {
    const fn = subject[call];
    return async () => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < CHUNK; i++) sink += await fn(i, 1);
      return Number(process.hrtime.bigint() - start);
    };
  }
  const fn = subject[call];
  return () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < CHUNK; i++) sink += fn(i, 1);
    return Number(process.hrtime.bigint() - start);
  };
}

/** Runs chunks for about `ms` milliseconds of measured time; returns the nanoseconds per call. */
async function timeFor(runChunk: () => Promise<number> | number, ms: number): Promise<PerCallResult> {
  let ns = 0;
  let calls = 0;
  while (ns < ms * 1e6) {
    ns += await runChunk();
    calls += CHUNK;
    await yieldToLoop();
  }
  return { nsPerCall: ns / calls, calls };
}

/** Warm-up windows: the speed has settled when the last few agree within 15%. */
const WINDOW_MS = 50;
const SETTLED_WINDOWS = 3;
const SETTLED_SPREAD = 1.15;

/** Warms up for at least `minMs` and at most four times that, stopping once the speed has settled. */
async function warmUp(runChunk: () => Promise<number> | number, minMs: number): Promise<void> {
  const windows: number[] = [];
  const settled = () => {
    const last = windows.slice(-SETTLED_WINDOWS);
    return last.length === SETTLED_WINDOWS && Math.max(...last) <= Math.min(...last) * SETTLED_SPREAD;
  };
  for (let spent = 0; spent < 4 * minMs && (spent < minMs || !settled()); spent += WINDOW_MS) {
    windows.push((await timeFor(runChunk, WINDOW_MS)).nsPerCall);
  }
}

async function main(): Promise<void> {
  const [variantName, call, warmUpMs, measuredMs] = process.argv.slice(2);
  const variant = variantNamed(variantName);
  const subject = variant.load({
    plain: process.env.BENCH_PLAIN_MODULE!,
    spanweave: process.env.BENCH_SPANWEAVE_MODULE!,
  });
  const runChunk = chunkRunner(subject, call as CallName);
  await warmUp(runChunk, Number(warmUpMs));
  const result = await timeFor(runChunk, Number(measuredMs));
  if (sink === 0) throw new Error('bench: the subject returned nothing');
  const problem = variant.check?.();
  if (problem) throw new Error(`bench: ${variantName} ${call}: ${problem}`);
  sendResult(result);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
