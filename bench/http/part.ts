import { startChild, type ChildRun } from '../lib/child';
import { compileBothWays, type CompiledPair } from '../lib/compile';
import { markdownTable, num, ratio, spread, textTable } from '../lib/format';
import type { NodeRuntime } from '../lib/nodes';
import type { BenchContext, PartReport, TargetCheck } from '../lib/part';
import { script } from '../lib/paths';
import { withCpuProfile, type FrameFilter } from '../lib/profile';
import { summarize } from '../lib/stats';
import { SPANWEAVE_ENV } from '../percall/spanweave';
import type { ServerReport } from './server';

/** Seconds of load per case: a warm-up (discarded), then the measured run. */
const LOAD = { full: { warmUp: 1, measured: 2 }, quick: { warmUp: 1, measured: 1 } };
/** The profiled case runs longer, so the profile shows the steady state rather than start-up. */
const PROFILE_LOAD = { warmUp: 1, measured: 4 };
/** At most this many runs per case, so the whole benchmark stays under 10 minutes (#7). */
const MAX_RUNS = 4;
const CONNECTIONS = 10;

// autocannon ships no types; this is the part of its API the benchmark uses.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number }) => Promise<AutocannonResult>;

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  /** The server process's CPU time per request answered, in microseconds. */
  cpuMicrosPerRequest: number;
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

function serverRun(node: NodeRuntime, variant: ServerVariant, apps: CompiledPair): ChildRun {
  return {
    node: node.bin,
    script: script('http/server'),
    args: [variant.name],
    env: { ...variant.env, BENCH_PLAIN_APP: apps.plain, BENCH_SPANWEAVE_APP: apps.spanweave },
  };
}

/**
 * Starts the server in a child, loads it from this process and stops it. The
 * child counts its CPU time from the end of the warm-up (SIGUSR2) to the end.
 */
async function loadOnce(run: ChildRun, load: { warmUp: number; measured: number }): Promise<Sample> {
  const autocannon = require('autocannon') as Autocannon;
  const { result, signal, stop } = await startChild<{ port: number }, ServerReport>(run);
  const url = `http://127.0.0.1:${result.port}/users/42`;
  let measured: AutocannonResult;
  let report: ServerReport | undefined;
  try {
    await autocannon({ url, connections: CONNECTIONS, duration: load.warmUp });
    signal('SIGUSR2');
    // The signal reaches the idle server at once; this leaves it the time to run its handler.
    await new Promise((resolve) => setTimeout(resolve, 20));
    measured = await autocannon({ url, connections: CONNECTIONS, duration: load.measured });
  } finally {
    report = await stop();
  }
  const name = run.args?.[0];
  if (measured.errors > 0 || measured.non2xx > 0) throw new Error(`bench: ${name} answered ${measured.errors} errors and ${measured.non2xx} non-2xx responses`);
  if (report?.serverSpans === 0) throw new Error('bench: spanweave recorded no server span: the app is not instrumented as a server');
  if (report?.cpuMicros === undefined || measured.requests.total === 0) throw new Error(`bench: ${name} reported no CPU time or answered nothing`);
  return {
    rps: measured.requests.average,
    p50: measured.latency.p50,
    p99: measured.latency.p99,
    cpuMicrosPerRequest: report.cpuMicros / measured.requests.total,
  };
}

/** What spanweave adds to a request: its runtime's frames and the AsyncLocalStorage machinery of Node they call. */
const spanweaveFrames: FrameFilter = (url) => url.includes('/dist/runtime/') || /^node:internal\/async_(hooks|local_storage|context_frame)/.test(url);

/** Where the server spends its time: spanweave's frames in a CPU profile of the instrumented server under the same load. */
function profileServer(node: NodeRuntime, apps: CompiledPair): Promise<TargetCheck['hotFrames']> {
  const run = serverRun(node, VARIANTS[1], apps);
  return withCpuProfile(run, (profiled) => loadOnce(profiled, PROFILE_LOAD), 10, {
    filter: spanweaveFrames,
    total: "all of spanweave's runtime and Node's AsyncLocalStorage frames together",
  });
}

type Samples = Map<string, Sample[] | string>;

