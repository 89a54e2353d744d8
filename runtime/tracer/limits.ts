/** Per-span limits: what a single span may hold. What is cut is counted on the span (`FinishedSpan.dropped`). */
export interface SpanLimits {
  /** Distinct tag keys a span keeps; later new keys are dropped (overwriting a kept key still works). Default: 128. */
  maxTags: number;
  /** Log records a span keeps; later ones are dropped. Default: 128. */
  maxLogs: number;
  /** Longest string kept as a tag value or log field value, in UTF-16 code units; longer ones are truncated. Default: 4096. */
  maxValueLength: number;
}

/** The limits used when `init({ limits })` or the Tracer options leave one out. */
export const DEFAULT_LIMITS: Readonly<SpanLimits> = Object.freeze({
  maxTags: 128,
  maxLogs: 128,
  maxValueLength: 4096,
});

/** The given limits over the defaults; a limit that is not a non-negative number keeps its default. */
export function resolveLimits(limits: Partial<SpanLimits> | undefined): SpanLimits {
  const resolved = { ...DEFAULT_LIMITS };
  if (limits === undefined) return resolved;
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof SpanLimits>) {
    const value = limits[key];
    if (typeof value === 'number' && value >= 0) resolved[key] = value;
  }
  return resolved;
}
