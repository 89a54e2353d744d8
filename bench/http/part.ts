import { startChild } from '../lib/child';
import { compileBothWays, type CompiledPair } from '../lib/compile';
import { markdownTable, num, ratio, spread, textTable } from '../lib/format';
import type { NodeRuntime } from '../lib/nodes';
import type { BenchContext, PartReport, TargetCheck } from '../lib/part';
import { script } from '../lib/paths';
import { summarize } from '../lib/stats';
import { SPANWEAVE_ENV } from '../percall/spanweave';
import type { ServerReport } from './server';

/** Seconds of load per case: a warm-up (discarded), then the measured run. */
const LOAD = { full: { warmUp: 1, measured: 4 }, quick: { warmUp: 1, measured: 1 } };
const CONNECTIONS = 10;

// autocannon ships no types; this is the part of its API the benchmark uses.
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number }) => Promise<AutocannonResult>;

interface Sample {
  rps: number;
  p50: number;
  p99: number;
}

interface ServerVariant {
  name: string;
  title: string;
  env?: Record<string, string>;
}

const VARIANTS: readonly ServerVariant[] = [
  { name: 'plain', title: 'plain' },
  { name: 'spanweave', title: 'spanweave, every request recorded', env: SPANWEAVE_ENV.recorded },
  { name: 'otel', title: 'OpenTelemetry http + express auto-instrumentation, recorded' },
];

/** Starts the server in a child under `node`, loads it from this process and stops it. */
async function loadOnce(node: NodeRuntime, variant: ServerVariant, apps: CompiledPair, quick: boolean): Promise<Sample> {
  const autocannon = require('autocannon') as Autocannon;
  const load = quick ? LOAD.quick : LOAD.full;
  const { result, stop } = await startChild<{ port: number }, ServerReport>({
    node: node.bin,
    script: script('http/server'),
    args: [variant.name],
    env: { ...variant.env, BENCH_PLAIN_APP: apps.plain, BENCH_SPANWEAVE_APP: apps.spanweave },
  });
  const url = `http://127.0.0.1:${result.port}/users/42`;
  let run: AutocannonResult;
  let recorded: ServerReport | undefined;
  try {
    await autocannon({ url, connections: CONNECTIONS, duration: load.warmUp });
    run = await autocannon({ url, connections: CONNECTIONS, duration: load.measured });
  } finally {
    recorded = await stop();
  }
  if (run.errors > 0 || run.non2xx > 0) throw new Error(`bench: ${variant.name} answered ${run.errors} errors and ${run.non2xx} non-2xx responses`);
  if (recorded?.serverSpans === 0) throw new Error('bench: spanweave recorded no server span: the app is not instrumented as a server');
  return { rps: run.requests.average, p50: run.latency.p50, p99: run.latency.p99 };
}

export async function httpPart(context: BenchContext): Promise<PartReport> {
  const apps = compileBothWays('app.ts', 'http');
  const samples = new Map<string, Sample[] | string>();
  for (let run = 0; run < context.runs; run++) {
    for (const node of context.nodes) {
      for (const variant of VARIANTS) {
        const k = `${node.label}|${variant.name}`;
        const sofar = samples.get(k) ?? [];
        if (typeof sofar === 'string') continue;
        if (variant.name === 'spanweave' && apps.compileError !== undefined) {
          samples.set(k, `not compiled: ${apps.compileError}`);
          continue;
        }
        try {
          samples.set(k, [...sofar, await loadOnce(node, variant, apps, context.quick)]);
        } catch (error) {
          samples.set(k, (error as Error).message.split('\n')[0]);
        }
        process.stdout.write('.');
      }
    }
  }
  process.stdout.write('\n');
  const header = ['Node', 'server', 'req/s, median (min–max)', 'x plain', 'p50 latency', 'p99 latency'];
  const rows: string[][] = [];
  const checks: TargetCheck[] = [];
  for (const node of context.nodes) {
    const plain = samples.get(`${node.label}|plain`);
    const plainRps = Array.isArray(plain) ? summarize(plain.map((s) => s.rps)).median : undefined;
    for (const variant of VARIANTS) {
      const got = samples.get(`${node.label}|${variant.name}`);
      if (!Array.isArray(got)) {
        rows.push([node.label, variant.title, `n/a: ${got ?? 'not run'}`, '', '', '']);
        continue;
      }
      const rps = summarize(got.map((s) => s.rps));
      const p50 = summarize(got.map((s) => s.p50));
      const p99 = summarize(got.map((s) => s.p99));
      rows.push([node.label, variant.title, spread(rps, ''), plainRps ? ratio(rps.median, plainRps) : '', `${num(p50.median)} ms`, `${num(p99.median)} ms`]);
    }
    const sw = samples.get(`${node.label}|spanweave`);
    const target = 'server throughput: at least 0.95x plain';
    if (Array.isArray(sw) && plainRps) {
      const r = summarize(sw.map((s) => s.rps)).median / plainRps;
      checks.push({ target, node: node.label, measured: `${r.toFixed(2)}x`, met: r >= 0.95 });
    } else {
      checks.push({ target, node: node.label, measured: `n/a: ${typeof sw === 'string' ? sw : 'not measured'}`, met: undefined });
    }
  }
  const load = context.quick ? LOAD.quick : LOAD.full;
  const method =
    `\`GET /users/:id\` on a small Express 5 app (bench/subjects/app.ts) in its own process; autocannon in the benchmark's ` +
    `process loads it over loopback with ${CONNECTIONS} connections for ${load.warmUp} s (discarded), then ${load.measured} s; ` +
    `${context.runs} runs per case. Both processes share the machine's ${require('node:os').cpus().length} cores. ` +
    'Every request is recorded: spanweave with the always_on sampler, OpenTelemetry with a BatchSpanProcessor and a no-op exporter.';
  return { title: 'HTTP server under load', markdown: `${method}\n\n${markdownTable(header, rows)}`, text: textTable(header, rows), checks };
}