/** Every case once per run, cases interleaved, so a burst of load from elsewhere spreads over all of them. */
async function measureAll(context: BenchContext, apps: CompiledPair): Promise<Samples> {
  const samples: Samples = new Map();
  const load = context.quick ? LOAD.quick : LOAD.full;
  for (let run = 0; run < Math.min(context.runs, MAX_RUNS); run++) {
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
          samples.set(k, [...sofar, await loadOnce(serverRun(node, variant, apps), load)]);
        } catch (error) {
          samples.set(k, (error as Error).message.split('\n')[0]);
        }
        process.stdout.write('.');
      }
    }
  }
  process.stdout.write('\n');
  return samples;
}

export async function httpPart(context: BenchContext): Promise<PartReport> {
  const apps = compileBothWays('app.ts', 'http');
  const samples = await measureAll(context, apps);
  const header = ['Node', 'server', 'req/s, median (min–max)', 'x plain (the verdict)', 'server CPU per request', 'x plain', 'p50 latency', 'p99 latency'];
  const rows: string[][] = [];
  const checks: TargetCheck[] = [];
  for (const node of context.nodes) {
    const plain = samples.get(`${node.label}|plain`);
    const plainRps = Array.isArray(plain) ? summarize(plain.map((s) => s.rps)).median : undefined;
    const plainCpu = Array.isArray(plain) ? summarize(plain.map((s) => s.cpuMicrosPerRequest)).median : undefined;
    for (const variant of VARIANTS) {
      const got = samples.get(`${node.label}|${variant.name}`);
      if (!Array.isArray(got)) {
        rows.push([node.label, variant.title, `n/a: ${got ?? 'not run'}`, '', '', '', '', '']);
        continue;
      }
      const rps = summarize(got.map((s) => s.rps));
      const cpu = summarize(got.map((s) => s.cpuMicrosPerRequest));
      const p50 = summarize(got.map((s) => s.p50));
      const p99 = summarize(got.map((s) => s.p99));
      rows.push([
        node.label,
        variant.title,
        spread(rps, ''),
        plainRps ? ratio(rps.median, plainRps) : '',
        spread(cpu, 'µs'),
        plainCpu ? ratio(cpu.median, plainCpu) : '',
        `${num(p50.median)} ms`,
        `${num(p99.median)} ms`,
      ]);
    }
    checks.push(await throughputCheck(node, samples, plainRps, plainCpu, apps));
  }
  const load = context.quick ? LOAD.quick : LOAD.full;
  const method =
    `\`GET /users/:id\` on a small Express 5 app (bench/subjects/app.ts, compiled with \`functions: "all"\`, so each request also ` +
    `makes a function span) in its own process; autocannon in the benchmark's process loads it over loopback with ${CONNECTIONS} ` +
    `connections for ${load.warmUp} s (discarded), then ${load.measured} s; ${Math.min(context.runs, MAX_RUNS)} runs per case, interleaved. Both processes ` +
    `share the machine's ${require('node:os').cpus().length} cores. Every request is recorded: spanweave with the always_on sampler ` +
    'into its batch queue with an export that does nothing, OpenTelemetry with a BatchSpanProcessor and a no-op exporter. ' +
    'The verdict is on requests per second; the server\'s CPU time per request (user + system, from the end of the warm-up) ' +
    'is the steadier measure when other work shares the cores: its inverse ratio is the throughput a CPU-bound server keeps.';
  return { title: 'HTTP server under load', markdown: `${method}\n\n${markdownTable(header, rows)}`, text: textTable(header, rows), checks };
}

async function throughputCheck(
  node: NodeRuntime,
  samples: Samples,
  plainRps: number | undefined,
  plainCpu: number | undefined,
  apps: CompiledPair,
): Promise<TargetCheck> {
  const target = 'server throughput: at least 0.95x plain';
  const sw = samples.get(`${node.label}|spanweave`);
  if (!Array.isArray(sw) || !plainRps || !plainCpu) {
    return { target, node: node.label, measured: `n/a: ${typeof sw === 'string' ? sw : 'not measured'}`, met: undefined };
  }
  const r = summarize(sw.map((s) => s.rps)).median / plainRps;
  const cpu = summarize(sw.map((s) => s.cpuMicrosPerRequest)).median / plainCpu;
  const check: TargetCheck = { target, node: node.label, measured: `${r.toFixed(2)}x (CPU per request ${cpu.toFixed(2)}x plain)`, met: r >= 0.95 };
  if (!check.met) {
    check.hotFrames = await profileServer(node, apps);
    check.hotFramesTitle = `Where spanweave's part of the server's time goes (self time, as a share of all the server's CPU samples, under ${PROFILE_LOAD.measured} s of the same load; the last line is the garbage collector's share, for all the server's objects)`;
  }
  return check;
}
