import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownTable, ratio, spread, textTable } from '../lib/format';
import type { BenchContext, PartReport, TargetCheck } from '../lib/part';
import { ROOT, script } from '../lib/paths';
import { medianRatioInterval, summarize } from '../lib/stats';
import { machineCpu, othersCpuSeconds } from '../lib/machine-cpu';
import { effectVersion, writeEffectProgram } from './effect-program';
import { generateProgram } from './generate';
import { functionsWrapped } from './functions-wrapped';
import { PLAIN_TSCONFIG, SPANWEAVE_TSCONFIG } from './tsconfigs';

/**
 * The programs the build is measured on. The verdict is on a real large
 * program, effect's core: 334,000 lines of library code as its authors wrote
 * and build it. Two generated programs are shown beside it: the
 * application-shaped one is written the way service code is, with a
 * function every 10 lines (effect's core has one every 58), so it weighs
 * what spanweave adds per function more than real code does (it was the
 * verdict until 2026-11-28); the dense one, nothing but one-line functions,
 * is the worst case. They get fewer runs, to keep the whole benchmark under
 * ten minutes.
 */
interface ProgramCase {
  /** Names the program's temporary folder. */
  name: string;
  title: string;
  verdict: boolean;
  /** Fewer runs than the benchmark's for a comparison that is not the verdict. */
  maxRuns?: number;
  /** Writes the program and the tsconfigs of tsconfigs.ts into `dir`. */
  write(dir: string, quick: boolean): void;
}

const PROGRAMS: readonly ProgramCase[] = [
  { name: 'effect', title: `A real large program, effect ${effectVersion()}'s core`, verdict: true, write: writeEffectProgram },
  {
    name: 'application',
    title: 'A large application-shaped program',
    verdict: false,
    maxRuns: 2,
    write: (dir, quick) => generateProgram(dir, quick ? 10 : 300, 'application'),
  },
  { name: 'dense', title: 'One-line functions only', verdict: false, maxRuns: 2, write: (dir, quick) => generateProgram(dir, quick ? 20 : 100, 'dense') },
];

type CompilerName = 'tsc' | 'tspc';

interface Compiler {
  name: CompilerName;
  title: string;
  /** The compiler's entry script; relative paths are from the program's folder. */
  bin: string;
  tsconfig: string;
}

const TSPC = path.join(ROOT, 'node_modules', 'ts-patch', 'bin', 'tspc.js');

const COMPILERS: readonly Compiler[] = [
  { name: 'tsc', title: 'tsc', bin: require.resolve('typescript/lib/tsc.js'), tsconfig: PLAIN_TSCONFIG },
  { name: 'tspc', title: 'tspc with spanweave, `functions: "all"`', bin: TSPC, tsconfig: SPANWEAVE_TSCONFIG },
];

interface RunSample {
  seconds: number;
  /** User and system CPU time: less disturbed than wall time when other work shares the cores. */
  cpuSeconds: number;
  peakMiB: number;
  /** Full (mark-sweep-compact) garbage collections in the run. */
  fullGcs: number;
  /** CPU time other work on the machine took during the run (undefined where it cannot be read). */
  othersCpuSeconds: number | undefined;
}

interface BuildSample extends RunSample {
  /** The JavaScript the build wrote: what spanweave adds to it is most of what it adds to the printing. */
  outputMB: number;
}

/** One run of a compiler's entry script with `args` in a fresh process: wall time, CPU time, peak resident memory, full collections. */
function runCompiler(dir: string, name: string, bin: string, args: readonly string[]): RunSample {
  const usageFile = path.join(dir, `${name}.usage.json`);
  const machineBefore = machineCpu();
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', script('build/usage-on-exit'), bin, ...args], {
    cwd: dir,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const machineAfter = machineCpu();
  if (run.status !== 0) {
    const why = `${run.stdout}${run.stderr}`.split('\n').find((l) => /error/i.test(l)) ?? `exit code ${run.status}`;
    throw new Error(`${name} failed: ${why.trim()}`);
  }
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as { maxRSS: number; cpuMicros: number; fullGcs: number };
  const cpuSeconds = usage.cpuMicros / 1e6;
  const othersCpu = machineBefore && machineAfter ? othersCpuSeconds(machineBefore, machineAfter, cpuSeconds) : undefined;
  return { seconds, cpuSeconds, peakMiB: usage.maxRSS / 1024, fullGcs: usage.fullGcs, othersCpuSeconds: othersCpu };
}

