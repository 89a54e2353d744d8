/**
 * The clocks and timers spanweave itself uses, taken from Node when the
 * runtime loads, never looked up on the globals at each use.
 *
 * A program may replace the globals it shares with us: tests set
 * `performance.now` to a counting fake or wrap `globalThis.setTimeout` to
 * record the delays they schedule (ky's retry tests do both), and fake-timer
 * libraries swap `performance`, `Date`, `setTimeout` and friends. Read through
 * the globals, every span would consume the fake's answers and add its own
 * timers to what the program records or runs, so the instrumented program
 * would see another sequence than the plain one (ky's suite hung). These
 * copies keep spanweave out of that: the program's fakes see only the
 * program, and span times stay real.
 */
import { performance } from 'node:perf_hooks';
import * as timers from 'node:timers';

/**
 * Milliseconds on Node's monotonic clock (`performance.now()` as Node
 * implements it): taken from the prototype and bound to Node's own instance,
 * so an own `now` set on that instance (a fake) does not shadow it.
 */
export const monotonicMs: () => number = Object.getPrototypeOf(performance).now.bind(performance);

/** Milliseconds since the Unix epoch (`Date.now()` as it was when the runtime loaded). */
export const wallClockMs: () => number = Date.now;

/** `setTimeout` of `node:timers`, as it was when the runtime loaded. */
export const startTimeout: typeof timers.setTimeout = timers.setTimeout;
/** `clearTimeout` of `node:timers`, as it was when the runtime loaded. */
export const stopTimeout: typeof timers.clearTimeout = timers.clearTimeout;
/** `setInterval` of `node:timers`, as it was when the runtime loaded. */
export const startInterval: typeof timers.setInterval = timers.setInterval;
/** `clearInterval` of `node:timers`, as it was when the runtime loaded. */
export const stopInterval: typeof timers.clearInterval = timers.clearInterval;
/** `setImmediate` of `node:timers`, as it was when the runtime loaded. */
export const startImmediate: typeof timers.setImmediate = timers.setImmediate;
/** `clearImmediate` of `node:timers`, as it was when the runtime loaded. */
export const stopImmediate: typeof timers.clearImmediate = timers.clearImmediate;
