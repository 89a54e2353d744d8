#!/usr/bin/env node
/**
 * Compares the cost of emitting one of the benchmark's programs with two
 * builds of the transformer (two `dist` folders, such as this checkout's and
 * one of an older commit's `git worktree`), in interleaved fresh processes.
 * The program is the generated application-shaped one (300 modules), or with
 * `--program effect` the build verdict's, effect's core. `plain` in place of a
 * folder emits without the transformer, the baseline spanweave's share is
 * measured from. Each process
 * checks the program, then emits it once with the transformer as a `before`
 * transformer (`functions: "all"`), as a build does, and reports the emit's
 * wall time and the CPU time of its main thread and of its other threads (V8's
 * compiler and collector helpers), read from /proc (Linux). Prints the medians.
 *
 * Why: `npm run bench` times whole builds, whose type check is most of their
 * time and moves by ±10% on a shared machine; a change to the transformer or to
 * the emitted shape is smaller than that. docs/transformer.md cites its figures.
 *
 *   npm run build && node scripts/emit-cost.js [--runs 12] [--program application|effect] <distA|plain> [<distB|plain>]
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
/** Given in place of a dist folder: the emit without spanweave, for its share of the emit. */
const PLAIN = 'plain';

/** How each program of bench/build is written into a folder, as `npm run bench` writes it. */
const PROGRAMS = {
  application: (dir) => require(path.join(ROOT, 'dist', 'bench', 'build', 'generate.js')).generateProgram(dir, 300, 'application'),
  effect: (dir) => require(path.join(ROOT, 'dist', 'bench', 'build', 'effect-program.js')).writeEffectProgram(dir, false),
};

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
  const before = dist === PLAIN ? [] : [transformerOf(dist)(program, { functions: 'all' }, { ts })];
  const start = threadTicks();
  const began = performance.now();
  program.emit(undefined, () => undefined, undefined, false, { before });
  const wall = performance.now() - began;
  const end = threadTicks();
  console.log(JSON.stringify({ wall, main: end.main - start.main, other: end.other - start.other }));
}

/** The ts-patch entry of the transformer built in `dist`. */
function transformerOf(dist) {
  const factory = require(path.resolve(dist, 'transformer', 'index.js'));
  return factory.default ?? factory;
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
  let program = 'application';
  const programAt = args.indexOf('--program');
  if (programAt >= 0) program = args.splice(programAt, 2)[1];
  const dists = args;
  if (dists.length === 0 || !(runs > 0) || !Object.hasOwn(PROGRAMS, program)) {
    console.error('usage: node scripts/emit-cost.js [--runs N] [--program application|effect] <distA|plain> [<distB|plain>]');
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-emit-cost-'));
  PROGRAMS[program](dir);
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
