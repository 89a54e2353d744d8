/**
 * Counters of what the runtime did and what it had to give up, read with
 * `diagnostics()`. Plain numbers on one object: incrementing one costs a
 * property write, so the hot paths can afford it. The reporters keep their
 * own counts (export/counters.ts); `diagnostics()` folds them in.
 */
import { exportDiagnostics, resetExportDiagnostics, type ExportDiagnostics } from './export/counters';

/** What `diagnostics()` returns: counts since the process started (or since `init` reset them). */
export interface Diagnostics {
  /** Spans started and recorded (sampled in). */
  spansStarted: number;
  /** Recorded spans finished and handed to the reporters. */
  spansFinished: number;
  /** Spans the sampler rejected: they carry and propagate their context but record nothing. */
  spansSampledOut: number;
  /**
   * Finished spans that never reached the backend: dropped by a reporter (queue full, export failed for
   * good, reported after shutdown) or rejected by the collector (an OTLP partial success).
   */
  spansDropped: number;
  /** Calls into a reporter that threw or rejected, plus the faults reporters swallowed themselves. */
  reporterErrors: number;
  /** `finish()` called again on a finished span (ignored). */
  doubleFinishes: number;
  /** Faults inside spanweave (hooks, emitted code, samplers, propagators) that were swallowed. */
  instrumentationFaults: number;
  /** The faults by the place that reported them (`countFault(where, ...)`). */
  faultsByPlace: Record<string, number>;
  /** Tags cut by the span limits, over all spans. */
  tagsDropped: number;
  /** Logs cut by the span limits, over all spans. */
  logsDropped: number;
  /** Tag and log values shortened to the length limit, over all spans. */
  valuesTruncated: number;
  /** The reporters' own counts, in detail (exported, dropped by cause, retries). */
  export: ExportDiagnostics;
}

/** The counts the runtime keeps itself. */
type OwnCounters = Omit<Diagnostics, 'spansDropped' | 'export'>;

/** The live counters. Internal: the runtime increments them in place. */
export const counters: OwnCounters = {
  spansStarted: 0,
  spansFinished: 0,
  spansSampledOut: 0,
  reporterErrors: 0,
  doubleFinishes: 0,
  instrumentationFaults: 0,
  faultsByPlace: {},
  tagsDropped: 0,
  logsDropped: 0,
  valuesTruncated: 0,
};

/** What the runtime did and what it had to give up, since the process started or `init()` was last called. */
export function diagnostics(): Diagnostics {
  const exported = exportDiagnostics();
  return {
    ...counters,
    faultsByPlace: { ...counters.faultsByPlace },
    spansDropped:
      exported.spansDroppedQueueFull + exported.spansDroppedExportFailed + exported.spansDroppedAfterShutdown + exported.spansRejected,
    reporterErrors: counters.reporterErrors + exported.reporterErrors,
    export: exported,
  };
}

/** Sets every counter back to zero (`init` does, so each configuration starts clean). */
export function resetDiagnostics(): void {
  for (const key of Object.keys(counters) as Array<keyof OwnCounters>) {
    if (key === 'faultsByPlace') counters.faultsByPlace = {};
    else counters[key] = 0;
  }
  resetExportDiagnostics();
}
