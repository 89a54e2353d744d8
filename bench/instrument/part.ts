/**
 * The JavaScript instrumenter's throughput (MB of JavaScript a second) beside
 * orchestrion-js (@apm-js-collab/code-transformer) on the same files: the
 * generated program of the build part, compiled by TypeScript one file at a
 * time, with each tool instrumenting the same 50 named functions per file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { FUNCTIONS_PER_FILE, generateProgram } from '../build/generate';
import { runChild } from '../lib/child';
import { markdownTable, num, textTable } from '../lib/format';
import type { BenchContext, PartReport } from '../lib/part';
import { script } from '../lib/paths';
import { summarize } from '../lib/stats';
import type { InstrumentSample } from './child';

const FILES = { full: 100, quick: 20 };
const BUDGET_SECONDS = { full: 2, quick: 2 };
/** At most this many runs: no target rests on this part, and the whole benchmark must stay under 10 minutes (#7). */
const MAX_RUNS = 3;

const TOOLS = [
  { name: 'spanweave', title: 'spanweave `instrumentJs`, `functions: "all"` (with its source map)' },
  { name: 'orchestrion', title: 'orchestrion-js, one query per named function' },
  { name: 'orchestrion-one', title: 'orchestrion-js, one query per file' },
] as const;

/** Three significant digits below 10 MB/s: orchestrion-js can be far below 0.01. */
function mbps(value: number): string {
  return value >= 10 ? num(value) : value.toPrecision(3);
}

/** The generated program's modules as CommonJS JavaScript, in `dir/js`. */
function compileProgram(dir: string, files: number): string {
  generateProgram(dir, files);
  const out = path.join(dir, 'js');
  fs.mkdirSync(out);
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
  for (let i = 0; i < files; i++) {
    const source = fs.readFileSync(path.join(dir, 'src', `m${i}.ts`), 'utf8');
    fs.writeFileSync(path.join(out, `m${i}.js`), ts.transpileModule(source, { compilerOptions }).outputText);
  }
  return out;
}

export async function instrumentPart(context: BenchContext): Promise<PartReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-bench-instrument-'));
  const files = context.quick ? FILES.quick : FILES.full;
  const budget = context.quick ? BUDGET_SECONDS.quick : BUDGET_SECONDS.full;
  const runs = Math.min(context.runs, MAX_RUNS);
  try {
    const js = compileProgram(dir, files);
    const megabytes = fs.readdirSync(js).reduce((sum, f) => sum + fs.statSync(path.join(js, f)).size, 0) / 1e6;
    const samples = new Map<string, InstrumentSample[] | string>();
    for (let run = 0; run < runs; run++) {
      for (const node of context.nodes) {
        for (const tool of TOOLS) {
          const key = `${tool.name}|${node.label}`;
          const sofar = samples.get(key) ?? [];
          if (typeof sofar === 'string') continue;
          try {
            const sample = await runChild<InstrumentSample>({ node: node.bin, script: script('instrument/child'), args: [js, tool.name, String(budget)], timeoutMs: 300_000 });
            samples.set(key, [...sofar, sample]);
          } catch (error) {
            samples.set(key, (error as Error).message.split('\n')[0]!);
          }
          process.stdout.write('.');
        }
      }
    }
    process.stdout.write('\n');
    const header = ['instrumenter', ...context.nodes.map((n) => `${n.label}: MB/s, median (min–max)`), 'functions per file'];
    const rows = TOOLS.map((tool) => {
      let functions = '';
      const cells = context.nodes.map((node) => {
        const got = samples.get(`${tool.name}|${node.label}`);
        if (!Array.isArray(got)) return `n/a: ${got ?? 'not run'}`;
        functions = String(got[0]!.functionsPerFile);
        const s = summarize(got.map((g) => g.mbPerSecond));
        return `${mbps(s.median)} (${mbps(s.min)}–${mbps(s.max)})`;
      });
      return [tool.title, ...cells, functions];
    });
    const method =
      `The generated program of the build part (${files} modules of ${FUNCTIONS_PER_FILE} named functions each, ${megabytes.toFixed(2)} MB of JavaScript ` +
      'compiled to CommonJS by TypeScript one file at a time) instrumented in memory, file after file, for ' +
      `${budget} s in a fresh process after one file to warm up; ${runs} runs each. orchestrion-js selects functions by name, ` +
      'so it is given one query per named function of each file (an `astQuery` matching every function would also match the wrappers it writes); ' +
      'the one-query row shows its cost per file whatever the number of queries. "functions per file" counts the functions each instrumented in the first file.';
    return { title: 'JavaScript instrumenter throughput', markdown: `${method}\n\n${markdownTable(header, rows)}`, text: textTable(header, rows), checks: [] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
