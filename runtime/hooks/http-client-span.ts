/**
 * The life of one outgoing request's span, shared by every client hook: start
 * it under the active span, give the headers to inject, record the response
 * or the failure, finish it once, and finish it anyway after
 * `clientSpanTimeoutMs` so a response nobody reads cannot hold it forever.
 *
 * Tags (OpenTracing semantic conventions, plus two of ours):
 * `span.kind=client`, `component`, `http.method`, `http.url` (redacted),
 * `peer.hostname`, `peer.port`, `http.status_code`, `error` (a failure
 * without a response, with the error log, or a status >= 500),
 * `http.aborted=true` (the caller cancelled the request),
 * `spanweave.timeout=true` (finished by the time cap),
 * `http.request.header.<name>` / `http.response.header.<name>` (as configured).
 */
import { FORMAT_HTTP_HEADERS, type Span, type SpanContext } from 'opentracing';
import { isNativePromise } from '../native-promise';
import { safely } from '../safe';
import { activeSpan } from '../scope';
import { currentTracer, startSpanUnderActive, tagError } from '../tracing';
import { httpOptions, matchesAny } from './http-options';
import { addHeaderTags, safeParsedUrl, safeUrl } from './http-url';
import { timeCap, type Capped } from './http-time-cap';
import { type ClientTarget, failureKind, underlyingError } from './http-client-target';

/** Reads one request or response header by lowercase name. */
export type HeaderGetter = (lowercaseName: string) => string | number | readonly string[] | undefined | null;

/** Where faults of the client hooks are counted in `diagnostics()`. */
export const CLIENT_FAULTS = 'hooks.http-client';

export class ClientCall implements Capped {
  private done = false;
  /** @internal When the time cap finishes the span (see `timeCap`). */
  deadline = Infinity;
  private finishedHook: (() => void) | undefined = undefined;

  private constructor(
    /** Undefined when the parent is not recorded: the call then only propagates the parent's context. */
    readonly span: Span | undefined,
    private readonly context: SpanContext,
  ) {}

  /**
   * Starts the span for a request to `target`, or returns undefined when the
   * request is not traced: no target could be read, its URL is ignored, or
   * there is no context to carry.
   */
  static start(component: string, target: ClientTarget | undefined, requestHeader: HeaderGetter): ClientCall | undefined {
    if (!target) return undefined;
    const options = httpOptions();
    if (matchesAny(target.url, options.ignoreOutgoingUrls)) return undefined;
    const tags: Record<string, string | number> = {
      component,
      'http.method': target.method,
      'http.url': target.parsedUrl === undefined ? safeUrl(target.url, options.redactQueryParams) : safeParsedUrl(target.parsedUrl, options.redactQueryParams),
    };
    addHeaderTags(tags, options.requestHeaders, requestHeader, 'http.request.header.');
    if (target.hostname !== undefined) tags['peer.hostname'] = target.hostname;
    if (target.port !== undefined) tags['peer.port'] = target.port;
    const span = startSpanUnderActive(target.method, { kind: 'client', tags });
    const context = (span ?? activeSpan())?.context();
    if (!context) return undefined;
    const call = new ClientCall(span, context);
    if (span) cap.add(call, options.clientSpanTimeoutMs);
    return call;
  }

  /** The trace headers to send, as the tracer in use writes them (any OpenTracing tracer, after useTracer). */
  headers(): Record<string, string> {
    const carrier: Record<string, string> = {};
    currentTracer().inject(this.context, FORMAT_HTTP_HEADERS, carrier);
    return carrier;
  }

  /** The request went out with `method` after all (set on the request after it was made): the span's name and `http.method`. */
  sentWith(method: unknown): void {
    const span = this.span;
    if (!span || this.done || typeof method !== 'string') return;
    const upper = method.toUpperCase();
    span.setOperationName(upper);
    span.setTag('http.method', upper);
  }

  /** A response arrived: its status (>= 500 is an error, 4xx is not) and the configured headers. */
  responded(status: unknown, responseHeader: HeaderGetter): void {
    const span = this.span;
    if (!span || this.done) return;
    if (typeof status === 'number') {
      span.setTag('http.status_code', status);
      if (status >= 500) span.setTag('error', true);
    }
    const names = httpOptions().responseHeaders;
    if (names.length > 0) span.addTags(addHeaderTags({}, names, responseHeader, 'http.response.header.'));
  }

  /**
   * The request failed without a response (or its response broke off). A
   * cancelled request is tagged aborted; anything else is an error, logged
   * with the underlying cause. `signal` is the caller's AbortSignal, if any.
   */
  failed(error: unknown, signal?: unknown): void {
    const span = this.span;
    if (!span || this.done) return;
    if (failureKind(error, signal) === 'aborted') span.setTag('http.aborted', true);
    else tagError(span, underlyingError(error));
  }

  /** The caller cancelled the request or stopped its response before the end, without an error. */
  aborted(): void {
    if (!this.done) this.span?.setTag('http.aborted', true);
  }

  /** Finishes the span; later calls do nothing. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    cap.remove(this);
    this.span?.finish();
    this.finishedHook?.();
  }

  /** Runs `hook` once, right after the span is finished: a hook drops what it kept for the call. */
  whenFinished(hook: () => void): void {
    this.finishedHook = hook;
  }

  /** Makes the call itself; a synchronous throw fails and finishes the span, and is rethrown as the same object. */
  apply(fn: Function, receiver: unknown, args: readonly unknown[]): unknown {
    try {
      return Reflect.apply(fn, receiver, args);
    } catch (error) {
      this.failAndFinish(error);
      throw error;
    }
  }

  /** `failed` then `finish`, guarded: for the hooks' rejection and error paths. */
  failAndFinish(error: unknown, signal?: unknown): void {
    safely(CLIENT_FAULTS, () => {
      this.failed(error, signal);
      this.finish();
    });
  }
}

/** The calls still open; one that reaches the cap is finished there, tagged. */
const cap = timeCap<ClientCall>((call) => {
  call.span?.setTag('spanweave.timeout', true);
  call.finish();
});

/**
 * Returns a promise that settles exactly as `result` does (same value, same
 * reason), once `onValue` or `onReason` has run, so the span is finished
 * before the caller's continuation. An unhandled rejection stays unhandled: the
 * returned promise rejects with the same reason. A result that is not a native
 * promise is returned untouched, and nothing calls its `then`: the span is
 * finished at once, as nothing tells when it settles.
 */
export function settleAfter<T>(call: ClientCall, result: T, onValue: (value: unknown) => void, onReason: (reason: unknown) => void): T {
  if (!isNativePromise(result)) {
    safely(CLIENT_FAULTS, () => call.finish());
    return result;
  }
  return result.then(
    (value: unknown) => {
      safely(CLIENT_FAULTS, () => onValue(value));
      return value;
    },
    (reason: unknown) => {
      safely(CLIENT_FAULTS, () => onReason(reason));
      throw reason;
    },
  ) as T;
}
