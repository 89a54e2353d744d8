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
 * So a promise is watched with V8's settle hook (`v8.promiseHooks.onSettled`),
 * which runs as the promise settles and adds no reaction. The hook sees
 * neither the value nor whether it was a rejection: that is read with a
 * `then` at the next turn of the event loop (once for all the promises of a
 * turn), after Node has looked for unhandled rejections, so by then an
 * unhandled one has been reported as in the plain program. The hook runs for
 * every promise of the process that settles, so it is installed only while
 * some watched promise is pending, and taken off at the first turn that ends
 * with none.
 *
 * That next turn must not keep the program running: a turn the plain program
 * would not have had runs its due timers, unref'd ones too (cockatiel's retry
 * delay fired once more before a program ended). So the read is scheduled
 * with an unref'd immediate, which runs in the next check phase of a loop
 * that goes on anyway, and an unref'd timer, which wakes a loop blocked on
 * I/O, where that immediate would wait for the next event; whichever comes
 * first reads. A program that ends first is read on `beforeExit`, before the
 * reporters flush (export/process-exit.ts).
 *
 * A promise that had settled before it was given never fires the hook. At
 * that next turn each promise given during the turn and not yet settled is
 * asked whether it is still pending, with `util.inspect`, the one public way
 * to see a promise's state without a reaction (about a microsecond); one that
 * is not had settled before, and its outcome is read then. For a settled
 * promise inspect formats the kind of its value, which reads an error's
 * `stack` (and a `Symbol.toStringTag` or `Symbol.iterator` getter of the
 * value's class).
 */
import { inspect } from 'node:util';
import { promiseHooks } from 'node:v8';
import { drainOnBeforeExit } from './export/process-exit';
import { startImmediate, startTimeout, stopImmediate, stopTimeout } from './own-time';
import { countFault } from './safe';
import { nowMicros } from './tracer/clock';

/** How a promise settled. */
export type Outcome = { readonly rejected: false } | { readonly rejected: true; readonly reason: unknown };
/** Called once the outcome is known, with the time the promise settled (microseconds since the epoch) or, for one that had settled before it was given, the time it was given. */
export type SettlementCallback = (settledAtMicros: number, outcome: Outcome) => void;

interface Watch {
  readonly callbacks: SettlementCallback[];
  readonly givenAt: number;
}

interface Settled {
  readonly promise: Promise<unknown>;
  readonly settledAt: number;
  readonly callbacks: readonly SettlementCallback[];
}

const FULFILLED: Outcome = { rejected: false };
// Captured at load, so a later patch of Promise.prototype.then is never called on the user's promise.
const nativeThen = Promise.prototype.then;
// Only the state matters: a value is formatted no deeper than its kind, with no custom inspector and no getter of its own properties.
const STATE_ONLY = { depth: 0, maxArrayLength: 0, maxStringLength: 0, customInspect: false, getters: false, showProxy: true } as const;
// How util.inspect starts a pending promise, on one line or on several (Node 20 lists AsyncLocalStorage's symbols after it).
const PENDING = /^Promise \{\s*<pending>/;

const watched = new WeakMap<Promise<unknown>, Watch>();
let pendingCount = 0;
let removeHook: (() => void) | undefined;
// A watched promise that never settles and is collected must not keep the hook installed.
const collected = new FinalizationRegistry<undefined>(() => pendingCount--);
/** Promises given during this turn (to check at the next one) and promises that settled during it (to read). */
let given: Promise<unknown>[] = [];
let settledThisTurn: Settled[] = [];
/** The read at the next turn, by both ways it may come. */
let nextTurn: { immediate: ReturnType<typeof startImmediate>; timeout: ReturnType<typeof startTimeout> } | undefined;
let drainsOnExit = false;

/** Calls `callback` once `promise`, a native Promise, has settled; never handles it, never throws. */
export function whenSettled(promise: Promise<unknown>, callback: SettlementCallback): void {
  const watch = watched.get(promise);
  if (watch !== undefined) {
    watch.callbacks.push(callback);
    return;
  }
  watched.set(promise, { callbacks: [callback], givenAt: nowMicros() });
  collected.register(promise, undefined, promise);
  pendingCount++;
  removeHook ??= promiseHooks.onSettled(settled) as () => void;
  given.push(promise);
  scheduleNextTurn();
}

/** The hook: runs inside the engine for every promise that settles while it is installed. */
function settled(promise: Promise<unknown>): void {
  try {
    const watch = forget(promise);
    if (watch === undefined) return;
    settledThisTurn.push({ promise, settledAt: nowMicros(), callbacks: watch.callbacks });
    scheduleNextTurn();
  } catch (error) {
    countFault('settlement.hook', error);
  }
}

function forget(promise: Promise<unknown>): Watch | undefined {
  const watch = watched.get(promise);
  if (watch === undefined) return undefined;
  watched.delete(promise);
  collected.unregister(promise);
  pendingCount--;
  return watch;
}

function scheduleNextTurn(): void {
  if (nextTurn !== undefined) return;
  nextTurn = { immediate: startImmediate(atNextTurn).unref(), timeout: startTimeout(atNextTurn, 1).unref() };
  if (!drainsOnExit) {
    drainsOnExit = true;
    drainOnBeforeExit(readBeforeExit);
  }
}

/** On `beforeExit`: the read the next turn would have made. True when it started reading outcomes. */
function readBeforeExit(): boolean {
  return nextTurn !== undefined && atNextTurn();
}

/**
 * After Node's check for unhandled rejections of the turns before (a `then`
 * added earlier would count as handling them). True when it started reading
 * outcomes: their `then` reactions are queued.
 */
function atNextTurn(): boolean {
  if (nextTurn !== undefined) {
    stopImmediate(nextTurn.immediate);
    stopTimeout(nextTurn.timeout);
    nextTurn = undefined;
  }
  const toCheck = given;
  const toRead = settledThisTurn;
  given = [];
  settledThisTurn = [];
  let reading = toRead.length > 0;
  try {
    for (const promise of toCheck) {
      if (!watched.has(promise) || isPending(promise)) continue;
      const watch = forget(promise)!;
      readOutcome({ promise, settledAt: watch.givenAt, callbacks: watch.callbacks });
      reading = true;
    }
    for (const settlement of toRead) readOutcome(settlement);
    if (pendingCount <= 0 && removeHook !== undefined) {
      removeHook();
      removeHook = undefined;
    }
  } catch (error) {
    countFault('settlement.turn', error);
  }
  return reading;
}

function isPending(promise: Promise<unknown>): boolean {
  try {
    return PENDING.test(inspect(promise, STATE_ONLY));
  } catch (error) {
    // A getter of a settled value's class threw while its kind was formatted: the promise is settled.
    countFault('settlement.inspect', error);
    return false;
  }
}

function readOutcome({ promise, settledAt, callbacks }: Settled): void {
  nativeThen.call(
    promise,
    () => notify(callbacks, settledAt, FULFILLED),
    (reason: unknown) => notify(callbacks, settledAt, { rejected: true, reason }),
  );
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
