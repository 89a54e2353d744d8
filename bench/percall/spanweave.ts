import * as runtime from 'spanweave/runtime';
import type { FinishedSpan, Reporter } from 'spanweave/runtime';
import type { Subject } from './subject';
import { wrappedSubject } from './subject';

/** How a spanweave case is configured. The environment is set by the parent before the runtime loads. */
export type SpanweaveMode = 'off' | 'sampled-out' | 'recorded';

export const SPANWEAVE_ENV: Record<SpanweaveMode, Record<string, string>> = {
  off: { OTEL_SDK_DISABLED: 'true' },
  'sampled-out': { OTEL_TRACES_SAMPLER: 'always_off', OTEL_TRACES_EXPORTER: 'none' },
  recorded: { OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_EXPORTER: 'none' },
};

/** The batch settings OpenTelemetry's BatchSpanProcessor defaults to, so both queue alike. */
const BATCH = { maxQueueSize: 2048, maxExportBatchSize: 512, scheduledDelayMs: 5000 };

interface BatchQueueModule {
  BatchQueue: new (settings: typeof BATCH, exportBatch: (batch: FinishedSpan[]) => Promise<void>) => { add(span: FinishedSpan): void };
}

/**
 * spanweave's batching queue (the one its OTLP reporter uses) with an export
 * that does nothing: the counterpart of a BatchSpanProcessor with a no-op
 * exporter. Loaded by path because it is internal to the runtime.
 */
export function noopBatchingReporter(): Reporter {
  const { BatchQueue } = require('../../runtime/export/batch-queue') as BatchQueueModule;
  const queue = new BatchQueue(BATCH, () => Promise.resolve());
  return { report: (span) => queue.add(span) };
}

/**
 * Sets the runtime up for `mode` (the sampler comes from the environment, as a
 * user would set it) and returns the subject: `compiledModule`, compiled by the
 * transformer, or when that is undefined the plain functions wrapped with `trace()`.
 */
export function spanweaveSubject(mode: SpanweaveMode, compiledModule: string | undefined): Subject {
  if (mode === 'recorded') runtime.init({ reporters: [noopBatchingReporter()] });
  if (compiledModule !== undefined) return require(compiledModule) as Subject;
  return wrappedSubject(runtime.trace, runtime.trace);
}

/**
 * Checks that the case measured what it claims (no span recorded when off or
 * sampled out, nothing dropped when recorded); returns the problem, if any.
 */
export function checkSpanweaveCase(mode: SpanweaveMode): string | undefined {
  const d = runtime.diagnostics();
  if (mode === 'off' && d.spansStarted + d.spansSampledOut > 0) return `tracing off, yet ${d.spansStarted + d.spansSampledOut} spans started`;
  if (mode === 'sampled-out' && (d.spansStarted > 0 || d.spansSampledOut === 0)) {
    return `expected every span sampled out; ${d.spansStarted} recorded, ${d.spansSampledOut} sampled out`;
  }
  if (mode === 'recorded' && d.spansStarted === 0) return 'no span was recorded';
  if (mode === 'recorded' && d.spansDropped > 0) return `${d.spansDropped} of ${d.spansFinished} spans dropped by the queue`;
  return undefined;
}
