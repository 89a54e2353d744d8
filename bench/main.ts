/**
 * `npm run bench`: spanweave beside plain code, OpenTelemetry and jaeger-client.
 *   --quick        short runs to try the harness (numbers not worth keeping)
 *   --only=a,b     only these parts: percall, http, build, memory, instrument
 *   --runs=N       processes per case (default 5, quick 2)
 *   --no-write     print only; leave docs/benchmarks.md alone
 */
import { describeMachine, finishMachine } from './lib/machine';
import { nodeRuntimes } from './lib/nodes';
import type { BenchContext, PartReport } from './lib/part';
import { REPORT } from './lib/paths';
import { writeReport } from './lib/report';
import { buildPart } from './build/part';
import { httpPart } from './http/part';
import { instrumentPart } from './instrument/part';
import { memoryPart } from './memory/part';
import { perCallPart } from './percall/part';

const PARTS: Record<string, (context: BenchContext) => Promise<PartReport>> = {
  percall: perCallPart,
  http: httpPart,
  build: buildPart,
  memory: memoryPart,
  instrument: instrumentPart,
};

function option(name: string): string | undefined {
  const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : (arg.split('=')[1] ?? '');
}

async function main(): Promise<void> {
  const quick = option('quick') !== undefined;
  const only = option('only')?.split(',') ?? Object.keys(PARTS);
  const unknown = only.filter((name) => !(name in PARTS));
  if (unknown.length > 0) throw new Error(`bench: no part named ${unknown.join(', ')}; the parts are ${Object.keys(PARTS).join(', ')}`);
  const machine = describeMachine();
  const context: BenchContext = { nodes: nodeRuntimes(), quick, runs: Number(option('runs') ?? (quick ? 2 : 5)) };
  console.log(`spanweave benchmark on ${machine.cpu} (${machine.cores} cores), ${context.nodes.map((n) => n.label).join(', ')}`);
  const parts: PartReport[] = [];
  for (const name of only) {
    const started = Date.now();
    console.log(`\n== ${name}`);
    const part = await PARTS[name](context);
    console.log(`${part.text}\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
    for (const check of part.checks) console.log(`  ${check.met === false ? 'MISSED' : check.met ? 'met   ' : 'n/a   '} ${check.target}${check.node ? ` [${check.node}]` : ''}: ${check.measured}`);
    parts.push(part);
  }
  finishMachine(machine);
  if (option('no-write') === undefined) {
    const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    writeReport(REPORT, machine, context.nodes, parts, { command, quick });
    console.log(`\nwrote ${REPORT}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
