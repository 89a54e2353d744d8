/**
 * What the code emitted for an instrumented function calls (docs/contract.md).
 * Each export is a few lines and never throws into user code: a fault is
 * counted and the function runs on, untraced.
 *
 * The call frame makes the span active with `activateSpan` (AsyncLocalStorage
 * `enterWith`) and gives the context back at every suspension, so an async
 * function keeps its exact timing (design.md, "Activating the span").
 */
import type { Span } from 'opentracing';
import type { FunctionDescriptor, SiteEntry, SiteOptions } from '../contract';
import type { TagValue } from '../model';
import { isNativePromise } from '../native-promise';
import { whenSettled } from '../settlement';
import { countFault } from '../safe';
import { activateSpan, activeSpan, restoreSpan } from '../scope';
import { SharedTags } from '../tracer/shared-tags';
import { NonRecordingSpan } from '../tracer/non-recording-span';
import { startChildSpan, tagError } from '../tracing';
import { REDACTED, renderValue } from './functions-render';

/** A descriptor made ready once, at module load: its tags are built here, not per call, and shared by its spans. */
export interface FunctionSite {
  readonly descriptor: FunctionDescriptor;
  readonly tags: SharedTags;
}

/** One traced call of an instrumented function. Emitted code only passes it back. */
export interface CallFrame {
  readonly site: FunctionSite;
  readonly span: Span;
  /** The context to give back at the next suspension and at the end. */
  previous: Span | undefined;
  /** A native promise was returned: the span finishes when it settles, not at `exitFunction`. */
  deferred: boolean;
  /**
   * The body runs inside a call from the caller's code: from the call until
   * the first `await` suspends, and in a generator after each resumption
   * (the consumer's `next()`). Only then does a suspension return to code
   * that must get its own context back (`awaiting`).
   */
  inCaller: boolean;
}

/**
 * Set while a call's span is started or ended. A function of the program
 * that this work calls back gets no span, so it cannot call into it again:
 * a program that defines an accessor for `0` on `Object.prototype` has Node's
 * async bookkeeping, which reads and writes arrays, call it from every
 * `enterWith`, and a span for each such call would recurse until the stack
 * overflowed, then again from each frame as the faults were caught.
 */
let working = false;

/** Prepares a descriptor. Called once per instrumented function, in the file prologue (contract 1.0). */
export function functionSite(descriptor: FunctionDescriptor): FunctionSite {
  const tags: Record<string, TagValue> = { component: 'spanweave', 'code.function': descriptor.function };
  if (descriptor.namespace !== undefined) tags['code.namespace'] = descriptor.namespace;
  tags['code.filepath'] = descriptor.file;
  tags['code.lineno'] = descriptor.line;
  return { descriptor, tags: new SharedTags(tags) };
}

/**
 * Prepares the descriptors of every instrumented function of one file, from
 * the compact list the prologue passes (contract 1.1, docs/contract.md):
 * each site is its line, its function name, then optionally its namespace,
 * then optionally an object of the remaining `FunctionDescriptor` fields. The
 * span name, when not given, is `namespace.function` (or `function`).
 */
export function functionSites(file: string, entries: readonly SiteEntry[]): FunctionSite[] {
  const sites: FunctionSite[] = [];
  for (let i = 0; i < entries.length; ) {
    const line = entries[i++] as number;
    const fn = entries[i++] as string;
    const namespace = typeof entries[i] === 'string' ? (entries[i++] as string) : undefined;
    const more = typeof entries[i] === 'object' ? (entries[i++] as SiteOptions) : undefined;
    const name = more?.name ?? (namespace === undefined ? fn : `${namespace}.${fn}`);
    const descriptor: FunctionDescriptor = { name, function: fn, namespace, file, line };
    sites.push(functionSite(more === undefined ? descriptor : { ...descriptor, ...more, name }));
  }
  return sites;
}

/**
 * Starts the call's span under the active one and makes it active. Undefined: nothing to trace.
 * Emitted code calls it only when `tracing.on` (it checks that itself, every version of it has).
 */
