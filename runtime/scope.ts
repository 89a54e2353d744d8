import { AsyncLocalStorage, createHook, executionAsyncResource } from 'node:async_hooks';
import type { Span } from 'opentracing';
import { countFault } from './safe';

/**
 * The one AsyncLocalStorage that holds the active span. Whatever is scheduled
 * while a span is active (awaits, timers, callbacks, emitters created then)
 * sees it as active too.
 */
const storage = new AsyncLocalStorage<Span | undefined>();

/**
 * Node 20 and 22 keep a store on the current async resource, and inside a
 * `.then` callback that resource is the promise `then` returned. When the
 * program froze that promise (zod's `readonly()` over `z.promise()` does),
 * `enterWith` and `run` throw there. For such a resource the active span is
 * pinned here instead, and the resources created while it runs inherit the
 * pin, as they would inherit the store. An entry on a resource that can take
 * the store again is replaced by the store at its next write. Node 24's
 * AsyncLocalStorage writes no resource, so nothing is ever pinned there.
 */
const pinned = new WeakMap<object, Span | undefined>();
/** Set at the first pin; until then reading and writing the span cost nothing more. */
let pinning = false;

/** The active span, or undefined outside any span. */
export function activeSpan(): Span | undefined {
  if (pinning) {
    const resource = executionAsyncResource();
    if (pinned.has(resource)) return pinned.get(resource);
  }
  return storage.getStore();
}

/** Runs `fn` with `span` active and returns what it returns (the same value, the same thrown object). */
export function withSpan<T>(span: Span | undefined, fn: () => T): T {
  if (!pinning && Object.isExtensible(executionAsyncResource())) return storage.run(span, fn);
  const previous = activeSpan();
  enter(span);
  try {
    return fn();
  } finally {
    enter(previous);
  }
}

/**
 * Makes `span` active for the rest of the current synchronous execution. The
 * caller reads the active span first (`activeSpan()`) to give it back later
 * with `restoreSpan`.
 *
 * Caveat: this is imperative (`enterWith`). Every `activateSpan` must be
 * paired with a `restoreSpan` on every path out of the synchronous code that
 * called it, or the span leaks into the caller. Emitted code uses it because
 * it keeps an async function's timing identical (see design.md, "Activating
 * the span"), and `trace()` because it costs less than `run`. On Node 24
 * each call builds a new context frame; the row "AsyncLocalStorage alone" of
 * docs/benchmarks.md gives the cost of a pair on each Node.
 */
export function activateSpan(span: Span): void {
  enter(span);
}

/** Gives back the span that was active before `activateSpan`. */
export function restoreSpan(previous: Span | undefined): void {
  enter(previous);
}

function enter(span: Span | undefined): void {
  if (pinning) {
    const resource = executionAsyncResource();
    if (pinned.has(resource)) {
      if (!Object.isExtensible(resource)) {
        pinned.set(resource, span);
        return;
      }
      pinned.delete(resource);
    }
  }
  try {
    storage.enterWith(span);
  } catch (error) {
    pinOrCount(span, error);
  }
}

/**
 * `enterWith` threw: a frozen resource is pinned. Anything else is a fault,
 * counted, never thrown: Node's own bookkeeping can fail under a program
 * that redefined what it reads (an accessor for `0` on `Object.prototype`,
 * which Node's list of async resources then reads, gives a string as the
 * resource), and the program would have run on without spanweave.
 */
function pinOrCount(span: Span | undefined, error: unknown): void {
  try {
    const resource = executionAsyncResource();
    if (typeof resource === 'object' && resource !== null && !Object.isExtensible(resource)) pin(resource, span);
    else countFault('scope.enter', error);
  } catch (again) {
    countFault('scope.enter', again);
  }
}

function pin(resource: object, span: Span | undefined): void {
  pinned.set(resource, span);
  if (pinning) return;
  pinning = true;
  createHook({ init: inheritPin }).enable();
}

/** An async resource created while a pinned one runs starts with its pin. */
function inheritPin(_asyncId: number, _type: string, _triggerAsyncId: number, resource: object): void {
  try {
    const current = executionAsyncResource();
    if (pinned.has(current)) pinned.set(resource, pinned.get(current));
  } catch (error) {
    // An async hook that throws ends the process.
    countFault('scope.inherit', error);
  }
}
