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
 * Makes `span` active for the rest of the current synchronous execution and
 * returns the span that was active, to be given back to `restoreSpan`.
 *
 * Caveat: this is imperative (`enterWith`). Every `enterSpan` must be paired
 * with a `restoreSpan` on every path out of the synchronous code that called
 * it, or the span leaks into the caller. Emitted code uses it because it keeps
 * an async function's timing identical (see design.md, "Activating the span").
 * It costs about 30-50 ns on Node 20 and 200-300 ns on Node 24.
 */
export function enterSpan(span: Span | undefined): Span | undefined {
  const previous = storage.getStore();
  storage.enterWith(span);
  return previous;
}

/** Gives back the span `enterSpan` returned. */
export function restoreSpan(previous: Span | undefined): void {
  storage.enterWith(previous);
}
