import { spawn, type ChildProcess } from 'node:child_process';

/** The line prefix a benchmark child prints its result after, as JSON. */
const RESULT_PREFIX = 'BENCH_RESULT ';

/** Called by a child to hand its result to the parent. */
export function sendResult(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export interface ChildRun {
  /** The node binary to run the script with. */
  node: string;
  script: string;
  args?: readonly string[];
  execArgv?: readonly string[];
  /** Added to the parent's environment. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Killed after this long; 120 s unless given. */
  timeoutMs?: number;
}

interface Spawned {
  child: ChildProcess;
  /** Resolves with the first result the child sends. */
  result: Promise<unknown>;
  /** Resolves when the child has exited, with the last result it sent. */
  exited: Promise<unknown>;
}

/** Spawns a child in a fresh process (no JIT or module state leaks between cases) and watches for its result. */
function spawnChild(run: ChildRun): Spawned {
  const child = spawn(run.node, [...(run.execArgv ?? []), run.script, ...(run.args ?? [])], {
    cwd: run.cwd,
    env: { ...process.env, ...run.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), run.timeoutMs ?? 120_000);
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const results = () =>
    stdout
      .split('\n')
      .slice(0, -1) // the last line may be incomplete
      .filter((l) => l.startsWith(RESULT_PREFIX))
      .map((l) => JSON.parse(l.slice(RESULT_PREFIX.length)) as unknown);
  const exited = new Promise<unknown>((done) => child.on('close', () => (clearTimeout(timer), done(results().at(-1)))));
  const result = new Promise<unknown>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const [first] = results();
      if (first !== undefined) resolve(first);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const why = signal ? `killed by ${signal}` : `exit code ${code}`;
      reject(new Error(`bench: ${run.script} ${(run.args ?? []).join(' ')} ended without a result (${why})\n${stderr.trim()}`));
    });
  });
  return { child, result, exited };
}

/** Runs a script to completion and returns the result it sent with sendResult(). */
export async function runChild<T>(run: ChildRun): Promise<T> {
  const { result, exited } = spawnChild(run);
  const value = (await result) as T;
  await exited;
  return value;
}

/**
 * Starts a long-running child (a server), resolves with the first result it
 * sends and leaves it running until `stop()`, which resolves with the last
 * result it sent (what it says on SIGTERM, if anything). `signal` sends it
 * another signal in between.
 */
export async function startChild<T, Last = unknown>(
  run: ChildRun,
): Promise<{ result: T; signal: (name: NodeJS.Signals) => void; stop: () => Promise<Last | undefined> }> {
  const { child, result, exited } = spawnChild(run);
  const value = (await result) as T;
  const stop = async () => {
    child.kill('SIGTERM');
    return (await exited) as Last | undefined;
  };
  return { result: value, signal: (name) => child.kill(name), stop };
}
