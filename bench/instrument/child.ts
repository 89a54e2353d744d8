/**
 * One instrumenter's throughput on the JavaScript of the generated program:
 * `node child.js <folder of .js files> <tool> <budget in seconds>`. Each file
 * is instrumented whole, one after the other and round again, until the
 * budget is spent (after a first file to warm up); the result is the MB of
 * JavaScript read per second and the functions instrumented per file.
 *
 * Tools:
 * - `spanweave`: `JsInstrumenter` with `functions: "all"`, the named functions
 *   of every kind, and its source map (a new instrumenter per round, as one build).
 * - `orchestrion`: @apm-js-collab/code-transformer given one function query
 *   per named function of the file, the way it selects functions (by name).
 * - `orchestrion-one`: the same with one query per file, its floor.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JsInstrumenter } from '../../transformer/js/instrumenter';
import { sendResult } from '../lib/child';

export interface InstrumentSample {
  mbPerSecond: number;
  functionsPerFile: number;
}

type Instrument = (code: string, file: string) => string;

/** The generated module's named functions (bench/build/generate.ts) as orchestrion function queries. */
function orchestrionQueries(index: number, all: boolean): object[] {
  const queries: object[] = [{ functionName: `fn${index}_0`, kind: 'Sync' }];
  if (!all) return queries;
  for (let f = 1; f < 20; f++) queries.push({ functionName: `fn${index}_${f}`, kind: 'Sync' });
  for (let f = 0; f < 5; f++) queries.push({ functionName: `load${index}_${f}`, kind: 'Async' });
  queries.push({ functionName: `ids${index}`, kind: 'Sync' }, { functionName: `total${index}`, kind: 'Sync' });
  for (const method of ['constructor', 'size', ...Array.from({ length: 10 }, (_, m) => `method${m}`)]) queries.push({ className: `Service${index}`, methodName: method, kind: 'Sync' });
  queries.push({ className: `Service${index}`, methodName: 'fetchAll', kind: 'Async' });
  for (let a = 0; a < 8; a++) queries.push({ expressionName: `arrow${index}_${a}`, kind: 'Sync' });
  queries.push({ methodName: 'create', kind: 'Sync' }, { methodName: 'rename', kind: 'Sync' });
  return queries;
}

function orchestrion(files: readonly string[], all: boolean): () => Instrument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { create } = require('@apm-js-collab/code-transformer') as typeof import('@apm-js-collab/code-transformer');
  const configs = files.flatMap((file) => {
    const index = Number(/m(\d+)\.js$/.exec(file)![1]);
    const filePath = path.basename(file);
    return orchestrionQueries(index, all).map((functionQuery, n) => ({
      channelName: `f${index}_${n}`,
      module: { name: 'bench-app', versionRange: '>=0.0.0', filePath },
      functionQuery: functionQuery as never,
    }));
  });
  return () => {
    const matcher = create(configs);
    return (code, file) => matcher.getTransformer('bench-app', '1.0.0', path.basename(file))!.transform(code, 'cjs').code;
  };
}

function spanweave(dir: string): () => Instrument {
  return () => {
    const instrumenter = new JsInstrumenter({ functions: 'all', projectDir: dir });
    return (code, file) => instrumenter.instrument(code, { filename: file, format: 'commonjs' }).code;
  };
}

function main(): void {
  const [dir, tool, budget] = process.argv.slice(2) as [string, string, string];
  const files = fs.readdirSync(dir).filter((f) => /^m\d+\.js$/.test(f)).sort().map((f) => path.join(dir, f));
  const codes = files.map((f) => fs.readFileSync(f, 'utf8'));
  const round = tool === 'spanweave' ? spanweave(dir) : orchestrion(files, tool === 'orchestrion');
  const count = tool === 'spanweave' ? (out: string) => out.match(/\.exitFunction\(/g)?.length ?? 0 : (out: string) => out.match(/const __apm\$ctx = \{/g)?.length ?? 0;
  const functionsPerFile = count(round()(codes[0]!, files[0]!));
  const deadline = process.hrtime.bigint() + BigInt(Math.round(Number(budget) * 1e9));
  const started = process.hrtime.bigint();
  let bytes = 0;
  for (let done = false; !done; ) {
    const instrument = round();
    for (let i = 0; i < files.length && !done; i++) {
      instrument(codes[i]!, files[i]!);
      bytes += Buffer.byteLength(codes[i]!);
      done = process.hrtime.bigint() > deadline;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  sendResult({ mbPerSecond: bytes / 1e6 / seconds, functionsPerFile } satisfies InstrumentSample);
}

main();
