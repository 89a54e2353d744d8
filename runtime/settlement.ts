/**
 * When a native promise settles, and how, learned without handling it and
 * without delaying it.
 *
 * Why not a `then`: a reaction marks the promise handled, so a rejection
 * nobody else handles would no longer be reported (Node ends the process on
 * one by default), and a replacement promise settled by that reaction is one
 * microtask tick late, is another object than the caller may already hold,
 * and is an unhandled rejection of its own when the caller drops it while the
 * promise's creator handles the original (ioredis's pipelines do).
 *
 * So a pending promise is watched with V8's settle hook
 * (`v8.promiseHooks.onSettled`), which runs as the promise settles and adds
 * no reaction. The hook sees neither the value nor whether it was a
 * rejection: that is read with a `then` a macrotask later, after Node has
 * looked for unhandled rejections, so by then an unhandled one has been
 * reported as in the plain program. The hook is installed only while some
 * watched promise is pending, since it runs for every promise of the process.
 *
 * A promise that has already settled cannot fire the hook again, and its
 * outcome is read the same way. Whether it is still pending is read with
 * `util.inspect`, the one public way to see it without a reaction: about a
 * microsecond for a pending promise. For a settled one it formats the value's
 * kind, which reads an error's `stack` (and a `Symbol.toStringTag` or
 * `Symbol.iterator` getter of the value's class).
 */
import { inspect } from 'node:util';
import { promiseHooks } from 'node:v8';
import { startImmediate } from './own-time';
import { countFault } from './safe';
import { nowMicros } from './tracer/clock';

/** How a promise settled. */
export type Outcome = { readonly rejected: false } | { readonly rejected: true; readonly reason: unknown };
/** Called once the outcome is known, with the time the promise settled (microseconds since the epoch) or, for one already settled, the time it was given. */
export type SettlementCallback = (settledAtMicros: number, outcome: Outcome) => void;

const FULFILLED: Outcome = { rejected: false };
// Captured at load, so a later patch of Promise.prototype.then is never called on the user's promise.
const nativeThen = Promise.prototype.then;
// Only the state matters: a value is formatted no deeper than its kind, with no custom inspector and no getter of its own properties.
const STATE_ONLY = { depth: 0, maxArrayLength: 0, maxStringLength: 0, customInspect: false, getters: false, showProxy: true } as const;
// How util.inspect starts a pending promise, on one line or on several (Node 20 lists AsyncLocalStorage's symbols after it).
const PENDING = /^Promise \{\s*<pending>/;

const watched = new WeakMap<Promise<unknown>, SettlementCallback[]>();
let pendingCount = 0;
let removeHook: (() => void) | undefined;
// A watched promise that never settles and is collected must not keep the hook installed.
const collected = new FinalizationRegistry<undefined>(() => unwatchOne());

/** Calls `callback` once `promise`, a native Promise, has settled; never handles it, never throws. */
export function whenSettled(promise: Promise<unknown>, callback: SettlementCallback): void {
  if (PENDING.test(inspect(promise, STATE_ONLY))) watch(promise, callback);
  else readOutcomeLater(promise, nowMicros(), [callback]);
}

function watch(promise: Promise<unknown>, callback: SettlementCallback): void {
  const callbacks = watched.get(promise);
  if (callbacks !== undefined) {
    callbacks.push(callback);
    return;
  }
  watched.set(promise, [callback]);
  collected.register(promise, undefined, promise);
  if (pendingCount++ === 0) removeHook = promiseHooks.onSettled(settled) as () => void;
}

/** The hook: runs inside the engine for every promise that settles while it is installed. */
function settled(promise: Promise<unknown>): void {
  try {
    const callbacks = watched.get(promise);
    if (callbacks === undefined) return;
    watched.delete(promise);
    collected.unregister(promise);
    unwatchOne();
    readOutcomeLater(promise, nowMicros(), callbacks);
  } catch (error) {
    countFault('settlement.hook', error);
  }
}

function unwatchOne(): void {
  if (--pendingCount > 0) return;
  removeHook?.();
  removeHook = undefined;
}

/** Reads the outcome after Node's check for unhandled rejections of this turn (a `then` added now would count as handling it). */
function readOutcomeLater(promise: Promise<unknown>, settledAt: number, callbacks: SettlementCallback[]): void {
  startImmediate(() => {
    nativeThen.call(
      promise,
      () => notify(callbacks, settledAt, FULFILLED),
      (reason: unknown) => notify(callbacks, settledAt, { rejected: true, reason }),
    );
  });
}

function notify(callbacks: readonly SettlementCallback[], settledAt: number, outcome: Outcome): void {
  for (const callback of callbacks) {
    try {
      callback(settledAt, outcome);
    } catch (error) {
      countFault('settlement.callback', error);
    }
  }
}
