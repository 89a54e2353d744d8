import { runChild, type ChildRun } from '../lib/child';
import { compileBothWays, type CompiledPair } from '../lib/compile';
import { markdownTable, num, ratio, spread, textTable } from '../lib/format';
import type { NodeRuntime } from '../lib/nodes';
import type { BenchContext, PartReport, TargetCheck } from '../lib/part';
import { script } from '../lib/paths';
import { profileChild } from '../lib/profile';
import { summarize, type Summary } from '../lib/stats';
import type { PerCallResult } from './child';
import { CALL_TITLES, CALLS, SPANS_PER_CALL, type CallName } from './subject';
import { VARIANTS, variantNamed, variantsFor, type SubjectModules, type Variant } from './variants';

/**
 * Milliseconds of warm-up and of measurement per case and process. A case
 * that records spans (spanweave's, OpenTelemetry's, jaeger-client's) warms up
 * longer: it runs much more code (span objects, the batch queue, the
 * collector of short-lived objects settling), and after 150 ms its processes
 * had often not settled although their last windows agreed within 15%: on
 * 2026-11-27, eight processes of the compiled recorded case measured 527-828
 * ns after 150 ms, six measured 359-428 ns after 600 ms, on the same machine
 * at the same moment (measured by hand).
 */
const TIMING = { full: { warmUp: 150, recordingWarmUp: 600, measured: 150 }, quick: { warmUp: 100, recordingWarmUp: 100, measured: 50 } };
/** A profiled case runs longer, so the profile shows the steady state. */
const PROFILE_TIMING = { warmUp: 300, recordingWarmUp: 600, measured: 1500 };

/**
 * Issue 7's per-span targets, in nanoseconds over the plain call of the small
 * function: for compiled code (issues 3 and 7) and for `trace()` (issue 2).
 */
const TARGETS = [
  { mode: 'off', limitNs: 10, target: 'tracing off: at most 10 ns over plain' },
  { mode: 'sampled-out', limitNs: 50, target: 'sampled out: at most 50 ns a span' },
  { mode: 'recorded', limitNs: 400, target: 'recorded span: at most 400 ns' },
] as const;
const TARGET_STYLES = [
  { prefix: 'sw', title: 'compiled' },
  { prefix: 'trace', title: 'trace()' },
] as const;

type Timing = (typeof TIMING)['full'];

type Results = Map<string, number[] | string>; // key `${node}|${call}|${variant}`: ns per call, or why it failed

const key = (node: NodeRuntime, call: CallName, variant: Variant) => `${node.label}|${call}|${variant.name}`;

function childRun(node: NodeRuntime, variant: Variant, call: CallName, timing: Timing, modules: SubjectModules): ChildRun {
  return {
    node: node.bin,
    script: script('percall/child'),
    args: [variant.name, call, String(variant.records === true ? timing.recordingWarmUp : timing.warmUp), String(timing.measured)],
    env: {
      ...variant.env,
      BENCH_PLAIN_MODULE: modules.plain,
      BENCH_SPANWEAVE_MODULE: modules.spanweave,
    },
  };
}

/** Every case once per run, cases interleaved, so a burst of load from elsewhere spreads over all of them. */
async function measureAll(context: BenchContext, modules: CompiledPair): Promise<Results> {
  const results: Results = new Map();
  const { compileError } = modules;
  if (compileError !== undefined) {
    const compiled = VARIANTS.filter((v) => v.name.startsWith('sw-'));
    for (const node of context.nodes) for (const call of CALLS) for (const v of compiled) results.set(key(node, call, v), `not compiled: ${compileError}`);
  }
  const timing = context.quick ? TIMING.quick : TIMING.full;
  for (let run = 0; run < context.runs; run++) {
    for (const node of context.nodes) {
      for (const call of CALLS) {
        for (const variant of variantsFor(call)) {
          const k = key(node, call, variant);
          const sofar = results.get(k) ?? [];
          if (typeof sofar === 'string') continue;
          try {
            const { nsPerCall } = await runChild<PerCallResult>(childRun(node, variant, call, timing, modules));
            results.set(k, [...sofar, nsPerCall]);
          } catch (error) {
            results.set(k, (error as Error).message.split('\n').find((l) => /Error/.test(l)) ?? 'failed');
          }
        }
      }
      process.stdout.write('.');
    }
  }
  process.stdout.write('\n');
  return results;
}

