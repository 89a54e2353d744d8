import * as runtime from 'spanweave/runtime';
import type { Subject } from './subject';
import { wrappedSubject } from './subject';

/** How a spanweave case is configured; the environment is set by the parent before the runtime loads. */
export type SpanweaveMode = 'off' | 'sampled-out' | 'recorded';

export const SPANWEAVE_ENV: Record<SpanweaveMode, Record<string, string>> = {
  off: { OTEL_SDK_DISABLED: 'true' },
  'sampled-out': { OTEL_TRACES_SAMPLER: 'always_off', OTEL_TRACES_EXPORTER: 'none' },
  recorded: { OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_EXPORTER: 'none' },
};

// The parts of the runtime this file uses, looked up at run time so the
// benchmark builds while the runtime is still being written.
interface RuntimeFace {
  trace?: <T>(name: string, fn: () => T) => T;
}

/**
 * The subject as spanweave runs it: compiled by the transformer when the
 * parent could compile it (`compiledModule`), else wrapped with `trace()`.
 */
export function spanweaveSubject(compiledModule: string | undefined): Subject {
  if (compiledModule) return require(compiledModule) as Subject;
  const { trace } = runtime as RuntimeFace;
  if (!trace) throw new Error('spanweave/runtime has no trace() yet');
  return wrappedSubject(trace, trace);
}
