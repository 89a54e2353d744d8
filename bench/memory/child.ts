/**
 * Memory under load, in its own process: `node memory/child.js <spans>`.
 * The parent points the OTLP exporter at a closed loopback port through the
 * environment. Spans are made in rounds with the event loop running between
 * them (as in a server), and the heap is sampled after every round.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { diagnostics, shutdown, trace } from 'spanweave/runtime';
import { sendResult } from '../lib/child';

const ROUND = 5_000;
const MiB = 2 ** 20;

export interface MemoryResult {
  spans: number;
  seconds: number;
  /** Heap in use before the first span. */
  baselineHeapMiB: number;
  /** The peak heap in use over the first and the second half of the spans. */
  peakHeapFirstHalfMiB: number;
  peakHeapSecondHalfMiB: number;
  peakRssMiB: number;
  finished: number;
  dropped: number;
  /** Failed export attempts: proof the OTLP exporter was in use and found the endpoint dead. */
  exportErrors: number;
}

function work(i: number): number {
  return i % 7;
}

async function main(): Promise<void> {
  const spans = Number(process.argv[2]);
  const baselineHeapMiB = process.memoryUsage().heapUsed / MiB;
  const peaks = [0, 0];
  let peakRss = 0;
  let sink = 0;
  const started = process.hrtime.bigint();
  for (let made = 0; made < spans; made += ROUND) {
    for (let i = 0; i < ROUND; i++) sink += trace('work', () => work(i));
    await yieldToLoop();
    const { heapUsed, rss } = process.memoryUsage();
    const half = made < spans / 2 ? 0 : 1;
    peaks[half] = Math.max(peaks[half], heapUsed / MiB);
    peakRss = Math.max(peakRss, rss / MiB);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const d = diagnostics();
  if (sink < 0) throw new Error('unreachable');
  if (d.export.exportErrors === 0) throw new Error('bench: no export attempt failed: is the OTLP reporter in use?');
  const result: MemoryResult = {
    spans,
    seconds,
    baselineHeapMiB,
    peakHeapFirstHalfMiB: peaks[0],
    peakHeapSecondHalfMiB: peaks[1],
    peakRssMiB: peakRss,
    finished: d.spansFinished,
    dropped: d.spansDropped,
    exportErrors: d.export.exportErrors,
  };
  sendResult(result);
  // Shutting down retries the dead endpoint until the export deadline; the result is already sent.
  void shutdown();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
