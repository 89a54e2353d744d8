#!/usr/bin/env node
/**
 * Compares the cost of emitting the benchmark's large program with two builds
 * of the transformer (two `dist` folders, such as this checkout's and one of an
 * older commit's `git worktree`), in interleaved fresh processes. Each process
 * checks the program, then emits it once with the transformer as a `before`
 * transformer (`functions: "all"`), as a build does, and reports the emit's
 * wall time and the CPU time of its main thread and of its other threads (V8's
 * compiler and collector helpers), read from /proc (Linux). Prints the medians.
 *
 * Why: `npm run bench` times whole builds, whose type check is most of their
 * time and moves by ±10% on a shared machine; a change to the transformer or to
 * the emitted shape is smaller than that. docs/transformer.md cites its figures.
 *
 *   npm run build && node scripts/emit-cost.js [--runs 12] <distA> [<distB>]
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PROGRAM_MODULES = 300; // bench/build/part.ts: the large application-shaped program

if (process.argv[2] === '--child') {
  emitOnce(process.argv[3], process.argv[4]);
} else {
  compare(process.argv.slice(2));
}

/** In a child process: check the program at `dir`, emit it once with the transformer of `dist`, print the costs as JSON. */
function emitOnce(dir, dist) {
  const ts = require(require.resolve('typescript', { paths: [ROOT] }));
  const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.plain.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const program = ts.createProgram(config.fileNames, config.options);
  ts.getPreEmitDiagnostics(program);
  const factory = require(path.resolve(dist, 'transformer', 'index.js'));
  const before = [(factory.default ?? factory)(program, { functions: 'all' }, { ts })];
  const start = threadTicks();
  const began = performance.now();
  program.emit(undefined, () => undefined, undefined, false, { before });
  const wall = performance.now() - began;
  const end = threadTicks();
  console.log(JSON.stringify({ wall, main: end.main - start.main, other: end.other - start.other }));
}

/** CPU milliseconds of the main thread and of all other threads so far (clock ticks of 10 ms). */
function threadTicks() {
  const ticks = { main: 0, other: 0 };
  for (const tid of fs.readdirSync('/proc/self/task')) {
    const fields = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    if (Number(tid) === process.pid) ticks.main += ms;
    else ticks.other += ms;
  }
  return ticks;
}

function compare(args) {
  let runs = 12;
  const runsAt = args.indexOf('--runs');
  if (runsAt >= 0) runs = Number(args.splice(runsAt, 2)[1]);
  const dists = args;
  if (dists.length === 0 || !(runs > 0)) {
    console.error('usage: node scripts/emit-cost.js [--runs N] <distA> [<distB>]');
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-emit-cost-'));
  require(path.join(ROOT, 'dist', 'bench', 'build', 'generate.js')).generateProgram(dir, PROGRAM_MODULES, 'application');
  const samples = new Map(dists.map((dist) => [dist, []]));
  for (let run = 0; run < runs; run++) {
    for (const dist of dists) {
      const child = spawnSync(process.execPath, [__filename, '--child', dir, dist], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`emit with ${dist} failed:\n${child.stderr}`);
      samples.get(dist).push(JSON.parse(child.stdout));
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const [dist, runsOf] of samples) {
    const of = (key) => median(runsOf.map((sample) => sample[key])).toFixed(0).padStart(6);
    console.log(`${dist}: emit wall ${of('wall')} ms, CPU main thread ${of('main')} ms, other threads ${of('other')} ms (medians of ${runs})`);
  }
}
