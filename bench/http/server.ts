/**
 * One server case in its own process: `node http/server.js <variant>`.
 * Sends `{ port }` once it listens and runs until the parent stops it with
 * SIGTERM; then it sends what it recorded (`ServerReport`) and exits. A
 * SIGUSR2 in between starts the count of CPU time over (the parent sends it
 * after the warm-up).
 */
import type { FinishedSpan } from 'spanweave/runtime';
import { sendResult } from '../lib/child';

interface App {
  start(): Promise<number>;
}

/** What a server case says when it is stopped. */
export interface ServerReport {
  /** Server spans spanweave recorded (the spanweave case only). */
  serverSpans?: number;
  /** User and system CPU time of this process since the last SIGUSR2 (or its start), in microseconds. */
  cpuMicros?: number;
}

const report: ServerReport = {};
let cpuSince = process.cpuUsage();

const SETUPS: Record<string, () => App> = {
  plain: () => require(process.env.BENCH_PLAIN_APP!) as App,
  spanweave: () => {
    // Loaded here only, so the other cases never load the runtime.
    const { init } = require('spanweave/runtime') as typeof import('spanweave/runtime');
    const queue = (require('../percall/spanweave') as typeof import('../percall/spanweave')).noopBatchingReporter();
    report.serverSpans = 0;
    const countServerSpans = (span: FinishedSpan) => {
      if (span.tags['span.kind'] === 'server') report.serverSpans!++;
      queue.report(span);
    };
    init({ reporters: [{ report: countServerSpans }] });
    return require(process.env.BENCH_SPANWEAVE_APP!) as App;
  },
  otel: () => {
    (require('./otel') as typeof import('./otel')).instrumentWithOpenTelemetry();
    return require(process.env.BENCH_PLAIN_APP!) as App;
  },
};

async function main(): Promise<void> {
  const setup = SETUPS[process.argv[2]];
  if (!setup) throw new Error(`bench: no server variant named ${process.argv[2]}`);
  const port = await setup().start();
  process.on('SIGUSR2', () => (cpuSince = process.cpuUsage()));
  process.on('SIGTERM', () => {
    const cpu = process.cpuUsage(cpuSince);
    report.cpuMicros = cpu.user + cpu.system;
    sendResult(report);
    process.exit(0);
  });
  sendResult({ port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
