/**
 * `npm run demo`: builds the two services of fixtures/demo with tspc and
 * spanweave, starts them on free loopback ports, sends a few requests to the
 * front service, stops both, and prints the traces as trees with the console
 * reporter: one trace per request, across both services.
 *
 * Each service writes its finished spans as JSON lines to a temp file
 * (`OTEL_TRACES_EXPORTER=jsonl`); the driver reads both files, so the trees
 * hold the spans of both processes. `runDemo` returns them as data for the
 * end-to-end test (test/demo.test.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConsoleReporter, type FinishedSpan } from 'spanweave/runtime';

const repoRoot = path.resolve(__dirname, '..', '..');
const demoDir = path.join(repoRoot, 'fixtures', 'demo');

/** The requests the driver sends to the front service. */
export const DEMO_REQUESTS = [
  { method: 'GET', path: '/orders/1001' },
  { method: 'GET', path: '/orders/4040' },
  { method: 'POST', path: '/orders/1001/checkout' },
] as const;

export interface DemoRun {
  /** Every finished span of both services. */
  spans: FinishedSpan[];
  /** The status the front service answered each of `DEMO_REQUESTS` with. */
  statuses: number[];
  /** What each service wrote to stderr (Express logs the errors its final handler answers). */
  logs: Record<string, string>;
}

/** Compiles fixtures/demo with the real tspc and the spanweave plugin into fixtures/demo/out. */
export function buildDemo(): void {
  const tspc = path.join(repoRoot, 'node_modules', 'ts-patch', 'bin', 'tspc.js');
  const result = spawnSync(process.execPath, [tspc, '-p', 'tsconfig.json'], { cwd: demoDir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building fixtures/demo failed:\n${result.stdout}${result.stderr}`);
}

interface Service {
  name: string;
  child: ChildProcess;
  port: number;
  spansFile: string;
  stderr: () => string;
}

/** Starts one compiled service and waits for the `listening <port>` line it prints. */
function startService(name: string, script: string, spansFile: string, env: Record<string, string> = {}): Promise<Service> {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(demoDir, 'out', script)], {
    env: { ...process.env, ...env, OTEL_SERVICE_NAME: name, OTEL_TRACES_EXPORTER: 'jsonl', SPANWEAVE_JSONL_FILE: spansFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 30 s`)), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code} before listening:\n${stderr}`)));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const port = /listening (\d+)/.exec(output)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ name, child, port: Number(port), spansFile, stderr: () => stderr });
    });
  });
}

/** Stops a service with SIGTERM; it flushes its spans before it exits. */
function stopService(service: Service): Promise<void> {
  return new Promise((resolve) => {
    if (service.child.exitCode !== null) return resolve();
    service.child.once('exit', () => resolve());
    service.child.kill('SIGTERM');
  });
}

function readSpans(file: string): FinishedSpan[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FinishedSpan);
}

/** Starts both services, sends `DEMO_REQUESTS`, stops them, and returns what they recorded. Builds first unless told not to. */
export async function runDemo(options: { build?: boolean } = {}): Promise<DemoRun> {
  if (options.build !== false) buildDemo();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-demo-'));
  const started: Service[] = [];
  try {
    const inventory = await startService('inventory', 'back/main.js', path.join(dir, 'inventory.jsonl'));
    started.push(inventory);
    const shop = await startService('shop', 'front/main.js', path.join(dir, 'shop.jsonl'), {
      INVENTORY_URL: `http://127.0.0.1:${inventory.port}`,
    });
    started.push(shop);
    const statuses: number[] = [];
    for (const request of DEMO_REQUESTS) {
      const response = await fetch(`http://127.0.0.1:${shop.port}${request.path}`, { method: request.method });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    await Promise.all(started.map(stopService));
    return {
      spans: started.flatMap((service) => readSpans(service.spansFile)),
      statuses,
      logs: Object.fromEntries(started.map((service) => [service.name, service.stderr()])),
    };
  } finally {
    await Promise.all(started.map(stopService));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Prints each trace as one tree. The console reporter prints a trace when its
 * root arrives, so each trace's spans are given to it root last, the others
 * in the order they started (a service's server span after the client span
 * that called it).
 */
export async function printTraces(spans: readonly FinishedSpan[], stream: NodeJS.WritableStream = process.stdout): Promise<void> {
  const reporter = new ConsoleReporter({ stream });
  // The reporter prints a trace when its root arrives, and takes a server span whose client span it has not
  // seen for the local root of another process. So each span goes after its parent, whatever the two
  // services' clocks say (their start times may cross by the clock skew between processes), and roots last.
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const depth = (span: FinishedSpan): number => {
    let steps = 0;
    for (let parent = span.parentId; parent !== undefined && steps < byId.size; steps++) parent = byId.get(parent)?.parentId;
    return steps;
  };
  const ordered = spans
    .map((span) => ({ span, depth: depth(span) }))
    .sort((a, b) => Number(a.depth === 0) - Number(b.depth === 0) || a.depth - b.depth || a.span.startTime - b.span.startTime);
  for (const { span } of ordered) reporter.report(span);
  await reporter.shutdown();
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  console.log('Building fixtures/demo with tspc and spanweave...');
  buildDemo();
  console.log('Starting the shop (Express) and inventory (Fastify) services, sending requests:');
  const run = await runDemo({ build: false });
  DEMO_REQUESTS.forEach((request, i) => console.log(`  ${request.method} ${request.path} -> ${run.statuses[i]}`));
  console.log(`\n${new Set(run.spans.map((s) => s.traceId)).size} traces, ${run.spans.length} spans from both services:\n`);
  await printTraces(run.spans);
  for (const [service, log] of Object.entries(run.logs)) {
    if (log.trim() !== '') console.log(`\n${service} wrote to stderr:\n${log.trimEnd()}`);
  }
  console.log(`\nDone in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