/** One full build (check and emit): the run's measures and the size of its output. */
function buildOnce(dir: string, compiler: Compiler): BuildSample {
  fs.rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  const sample = runCompiler(dir, compiler.name, compiler.bin, ['-p', compiler.tsconfig]);
  return { ...sample, outputMB: bytesUnder(path.join(dir, 'out')) / 1e6 };
}

function bytesUnder(folder: string): number {
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).reduce((sum, entry) => (entry.isFile() ? sum + fs.statSync(path.join(entry.parentPath, entry.name)).size : sum), 0);
}

export async function buildPart(context: BenchContext): Promise<PartReport> {
  const reports: ProgramReport[] = [];
  for (const program of PROGRAMS) reports.push(await measureProgram(context, program));
  reports.push(measureStartup(context));
  return {
    title: 'Build',
    markdown: [methodParagraph(), ...reports.map((r) => r.markdown)].join('\n\n'),
    text: reports.map((r) => r.text).join('\n'),
    checks: reports.flatMap((r) => r.checks),
  };
}

interface ProgramReport {
  markdown: string;
  text: string;
  checks: TargetCheck[];
}

/** tsc and tspc with spanweave on one program, `context.runs` times each (at most `program.maxRuns`), interleaved. */
async function measureProgram(context: BenchContext, program: ProgramCase): Promise<ProgramReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `spanweave-bench-build-${program.name}-`));
  try {
    program.write(dir, context.quick);
    // The tsconfigs name `spanweave/transformer`; ts-patch resolves it from the program's folder.
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'spanweave'), 'dir');
    const samples = new Map<string, BuildSample[] | string>();
    const runs = Math.min(context.runs, program.maxRuns ?? context.runs);
    // Described from the output of the first spanweave build, before the next build removes it.
    let description: string | undefined;
    for (let run = 0; run < runs; run++) {
      // Every other run in the other order, so neither compiler always follows the other (and what it left in the caches).
      for (const compiler of run % 2 === 0 ? COMPILERS : [...COMPILERS].reverse()) {
        const sofar = samples.get(compiler.name) ?? [];
        if (typeof sofar === 'string') continue;
        let built = false;
        try {
          samples.set(compiler.name, [...sofar, buildOnce(dir, compiler)]);
          built = true;
        } catch (error) {
          samples.set(compiler.name, (error as Error).message);
        }
        if (built && compiler.name === 'tspc') description ??= describeProgram(dir);
        process.stdout.write('.');
      }
    }
    process.stdout.write('\n');
    return report(program, samples, `${description ?? 'not described: no spanweave build succeeded'}, ${runs} runs each`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What tspc costs before it compiles anything: `--version` run by tsc and by
 * tspc, which loads ts-patch (and a copy of TypeScript for its patcher) and
 * patches and evaluates the compiler first. The difference is part of every
 * tspc build, whatever the program's size and whatever the plugins.
 */
function measureStartup(context: BenchContext): ProgramReport {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-bench-startup-'));
  try {
    const samples = new Map<CompilerName, RunSample[]>(COMPILERS.map((c) => [c.name, []]));
    for (let run = 0; run < context.runs; run++) {
      for (const compiler of COMPILERS) samples.get(compiler.name)!.push(runCompiler(dir, compiler.name, compiler.bin, ['--version']));
    }
    const cpu = (name: CompilerName) => summarize(samples.get(name)!.map((s) => s.cpuSeconds));
    const header = ['compiler', 'wall time, median (min–max)', 'CPU time, median (min–max)', 'CPU time over tsc', 'peak memory, median (min–max)'];
    const rows = COMPILERS.map((compiler) => {
      const got = samples.get(compiler.name)!;
      return [
        compiler.name,
        spread(summarize(got.map((s) => s.seconds)), 's'),
        spread(cpu(compiler.name), 's'),
        `${(cpu(compiler.name).median - cpu('tsc').median).toFixed(2)} s`,
        spread(summarize(got.map((s) => s.peakMiB)), 'MiB'),
      ];
    });
    const heading = `#### Start-up alone: \`--version\`, nothing compiled, ${context.runs} runs each`;
    return { markdown: `${heading}\n\n${markdownTable(header, rows)}`, text: `${heading}\n${textTable(header, rows)}`, checks: [] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `N modules, L lines of TypeScript, F functions wrapped`, from the output of
 * the spanweave build just made: the modules are those it emitted (the
 * program's roots and what they import), the lines those of their sources,
 * the functions those its files' prologues list (functions-wrapped.ts).
 */
function describeProgram(dir: string): string {
  const out = path.join(dir, 'out');
  const emitted = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  const sources = emitted.map((f) => path.join(dir, 'src', f.replace(/\.js$/, '.ts'))).filter((f) => fs.existsSync(f));
  const lines = sources.reduce((sum, f) => sum + fs.readFileSync(f, 'utf8').split('\n').length, 0);
  const functions = functionsWrapped(emitted.map((f) => path.join(out, f)));
  return `${sources.length} modules, ${lines.toLocaleString('en-US')} lines of TypeScript, ${functions.toLocaleString('en-US')} functions wrapped (${(lines / functions).toFixed(1)} lines a function)`;
}

function report(program: ProgramCase, samples: Map<string, BuildSample[] | string>, description: string): ProgramReport {
  const measures = [
    { title: 'wall time', unit: 's', of: (b: BuildSample) => b.seconds },
    { title: program.verdict ? 'CPU time (the verdict)' : 'CPU time', unit: 's', of: (b: BuildSample) => b.cpuSeconds },
    { title: 'peak memory', unit: 'MiB', of: (b: BuildSample) => b.peakMiB },
    { title: 'JavaScript output', unit: 'MB', of: (b: BuildSample) => b.outputMB },
  ];
  const header = ['compiler', ...measures.flatMap((m) => [`${m.title}, median (min–max)`, 'x tsc']), 'full GCs, run by run', "other work's CPU time, run by run"];
  const plain = samples.get('tsc');
  const rows = COMPILERS.map((compiler) => {
    const got = samples.get(compiler.name);
    if (!Array.isArray(got)) return [compiler.title, `n/a: ${got ?? 'not run'}`, ...measures.slice(1).flatMap(() => ['', '']), '', '', ''];
    return [
      compiler.title,
      ...measures.flatMap((m) => {
        const s = summarize(got.map(m.of));
        return [spread(s, m.unit), Array.isArray(plain) ? ratio(s.median, summarize(plain.map(m.of)).median) : ''];
      }),
      got.map((b) => b.fullGcs).join(' '),
      othersCpuRunByRun(got),
    ];
  });
  const heading = `#### ${program.title}${program.verdict ? ' (the verdict)' : ''}: ${description}`;
  return { markdown: `${heading}\n\n${markdownTable(header, rows)}`, text: `${heading}\n${textTable(header, rows)}`, checks: program.verdict ? [verdict(samples)] : [] };
}

/** `0.0 0.3 2.1 s`: what other work on the machine took during each build, or n/a where /proc/stat cannot be read. */
function othersCpuRunByRun(builds: readonly BuildSample[]): string {
  if (builds.some((b) => b.othersCpuSeconds === undefined)) return 'n/a';
  return `${builds.map((b) => b.othersCpuSeconds!.toFixed(1)).join(' ')} s`;
}

function verdict(samples: Map<string, BuildSample[] | string>): TargetCheck {
  const target = `build: at most 1.10x plain tsc (CPU time), a real large program (effect ${effectVersion()}'s core)`;
  const tspc = samples.get('tspc');
  const plain = samples.get('tsc');
  if (!Array.isArray(tspc) || !Array.isArray(plain)) {
    return { target, measured: `n/a: ${typeof tspc === 'string' ? tspc : typeof plain === 'string' ? plain : 'not measured'}`, met: undefined };
  }
  const median = (bs: BuildSample[], of: (b: BuildSample) => number) => summarize(bs.map(of)).median;
  const fastest = (bs: BuildSample[]) => summarize(bs.map((b) => b.cpuSeconds)).min;
  const cpu = median(tspc, (b) => b.cpuSeconds) / median(plain, (b) => b.cpuSeconds);
  const interval = medianRatioInterval(
    tspc.map((b) => b.cpuSeconds),
    plain.map((b) => b.cpuSeconds),
  );
  const wall = median(tspc, (b) => b.seconds) / median(plain, (b) => b.seconds);
  // Other work on the machine only ever adds time: the fastest runs' ratio is shown beside the verdict's medians, to judge the noise by.
  const fastestRatio = (fastest(tspc) / fastest(plain)).toFixed(2);
  // Each run builds with both compilers back to back: the ratio within each run shows whether the verdict's medians hide one slow build or a whole slow run.
  const byRun = tspc.slice(0, plain.length).map((b, run) => (b.cpuSeconds / plain[run].cpuSeconds).toFixed(2)).join(' ');
  // Other work on the machine slows spanweave's builds more than tsc's (docs/transformer.md, "The benchmark's programs"): how much of it there was is shown too.
  const others = [...plain, ...tspc].flatMap((b) => (b.othersCpuSeconds === undefined ? [] : [b.othersCpuSeconds]));
  const disturbance = others.length === plain.length + tspc.length ? `; other work on the machine: up to ${Math.max(...others).toFixed(1)} s of CPU time during a build` : '';
  return { target, measured: `${cpu.toFixed(2)}x the CPU time (90% bootstrap interval ${interval.low.toFixed(2)}–${interval.high.toFixed(2)}; fastest runs ${fastestRatio}x; run by run ${byRun}; wall time ${wall.toFixed(2)}x${disturbance})`, met: cpu <= 1.1 };
}

function methodParagraph(): string {
  return (
    'Each program is type-checked and emitted from scratch by plain tsc and by tspc with spanweave `functions: "all"`, each build in a fresh process ' +
    `under Node ${process.versions.node}, the two compilers interleaved run after run, in alternating order. ` +
    `The verdict's program is real code: the core of effect ${effectVersion()} (bench/build/effect-program.ts), every module at the top of ` +
    "the `src/` its npm package ships and what they import, built with the compiler options of effect's own build, JavaScript only. " +
    'The others are generated (bench/build/generate.ts). The application-shaped one (bench/build/application.ts) ' +
    'is written the way service code is: interfaces and types, validation with early returns, loops, `switch`, `try`/`catch`, generics, a ' +
    'repository class and a service class with async methods, arrow constants and a handler object, in 300 modules each importing the one before. ' +
    'It has far more functions per line than real code, so what spanweave adds per function weighs more in it; it was the verdict until 2026-11-28. ' +
    'The dense one is nothing but one-line functions of every kind, the worst case for an instrumenting build. ' +
    'The functions wrapped are counted in the output of a timed spanweave build: each file\'s prologue lists them (bench/build/functions-wrapped.ts). ' +
    'CPU time is user plus system time of the compiler process, all its threads, peak memory its maximum resident set size, output the size of the files it wrote; ' +
    "other work's CPU time is what the rest of the machine used while the build ran (busy time in /proc/stat, less the build's own, plus time stolen by the hypervisor), " +
    "since other tenants' work slows spanweave's builds more than tsc's; " +
    "the full GCs are each build's collections of the whole heap (counted by `v8.GCProfiler` in the compiler process): one more of them near the end of a " +
    "large build costs about a second of CPU time on V8's helper threads, whoever's allocation tipped it (docs/transformer.md, \"The benchmark's programs\"). The verdict is on " +
    'CPU time (other work on the machine stretches the wall time of both compilers by different amounts, much less their CPU time). ' +
    "Its line gives, beside the ratio of the medians, a 90% bootstrap interval of that ratio (each compiler's runs resampled) and the ratio within each run: " +
    'on a shared virtual machine the same build moves by up to a third from one run to the next, and five runs settle the ratio only to a few hundredths. ' +
    "Part of tspc's ratio is ts-patch's own: the last table is its start-up, `--version` run by tsc and by tspc, which compiles nothing, " +
    'a fixed cost of every tspc build, with the second copy of TypeScript tspc loads to patch the compiler (about 80 MiB more memory).'
  );
}
