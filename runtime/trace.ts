import * as opentracing from 'opentracing';
import { isNativePromise } from './native-promise';
import { activateSpan, activeSpan, restoreSpan } from './scope';
import { startChildSpan, startSpanUnderActive, tagError, tracing, type StartOptions } from './tracing';

/** Given to `fn` when tracing is off: OpenTracing's base span does nothing. */
const NOOP_SPAN = new opentracing.Span();

/** Options of `trace()`. */
export type TraceOptions = StartOptions;

/**
 * Runs `fn` inside a new span, a child of the active span, and returns what
 * `fn` returns. The span finishes when `fn` returns or throws; when `fn`
 * returns a native Promise, when it settles, and `trace` then returns a new
 * promise that settles the same way after the span is finished. Any other
 * thenable is returned untouched, and its span finishes at once. A thrown or
 * rejected error is tagged on the span (`error=true` and an `error` log) and
 * rethrown as the same object.
 *
 * `fn` receives the span, to add tags or logs. When tracing is off it gets a
 * span that does nothing; when the trace is not recorded, the active
 * (non-recording) span.
 */
export function trace<T>(name: string, fn: (span: opentracing.Span) => T, options?: TraceOptions): T {
  if (!tracing.on) return fn(NOOP_SPAN);
  const previous = activeSpan();
  const span = options === undefined ? startChildSpan(name, previous, undefined, undefined) : startSpanUnderActive(name, options);
  if (span === undefined) return fn(previous ?? NOOP_SPAN);
  // The same activation as compiled code (scope.ts): cheaper than `AsyncLocalStorage.run`,
  // which takes its arguments as a rest array, and the same for everything `fn` schedules.
  activateSpan(span);
  try {
    return runInSpan(span, fn);
  } finally {
    restoreSpan(previous);
  }
}

function runInSpan<T>(span: opentracing.Span, fn: (span: opentracing.Span) => T): T {
  let result: T;
  try {
    result = fn(span);
  } catch (error) {
    tagError(span, error);
    span.finish();
    throw error;
  }
  if (isNativePromise(result)) return finishWhenSettled(span, result) as T;
  span.finish();
  return result;
}

function finishWhenSettled(span: opentracing.Span, promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      span.finish();
      return value;
    },
    (error: unknown) => {
      tagError(span, error);
      span.finish();
      throw error;
    },
  );
}