export function enterFunction(site: FunctionSite, args?: readonly unknown[]): CallFrame | undefined {
  if (working) return undefined;
  working = true;
  try {
    const previous = activeSpan();
    const span = startChildSpan(site.descriptor.name, previous, site.tags, undefined);
    if (span === undefined) return undefined;
    if (args !== undefined) captureArgs(span, site.descriptor, args);
    activateSpan(span);
    return { site, span, previous, deferred: false, inCaller: true };
  } catch (error) {
    countFault('hooks.functions.enter', error);
    return undefined;
  } finally {
    working = false;
  }
}

/** Just before an `await`/`yield` suspends: gives the caller's context back. Returns `value`. */
export function suspend<T>(frame: CallFrame | undefined, value: T): T {
  if (frame !== undefined) restoreSpan(frame.previous);
  return value;
}

/** Right after a `yield` resumes (and an `await` in 1.1 code): takes the span's context again. Returns `value`. */
export function resume<T>(frame: CallFrame | undefined, value: T): T {
  if (frame !== undefined) {
    // A generator is resumed by its consumer's `next()`, in the consumer's call.
    frame.inCaller = true;
    reenter(frame);
  }
  return value;
}

/**
 * Just before a native `await` suspends (contract 1.2): gives the caller's
 * context back if the body runs in its caller's call, which only the first
 * suspension after a call (or after a generator's resumption) does. A later
 * `await` suspends into the engine's job queue, where the next job runs in
 * the context it was queued in, and nothing runs in the one this leaves; the
 * `await` then resumes in the context it began in, the span's. So the span
 * stays active across it, and the function's later awaits cost no context
 * switch (each is an `enterWith` pair, a few hundred nanoseconds on Node 24).
 * Returns `value`.
 */
export function awaiting<T>(frame: CallFrame | undefined, value: T): T {
  if (frame !== undefined && frame.inCaller) {
    frame.inCaller = false;
    restoreSpan(frame.previous);
  }
  return value;
}

/** Right after a native `await` resumes (contract 1.2): takes the span's context again if `awaiting` gave it back. Returns `value`. */
export function awaited<T>(frame: CallFrame | undefined, value: T): T {
  if (frame !== undefined) reenter(frame);
  return value;
}

/** Makes the span active again (top of a `catch`/`finally`, after a `for await`), remembering what was. */
export function reenter(frame: CallFrame | undefined): void {
  if (frame === undefined) return;
  const current = activeSpan();
  if (current !== frame.span) {
    frame.previous = current;
    activateSpan(frame.span);
  }
}

/**
 * The function throws `error`: tags the span and returns `error`, which the
 * emitted code rethrows (`throw failFunction(call, error)`), so the thrown
 * object stays the same. Without a frame it only returns `error`.
 */
export function failFunction<E>(frame: CallFrame | undefined, error: E): E {
  if (frame !== undefined) tagError(frame.span, error);
  return error;
}

/** The body is done: gives the context back and finishes the span, unless a returned promise will. */
export function exitFunction(frame: CallFrame | undefined): void {
  if (frame === undefined) return;
  working = true;
  try {
    restoreSpan(frame.previous);
    if (!frame.deferred) finish(frame.span);
  } finally {
    working = false;
  }
}

/**
 * A value being returned. Records it when `captureReturn` is on. For a plain
 * function that may return a promise, a native Promise is returned as it is
 * and the span finishes when it settles, at the time it settled, tagged with
 * its rejection; nothing handles the promise or delays it (settlement.ts).
 * A sampled-out span ends with the call. Any other value, thenables
 * included, is returned as it is, and nothing reads its `then`.
 */
export function returned<T>(frame: CallFrame | undefined, value: T): T {
  if (frame === undefined) return value;
  try {
    const { descriptor } = frame.site;
    if (descriptor.captureReturn) frame.span.setTag('result', renderValue(value));
    // A sampled-out span records nothing: it ends with the call, and the promise is not watched.
    if (descriptor.returnsPromise && !(frame.span instanceof NonRecordingSpan) && isNativePromise(value)) {
      frame.deferred = true;
      whenSettled(value, (settledAt, outcome) => {
        if (outcome.rejected) tagError(frame.span, outcome.reason);
        finish(frame.span, settledAt);
      });
    }
  } catch (error) {
    countFault('hooks.functions.returned', error);
  }
  return value;
}

