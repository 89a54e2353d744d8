/**
 * One per-call case in its own process:
 *   node percall/child.js <variant> <call> <warm-up ms> <measured ms>
 * Warms the call up (tiering up takes a few hundred milliseconds for the
 * tracers' code), then times it in chunks and sends the nanoseconds per call.
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
  if (call === 'addAsync') {
    const fn = subject.addAsync;
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

async function main(): Promise<void> {
  const [variantName, call, warmUpMs, measuredMs] = process.argv.slice(2);
  const subject = variantNamed(variantName).load({
    plain: process.env.BENCH_PLAIN_MODULE!,
    spanweave: process.env.BENCH_SPANWEAVE_MODULE || undefined,
  });
  const runChunk = chunkRunner(subject, call as CallName);
  await timeFor(runChunk, Number(warmUpMs));
  const result = await timeFor(runChunk, Number(measuredMs));
  if (sink === 0) throw new Error('bench: the subject returned nothing');
  sendResult(result);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
