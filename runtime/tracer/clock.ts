/**
 * Span timestamps: microseconds since the Unix epoch, read from the monotonic
 * clock (`performance.now()`) and anchored to the wall clock once, when the
 * module loads. Durations are exact even if the wall clock is adjusted later.
 * Both are read through own-time.ts: a program's fake clock never sees us.
 */
import { monotonicMs, wallClockMs } from '../own-time';

const EPOCH_MICROS_AT_ZERO = wallClockMs() * 1000 - monotonicMs() * 1000;

/** Now, in whole microseconds since the Unix epoch. */
export function nowMicros(): number {
  return Math.floor(EPOCH_MICROS_AT_ZERO + monotonicMs() * 1000);
}

/** An OpenTracing time (milliseconds since the epoch, possibly fractional) in whole microseconds. */
export function millisToMicros(millis: number): number {
  return Math.floor(millis * 1000);
}