/**
 * Wraps the iterable of a `for await` loop, or of a `yield*` in an async
 * generator, so that each step of its iterator runs inside the function's span
 * and hands the context back before the hidden await suspends. Without a frame
 * the iterable is returned untouched.
 *
 * A synchronous iterable stays one: the language wraps the returned iterator
 * in its own async-from-sync iterator, with the engine's own timing (the tick
 * of an early exit, and on newer engines the closing of the iterator when a
 * value is a rejected promise), and that iterator calls `next` just before it
 * awaits.
 */
export function forAwait<T>(frame: CallFrame | undefined, iterable: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> | Iterable<T> {
  if (frame === undefined) return iterable;
  const asyncMethod = iterable == null ? undefined : (iterable as AsyncIterable<T>)[Symbol.asyncIterator];
  if (asyncMethod != null) return { [Symbol.asyncIterator]: () => handingBack(frame, Reflect.apply(asyncMethod, iterable, []) as AsyncIterator<T>) };
  return yieldDelegate(frame, iterable as Iterable<T>);
}

/**
 * Wraps the iterable of a `yield*` in a generator, so that the delegate's
 * steps, which the consumer's `next()`, `return()` and `throw()` drive, run
 * inside the generator's span (the delegate's spans are its children), and
 * the consumer gets its own context back with each result. The results are
 * the delegate's own objects. Without a frame the iterable is returned
 * untouched; one that is not iterable is too, after the context is handed
 * back, so that the language throws its own error (or TypeScript's
 * downlevelled `yield*` reads an array-like).
 */
export function yieldDelegate<T>(frame: CallFrame | undefined, iterable: Iterable<T>): Iterable<T> {
  if (frame === undefined) return iterable;
  const method = iterable == null ? undefined : iterable[Symbol.iterator];
  if (method == null) return suspend(frame, iterable);
  return { [Symbol.iterator]: () => handingBack(frame, Reflect.apply(method, iterable, []) as Iterator<T>) };
}

/**
 * An iterator whose steps run in the span's context and hand the context back
 * once the wrapped one has answered. Each of `next`, `return` and `throw` is
 * read off the wrapped iterator when it is read off this one: the language
 * reads `next` once per loop or delegation, TypeScript's downlevelled
 * `yield*` at every step, and the wrapped iterator sees the same reads either
 * way. One that is not an object is returned as it is, so that the language
 * throws its own error where it would.
 */
function handingBack<I extends Iterator<unknown> | AsyncIterator<unknown>>(frame: CallFrame, iterator: I): I {
  if ((typeof iterator !== 'object' && typeof iterator !== 'function') || iterator === null) return iterator;
  return {
    get next() {
      return stepping(frame, iterator, iterator.next);
    },
    get return() {
      return stepping(frame, iterator, iterator.return);
    },
    get throw() {
      return stepping(frame, iterator, iterator.throw);
    },
  } as unknown as I;
}

/** `method` of `iterator` as a step in the span's context; a missing or uncallable one stays as it is. */
function stepping(frame: CallFrame, iterator: object, method: unknown): unknown {
  return typeof method === 'function' ? (...args: unknown[]) => step(frame, iterator, method, args) : method;
}

function step(frame: CallFrame, iterator: object, method: Function, args: unknown[]): unknown {
  reenter(frame);
  try {
    return Reflect.apply(method, iterator, args);
  } finally {
    restoreSpan(frame.previous);
  }
}

function captureArgs(span: Span, descriptor: FunctionDescriptor, args: readonly unknown[]): void {
  const names = descriptor.args ?? [];
  const secret = descriptor.secretArgs ?? [];
  names.forEach((name, i) => span.setTag(`arg.${name}`, secret.includes(i) ? REDACTED : renderValue(args[i])));
}

/** Finishes `span`, now or at `atMicros` (microseconds since the epoch; OpenTracing takes milliseconds). */
function finish(span: Span, atMicros?: number): void {
  try {
    span.finish(atMicros === undefined ? undefined : atMicros / 1000);
  } catch (error) {
    countFault('hooks.functions.finish', error);
  }
}
