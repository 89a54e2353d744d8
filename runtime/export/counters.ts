/**
 * What the reporters and the OTLP exporter dropped, retried and failed, kept
 * in one module-level record so core's `diagnostics()` can read it with one
 * call (`exportDiagnostics()`), whichever reporter instances exist.
 */

/** Counts since the process started (or since `resetExportDiagnostics()`). */
export interface ExportDiagnostics {
  /** Spans a collector accepted (OTLP), or written out (console, JSON lines). */
  spansExported: number;
  /** Spans dropped because a queue or buffer was full. */
  spansDroppedQueueFull: number;
  /** Spans dropped because their batch failed for good (deadline passed, permanent error, shutdown). */
  spansDroppedExportFailed: number;
  /** Spans a collector received but rejected (an OTLP partial success); not counted as exported. */
  spansRejected: number;
  /** Spans reported after their reporter was shut down. */
  spansDroppedAfterShutdown: number;
  /** Export attempts repeated after a retryable answer or a network error. */
  exportRetries: number;
  /** Export attempts that failed (each attempt counts, retried or not). */
  exportErrors: number;
  /** Faults inside a reporter (encoding, writing) that were swallowed. */
  reporterErrors: number;
}

const counts: ExportDiagnostics = zeroCounts();

function zeroCounts(): ExportDiagnostics {
  return {
    spansExported: 0,
    spansDroppedQueueFull: 0,
    spansDroppedExportFailed: 0,
    spansRejected: 0,
    spansDroppedAfterShutdown: 0,
    exportRetries: 0,
    exportErrors: 0,
    reporterErrors: 0,
  };
}

/** A copy of the export counts, for `diagnostics()`. */
export function exportDiagnostics(): ExportDiagnostics {
  return { ...counts };
}

/** Sets every export count back to zero (tests, and `init()` starting afresh). */
export function resetExportDiagnostics(): void {
  Object.assign(counts, zeroCounts());
}

/** Adds `n` to one count. Internal to the reporters. */
export function countExport(what: keyof ExportDiagnostics, n = 1): void {
  counts[what] += n;
}
