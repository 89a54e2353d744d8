import { jaegerSubject } from './jaeger';
import { otelSubject } from './otel';
import { checkSpanweaveCase, SPANWEAVE_ENV, spanweaveSubject } from './spanweave';
import type { Subject } from './subject';

/** Where the parent put the compiled subjects (see percall/part.ts). */
export interface SubjectModules {
  plain: string;
  /** Absent when the transformer could not compile it. */
  spanweave?: string;
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
}

export const VARIANTS: readonly Variant[] = [
  { name: 'plain', title: 'plain', load: (m) => require(m.plain) as Subject },
  ...(['off', 'sampled-out', 'recorded'] as const).map((mode) => ({
    name: `sw-${mode}`,
    title: `spanweave, ${mode === 'off' ? 'tracing off' : mode.replace('-', ' ')}`,
    env: SPANWEAVE_ENV[mode],
    load: (m: SubjectModules) => spanweaveSubject(mode, m.spanweave),
    check: () => checkSpanweaveCase(mode),
  })),
  { name: 'otel-sampled-out', title: 'OpenTelemetry, sampled out', load: () => otelSubject(false) },
  { name: 'otel-recorded', title: 'OpenTelemetry, recorded', load: () => otelSubject(true) },
  { name: 'jaeger', title: 'jaeger-client, recorded', load: () => jaegerSubject() },
];

export function variantNamed(name: string): Variant {
  const variant = VARIANTS.find((v) => v.name === name);
  if (!variant) throw new Error(`bench: no per-call variant named ${name}`);
  return variant;
}