function summaryOf(results: Results, node: NodeRuntime, call: CallName, variant: Variant): Summary | string {
  const values = results.get(key(node, call, variant));
  return values === undefined ? 'not run' : typeof values === 'string' ? values : summarize(values);
}

function callTable(results: Results, nodes: readonly NodeRuntime[], call: CallName): { header: string[]; rows: string[][] } {
  const header = ['case', ...nodes.flatMap((n) => [`${n.label}: ns/call, median (min–max)`, 'x plain', 'ns over plain'])];
  const rows = variantsFor(call).map((variant) => [
    variant.title,
    ...nodes.flatMap((node) => {
      const s = summaryOf(results, node, call, variant);
      const plain = summaryOf(results, node, call, VARIANTS[0]);
      if (typeof s === 'string') return [`n/a: ${s}`, '', ''];
      if (typeof plain === 'string') return [spread(s, 'ns'), '', ''];
      return [spread(s, 'ns'), ratio(s.median, plain.median), num(s.median - plain.median)];
    }),
  ]);
  return { header, rows };
}

async function checkTargets(results: Results, context: BenchContext, modules: SubjectModules): Promise<TargetCheck[]> {
  const checks: TargetCheck[] = [];
  for (const node of context.nodes) {
    const plain = summaryOf(results, node, 'add', VARIANTS[0]);
    for (const style of TARGET_STYLES) {
      for (const { mode, limitNs, target } of TARGETS) {
        const variant = variantNamed(`${style.prefix}-${mode}`);
        const s = summaryOf(results, node, 'add', variant);
        const named = `${target} (${style.title})`;
        if (typeof s === 'string' || typeof plain === 'string') {
          checks.push({ target: named, node: node.label, measured: `n/a: ${typeof s === 'string' ? s : plain}`, met: undefined });
          continue;
        }
        const over = (s.median - plain.median) / SPANS_PER_CALL.add;
        const check: TargetCheck = { target: named, node: node.label, measured: `${num(over)} ns`, met: over <= limitNs };
        if (!check.met) check.hotFrames = await profileChild(childRun(node, variant, 'add', PROFILE_TIMING, modules));
        checks.push(check);
      }
    }
  }
  return checks;
}

export async function perCallPart(context: BenchContext): Promise<PartReport> {
  const modules = compileBothWays('work.ts', 'percall');
  const timing = context.quick ? TIMING.quick : TIMING.full;
  const results = await measureAll(context, modules);
  const sections: string[] = [];
  const texts: string[] = [];
  for (const call of CALLS) {
    const { header, rows } = callTable(results, context.nodes, call);
    sections.push(`#### ${CALL_TITLES[call]}\n\n${markdownTable(header, rows)}`);
    texts.push(`${CALL_TITLES[call]}\n${textTable(header, rows)}`);
  }
  const how =
    '"spanweave (compiled)" runs bench/subjects/work.ts compiled by the transformer with `functions: "all"`; plain is the same file ' +
    'compiled without it. "spanweave trace()" (small function only) wraps the plain function by hand with the runtime\'s `trace()`. The recorded cases queue ' +
    'to spanweave\'s batch queue (the OTLP reporter\'s) with an export that does nothing, and every spanweave case checks ' +
    '`diagnostics()` afterwards: nothing recorded when off or sampled out, nothing dropped when recorded.';
  const method =
    `Each case runs in a fresh process, ${context.runs} times per Node; each process warms up for ${timing.warmUp} ms (${timing.recordingWarmUp} ms for the cases that record spans), then times ` +
    `chunks of 256 calls for ${timing.measured} ms, letting the event loop run between chunks ` +
    `so batching processors export instead of dropping. ${how} OpenTelemetry is wrapped by hand with \`startActiveSpan\` ` +
    '(NodeTracerProvider, BatchSpanProcessor, a no-op exporter); jaeger-client with a const sampler and its NoopReporter. ' +
    'The AsyncLocalStorage row (small function only) has no tracer at all: a `getStore` and an `enterWith` pair around the ' +
    'call, what activating a span costs compiled code at the least, measured on each Node.';
  return {
    title: 'Per call',
    markdown: `${method}\n\n${sections.join('\n\n')}`,
    text: texts.join('\n\n'),
    checks: await checkTargets(results, context, modules),
  };
}
