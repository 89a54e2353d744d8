/**
 * `traceidratio`: records a fixed fraction of traces, deciding on the trace id
 * alone, so every service that sees the trace, with the same ratio, makes the
 * same decision, and a service with a higher ratio records a superset.
 *
 * The rule is OpenTelemetry's for probability sampling with W3C Trace
 * Context level 2: take R, the rightmost 56 bits of the trace id, and the
 * rejection threshold T = (1 - ratio) * 2^56; record when R >= T. Those 56
 * bits are the ones level 2 promises are random when the random-trace-id flag
 * is set (our own ids set it), and the ones 64-bit systems (B3, Jaeger, whose
 * ids we pad on the left) fill randomly too. When the trace's tracestate
 * carries explicit randomness (`ot=rv:` and 14 hex digits), that is R instead,
 * as OpenTelemetry specifies. If an upstream makes ids whose low bits are not
 * random and sets no flag, every service still agrees; only the recorded
 * fraction may differ from the ratio.
 */
import type { Sampler, TraceContextData } from '../model';

/** `rv:` followed by 14 hex digits inside the `ot` member of a tracestate. */
const EXPLICIT_RANDOMNESS = /(?:^|,)ot=(?:[^,]*;)?rv:([0-9a-f]{14})(?:;|,|$)/;
const HEX_56 = /^[0-9a-f]{14}$/;

/** The 56 random bits of a trace: explicit randomness from the tracestate, else the trace id's rightmost 56 bits. */
function randomness(traceId: string, parent: TraceContextData | undefined): string {
  const traceState = parent?.traceState;
  if (traceState !== undefined && traceState.includes('rv:')) {
    const explicit = EXPLICIT_RANDOMNESS.exec(traceState);
    if (explicit !== null) return explicit[1]!;
  }
  return traceId.slice(-14);
}

export class TraceIdRatioSampler implements Sampler {
  readonly description: string;
  /** T split in two exact integers, since 2^56 is past a double's exact range: the upper 24 bits and the lower 32. */
  private readonly thresholdHigh: number;
  private readonly thresholdLow: number;

  /** The fraction of traces recorded, from 0 to 1. */
  readonly ratio: number;

  /** @param ratio the fraction of traces to record, from 0 to 1 (clamped; NaN is 0). */
  constructor(ratio: number) {
    this.ratio = Math.min(1, Math.max(0, Number.isNaN(ratio) ? 0 : ratio));
    this.description = `TraceIdRatioBased{${this.ratio}}`;
    const threshold = BigInt(Math.round((1 - this.ratio) * 2 ** 56));
    this.thresholdHigh = Number(threshold >> 32n);
    this.thresholdLow = Number(threshold & 0xffffffffn);
  }

  shouldSample(traceId: string, parent: TraceContextData | undefined): boolean {
    const r = randomness(traceId, parent);
    if (!HEX_56.test(r)) return false;
    const high = parseInt(r.slice(0, 6), 16);
    if (high !== this.thresholdHigh) return high > this.thresholdHigh;
    return parseInt(r.slice(6), 16) >= this.thresholdLow;
  }
}

