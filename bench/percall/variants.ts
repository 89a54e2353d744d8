import { enterWithPairSubject } from './als';
import { jaegerSubject } from './jaeger';
import { otelSubject } from './otel';
import { checkSpanweaveCase, SPANWEAVE_ENV, spanweaveSubject } from './spanweave';
import type { CallName, Subject } from './subject';

/** Where the parent put the compiled subjects (see percall/part.ts). */
export interface SubjectModules {
  plain: string;
  spanweave: string;
}

/** One column of the per-call comparison: a way to run the subject. */
export interface Variant {
  name: string;
  title: string;
  /** Set in the child's environment before anything loads. */
  env?: Record<string, string>;
  load(modules: SubjectModules): Subject;
  /** After the run: what went wrong with the case (it measured something else than it claims), if anything. */
  check?(): string | undefined;
  /** The calls this variant is measured on; all of them unless given. */
  calls?: readonly CallName[];
  /** It records every span: it warms up longer (percall/part.ts, TIMING). */
  records?: boolean;
}

export const VARIANTS: readonly Variant[] = [
  { name: 'plain', title: 'plain', load: (m) => require(m.plain) as Subject },
  ...spanweaveVariants('sw', 'spanweave (compiled)', (m) => m.spanweave),
  // trace() on the small function only: its targets are measured there, and the run stays under 10 minutes (#7).
  ...spanweaveVariants('trace', 'spanweave trace()', () => undefined, ['add']),
  { name: 'otel-sampled-out', title: 'OpenTelemetry, sampled out', load: () => otelSubject(false) },
  { name: 'otel-recorded', title: 'OpenTelemetry, recorded', load: () => otelSubject(true), records: true },
  { name: 'jaeger', title: 'jaeger-client, recorded', load: () => jaegerSubject(), records: true },
  {
    name: 'als-enterwith',
    title: 'AsyncLocalStorage alone: getStore and an enterWith pair a call (no tracer)',
    load: () => enterWithPairSubject(),
    calls: ['add'],
  },
];

/** The variants measured on `call`. */
export function variantsFor(call: CallName): readonly Variant[] {
  return VARIANTS.filter((variant) => variant.calls === undefined || variant.calls.includes(call));
}

/** The three spanweave modes for one way of instrumenting: compiled by the transformer, or wrapped with `trace()`. */
function spanweaveVariants(prefix: string, title: string, module: (m: SubjectModules) => string | undefined, calls?: readonly CallName[]): Variant[] {
  return (['off', 'sampled-out', 'recorded'] as const).map((mode) => ({
    name: `${prefix}-${mode}`,
    title: `${title}, ${mode === 'off' ? 'tracing off' : mode.replace('-', ' ')}`,
    env: SPANWEAVE_ENV[mode],
    load: (m: SubjectModules) => spanweaveSubject(mode, module(m)),
    check: () => checkSpanweaveCase(mode),
    calls,
    records: mode === 'recorded',
  }));
}

export function variantNamed(name: string): Variant {
  const variant = VARIANTS.find((v) => v.name === name);
  if (!variant) throw new Error(`bench: no per-call variant named ${name}`);
  return variant;
}
