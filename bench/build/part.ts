import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownTable, ratio, spread, textTable } from '../lib/format';
import type { BenchContext, PartReport, TargetCheck } from '../lib/part';
import { ROOT, script } from '../lib/paths';
import { summarize } from '../lib/stats';
import { FUNCTIONS_PER_FILE, generateProgram } from './generate';

const FILES = { full: 100, quick: 20 };

interface Compiler {
  name: string;
  title: string;
  /** The compiler's entry script; relative paths are from the program's folder. */
  bin: string;
  tsconfig: string;
}

/** Where the program's folder gets a copy of TypeScript patched in place by `ts-patch install`. */
const INSTALLED_TSC = path.join('node_modules', 'typescript', 'lib', 'tsc.js');

const TSPC = path.join(ROOT, 'node_modules', 'ts-patch', 'bin', 'tspc.js');

const COMPILERS: readonly Compiler[] = [
  { name: 'tsc', title: 'tsc', bin: require.resolve('typescript/lib/tsc.js'), tsconfig: 'tsconfig.plain.json' },
  // Not the verdict: ts-patch's own cost, so the table shows how much of the verdict's ratio is not spanweave's.
  { name: 'tspc-plain', title: 'tspc with no plugin', bin: TSPC, tsconfig: 'tsconfig.plain.json' },
  { name: 'tspc', title: 'tspc with spanweave, `functions: "all"`', bin: TSPC, tsconfig: 'tsconfig.spanweave.json' },
  // Not the verdict: the same build the way docs/transformer.md advises, without tspc's start-up.
  { name: 'installed', title: 'tsc after `ts-patch install`, with spanweave, `functions: "all"`', bin: INSTALLED_TSC, tsconfig: 'tsconfig.spanweave.json' },
];

/** Copies the project's TypeScript into `dir` and patches the copy in place, as a user's `ts-patch install` does. */
function installPatchedTypeScript(dir: string): void {
  const target = path.join(dir, 'node_modules', 'typescript');
  fs.cpSync(path.dirname(require.resolve('typescript/package.json')), target, { recursive: true });
  const install = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'ts-patch', 'bin', 'ts-patch.js'), 'install', '-s', '--dir', target], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`ts-patch install failed: ${install.stdout}${install.stderr}`);
}

interface BuildSample {
  seconds: number;
  /** User and system CPU time: less disturbed than wall time when other work shares the cores. */
  cpuSeconds: number;
  peakMiB: number;
}

/** One full build (check and emit) in a fresh process: wall time, CPU time and peak resident memory. */
function buildOnce(dir: string, compiler: Compiler): BuildSample {
  const usageFile = path.join(dir, `${compiler.name}.usage.json`);
  fs.rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', script('build/usage-on-exit'), compiler.bin, '-p', compiler.tsconfig], {
    cwd: dir,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) {
    const why = `${run.stdout}${run.stderr}`.split('\n').find((l) => /error/i.test(l)) ?? `exit code ${run.status}`;
    throw new Error(`${compiler.name} failed: ${why.trim()}`);
  }
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as { maxRSS: number; cpuMicros: number };
  return { seconds, cpuSeconds: usage.cpuMicros / 1e6, peakMiB: usage.maxRSS / 1024 };
}

export async function buildPart(context: BenchContext): Promise<PartReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-bench-build-'));
  const files = context.quick ? FILES.quick : FILES.full;
  try {
    generateProgram(dir, files);
    // The generated tsconfig names `spanweave/transformer`; ts-patch resolves it from the project's folder.
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'spanweave'), 'dir');
    installPatchedTypeScript(dir);
    const samples = new Map<string, BuildSample[] | string>();
    for (let run = 0; run < context.runs; run++) {
      for (const compiler of COMPILERS) {
        const sofar = samples.get(compiler.name) ?? [];
        if (typeof sofar === 'string') continue;
        try {
          samples.set(compiler.name, [...sofar, buildOnce(dir, compiler)]);
        } catch (error) {
          samples.set(compiler.name, (error as Error).message);
        }
        process.stdout.write('.');
      }
    }
    process.stdout.write('\n');
    return report(samples, files, context.runs);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(samples: Map<string, BuildSample[] | string>, files: number, runs: number): PartReport {
  const measures = [
    { title: 'wall time', unit: 's', of: (b: BuildSample) => b.seconds },
    { title: 'CPU time (the verdict)', unit: 's', of: (b: BuildSample) => b.cpuSeconds },
    { title: 'peak memory', unit: 'MiB', of: (b: BuildSample) => b.peakMiB },
  ];
  const header = ['compiler', ...measures.flatMap((m) => [`${m.title}, median (min–max)`, 'x tsc'])];
  const plain = samples.get('tsc');
  const rows = COMPILERS.map((compiler) => {
    const got = samples.get(compiler.name);
    if (!Array.isArray(got)) return [compiler.title, `n/a: ${got ?? 'not run'}`, ...measures.slice(1).flatMap(() => ['', '']), ''];
    return [
      compiler.title,
      ...measures.flatMap((m) => {
        const s = summarize(got.map(m.of));
        return [spread(s, m.unit), Array.isArray(plain) ? ratio(s.median, summarize(plain.map(m.of)).median) : ''];
      }),
    ];
  });
  const tspc = samples.get('tspc');
  const target = 'build: at most 1.10x plain tsc (CPU time)';
  const checks: TargetCheck[] = [];
  if (Array.isArray(tspc) && Array.isArray(plain)) {
    const median = (bs: BuildSample[], of: (b: BuildSample) => number) => summarize(bs.map(of)).median;
    const cpu = median(tspc, (b) => b.cpuSeconds) / median(plain, (b) => b.cpuSeconds);
    const wall = median(tspc, (b) => b.seconds) / median(plain, (b) => b.seconds);
    checks.push({ target, measured: `${cpu.toFixed(2)}x the CPU time (wall time ${wall.toFixed(2)}x)`, met: cpu <= 1.1 });
  } else {
    checks.push({ target, measured: `n/a: ${typeof tspc === 'string' ? tspc : 'not measured'}`, met: undefined });
  }
  const method =
    `A generated program of ${files} modules and ${files * FUNCTIONS_PER_FILE} named functions of every kind (bench/build/generate.ts), ` +
    `type-checked and emitted from scratch by each compiler in a fresh process under Node ${process.versions.node}, ${runs} runs each, interleaved. ` +
    'CPU time is user plus system time of the compiler process, peak memory its maximum resident set size. The verdict is on ' +
    'CPU time: other work on the machine stretches the wall time of both compilers by different amounts, much less their CPU time. ' +
    'The verdict is on tspc with spanweave. For comparison only: "tspc with no plugin" is the plain program built by tspc, ' +
    'ts-patch\'s own start-up and nothing of spanweave; the last row is the spanweave build with plain tsc from a copy of ' +
    'TypeScript patched by `ts-patch install`, which skips most of tspc\'s start-up (docs/transformer.md, "Build time").';
  return { title: 'Build', markdown: `${method}\n\n${markdownTable(header, rows)}`, text: textTable(header, rows), checks };
}
