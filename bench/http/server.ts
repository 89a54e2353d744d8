/**
 * One server case in its own process: `node http/server.js <variant>`.
 * Sends `{ port }` once it listens, and runs until the parent stops it.
 */
import { sendResult } from '../lib/child';

interface App {
  start(): Promise<number>;
}

const SETUPS: Record<string, () => App> = {
  plain: () => require(process.env.BENCH_PLAIN_APP!) as App,
  spanweave: () => require(process.env.BENCH_SPANWEAVE_APP!) as App,
  otel: () => {
    // Loaded here only, so the other cases never load OpenTelemetry.
    (require('./otel') as typeof import('./otel')).instrumentWithOpenTelemetry();
    return require(process.env.BENCH_PLAIN_APP!) as App;
  },
};

async function main(): Promise<void> {
  const setup = SETUPS[process.argv[2]];
  if (!setup) throw new Error(`bench: no server variant named ${process.argv[2]}`);
  const port = await setup().start();
  process.on('SIGTERM', () => process.exit(0));
  sendResult({ port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
