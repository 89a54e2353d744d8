/**
 * Preloaded (`node -r`) into a compiler run: when the process exits, writes
 * its peak resident memory (KiB), CPU time (µs) and number of full garbage
 * collections as JSON to $BENCH_USAGE_FILE.
 *
 * Why the collections: a full collection of a large compiler heap costs about
 * a second of CPU time on V8's helper threads, and whether a build runs one
 * more of them near its end can decide more of a build's ratio than
 * spanweave's own work (docs/transformer.md, "The benchmark's programs").
 */
import fs from 'node:fs';
import v8 from 'node:v8';

const collections = new v8.GCProfiler();
collections.start();

process.on('exit', () => {
  const fullGcs = collections.stop().statistics.filter((gc) => gc.gcType === 'MarkSweepCompact').length;
  const usage = process.resourceUsage();
  const cpuMicros = usage.userCPUTime + usage.systemCPUTime;
  fs.writeFileSync(process.env.BENCH_USAGE_FILE!, JSON.stringify({ maxRSS: usage.maxRSS, cpuMicros, fullGcs }));
});
