/**
 * A token bucket that lets at most `perSecond` traces be recorded each second
 * (with bursts of up to one second's worth), as Jaeger's rate-limiting
 * sampler does. No timer: the bucket is refilled from the clock each time it
 * is asked, so it costs one clock read and a few arithmetic operations.
 *
 * Used as a root sampler (`ratelimiting` wraps it in a parent-based sampler),
 * it counts traces, not spans: children follow their root's decision.
 */
import type { Sampler } from '../model';
import { monotonicMs } from '../own-time';

/** Milliseconds from a monotonic clock. */
export type Clock = () => number;

export class RateLimitingSampler implements Sampler {
  readonly description: string;
  private readonly capacity: number;
  private readonly perMillisecond: number;
  private tokens: number;
  private last: number;

  /**
   * @param perSecond traces per second; 0 records nothing; fractions are fine (0.5: one every two seconds)
   * @param now the clock, injectable for tests; default `monotonicMs` (Node's, whatever the program does to `performance`)
   */
  constructor(
    readonly perSecond: number,
    private readonly now: Clock = monotonicMs,
  ) {
    const rate = Number.isFinite(perSecond) && perSecond > 0 ? perSecond : 0;
    this.description = `RateLimitingSampler{${rate}/s}`;
    this.capacity = Math.max(1, rate);
    this.perMillisecond = rate / 1000;
    // Starts full, so the first second may record its share at once.
    this.tokens = rate === 0 ? 0 : this.capacity;
    this.last = now();
  }

  shouldSample(): boolean {
    const now = this.now();
    // A clock that goes backwards (an injected one) adds nothing rather than removing tokens.
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMillisecond);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
