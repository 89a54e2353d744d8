/**
 * Preloaded (`node -r`) into a compiler run: when the process exits, writes
 * its peak resident memory (KiB) and CPU time (µs) as JSON to $BENCH_USAGE_FILE.
 */
import fs from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMicros = usage.userCPUTime + usage.systemCPUTime;
  fs.writeFileSync(process.env.BENCH_USAGE_FILE!, JSON.stringify({ maxRSS: usage.maxRSS, cpuMicros }));
});
