import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from 'opentracing';

/**
 * The one AsyncLocalStorage that holds the active span. Whatever is scheduled
 * while a span is active (awaits, timers, callbacks, emitters created then)
 * sees it as active too.
 */
const storage = new AsyncLocalStorage<Span | undefined>();

/** The active span, or undefined outside any span. */
export function activeSpan(): Span | undefined {
  return storage.getStore();
}

/** Runs `fn` with `span` active and returns what it returns (the same value, the same thrown object). */
export function withSpan<T>(span: Span | undefined, fn: () => T): T {
  return storage.run(span, fn);
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
  storage.enterWith(span);
}

/** Gives back the span that was active before `activateSpan`. */
export function restoreSpan(previous: Span | undefined): void {
  storage.enterWith(previous);
}
