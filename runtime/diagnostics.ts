/**
 * Counters of what the runtime did and what it had to give up, read with
 * `diagnostics()`. Plain numbers on one object: incrementing one costs a
 * property write, so the hot paths can afford it.
 */

/** What `diagnostics()` returns: counts since the process started (or since `init` reset them). */
export interface Diagnostics {
  /** Spans started and recorded (sampled in). */
  spansStarted: number;
  /** Recorded spans finished and handed to the reporters. */
  spansFinished: number;
  /** Spans the sampler rejected: they carry and propagate their context but record nothing. */
  spansSampledOut: number;
  /** Finished spans a reporter could not keep (queue full, after shutdown), as reporters count them. */
  spansDropped: number;
  /** Calls into a reporter (report, flush, shutdown) that threw or rejected. */
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
}

/** The live counters. Internal: the runtime increments them in place. */
export const counters: Diagnostics = {
  spansStarted: 0,
  spansFinished: 0,
  spansSampledOut: 0,
  spansDropped: 0,
  reporterErrors: 0,
  doubleFinishes: 0,
  instrumentationFaults: 0,
  faultsByPlace: {},
  tagsDropped: 0,
  logsDropped: 0,
  valuesTruncated: 0,
};

/** A copy of the counters: what the runtime did and what it had to give up. */
export function diagnostics(): Diagnostics {
  return { ...counters, faultsByPlace: { ...counters.faultsByPlace } };
}

/** Called by reporters for each finished span they drop (queue full, after shutdown). */
export function countDroppedSpans(count = 1): void {
  counters.spansDropped += count;
}

/** Sets every counter back to zero (`init` does, so each configuration starts clean). */
export function resetDiagnostics(): void {
  for (const key of Object.keys(counters) as Array<keyof Diagnostics>) {
    if (key === 'faultsByPlace') counters.faultsByPlace = {};
    else counters[key] = 0;
  }
}
