#!/usr/bin/env node
/**
 * Splits a Linux `perf` CPU profile of one Node process by thread: the main
 * thread, and on V8's worker threads the optimizing compiler, the young- and
 * old-generation garbage collectors, and the rest. Prints sample counts (one
 * sample a millisecond of CPU at `-F 999`).
 *
 * Why: a build's CPU time counts V8's worker threads, which a `--cpu-prof`
 * profile of the main thread does not see, and on this 2-core machine they
 * are a third of a `tsc` build (docs/transformer.md, "Build time").
 *
 *   perf record -e cpu-clock -F 999 -g -o build.data -- node node_modules/ts-patch/bin/tspc.js -p .
 *   perf script -i build.data -F comm,pid,tid,ip,sym | node scripts/perf-threads.js
 */
'use strict';

const CATEGORIES = [
  ['optimizing compiler', /OptimizingCompileDispatcher|OptimizedCompilationJob|PipelineCompilationJob/],
  ['young-generation GC', /Scaveng|MinorMark/],
  ['old-generation GC', /ConcurrentMarking|MarkCompact|Sweeper|Evacuat|Compactor/],
];

const counts = new Map();
let sample;
function count() {
  if (sample === undefined) return;
  const stack = sample.frames.join('\n');
  const category = sample.tid === sample.pid ? 'main thread' : (CATEGORIES.find(([, pattern]) => pattern.test(stack))?.[0] ?? 'other worker threads');
  counts.set(category, (counts.get(category) ?? 0) + 1);
}

// `perf script` prints a header line per sample (`comm pid/tid ...`; a thread's name may hold spaces), then one indented line per frame.
for (const line of require('node:fs').readFileSync(0, 'utf8').split('\n')) {
  const header = /^\S.*?\s(\d+)\/(\d+)\s/.exec(line);
  if (header !== null) {
    count();
    sample = { pid: Number(header[1]), tid: Number(header[2]), frames: [] };
  } else if (sample !== undefined && line.trim() !== '') {
    sample.frames.push(line.trim());
  }
}
count();
for (const [category, samples] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(samples).padStart(7)}  ${category}`);
