/**
 * `request` and `get` of node:http and node:https: the span ends at the
 * response's `end`, or when it closes before its end (aborted), or at the
 * request's `error`, or at its `close` when no response came.
 *
 * Node's semantics hang on listener counts: with no `response` listener the
 * response is dumped, and an `error` with no listener throws. So no listener
 * is added to the request. Its events are observed by wrapping the `emit` of
 * this one request object (an own, non-enumerable property): the wrapper looks
 * at the event, then calls the original `emit` and returns what it returns, so
 * an unhandled `error` still throws exactly as before. On the response only
 * `end` and `close` listeners are added, which change nothing (they neither
 * start the flow of data nor count as error handlers).
 *
 * The caller may set `req.method` after `request()`, before the headers go
 * out (`http.request(url, cb)` makes a GET), and Node sends that method: the
 * span takes the request's method when its first event comes.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import { safely } from '../safe';
import { nodeArgsWith } from './http-client-args';
import { headerIn } from './http-client-headers';
import { CLIENT_FAULTS, ClientCall } from './http-client-span';
import { nodeRequestTarget } from './http-client-target';

/** Calls `http.request`/`get` (or https's) with the trace headers in a copy of the options. */
export function tracedNodeRequest(module: 'http' | 'https', receiver: unknown, request: Function, args: unknown[]): unknown {
  const call = safely(CLIENT_FAULTS, () => ClientCall.start('http', nodeRequestTarget(args, module), requestHeaderReader(args)));
  if (!call) return Reflect.apply(request, receiver, args);
  const callArgs = safely(CLIENT_FAULTS, () => nodeArgsWith(args, call.headers())) ?? args;
  const req = call.apply(request, receiver, callArgs);
  if (call.span) safely(CLIENT_FAULTS, () => observe(req as ClientRequest, call));
  return req;
}

function observe(req: ClientRequest, call: ClientCall): void {
  const emit = req.emit;
  let responded = false;
  let timedOut = false;
  let method: string | undefined = req.method;
  const see = (event: string | symbol, value: unknown): void => {
    if (method !== undefined && req.method !== method) {
      method = req.method;
      call.sentWith(method);
    }
    switch (event) {
      case 'response':
        responded = true;
        observeResponse(value as IncomingMessage, call);
        break;
      case 'timeout':
        timedOut = true;
        break;
      case 'error':
        // Node reports a request the caller destroyed as a "socket hang up":
        // that is a cancellation (or the end of a timeout), not a failure.
        if (req.destroyed && isHangUp(value)) closedByCaller();
        else call.failAndFinish(value);
        break;
      case 'close':
        if (!responded) closedByCaller();
        break;
    }
  };
  const closedByCaller = (): void => {
    if (timedOut) call.failed(new RequestTimeoutError());
    else call.aborted();
    call.finish();
  };
  Object.defineProperty(req, 'emit', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function emitObserved(this: unknown, event: string | symbol, value?: unknown): boolean {
      safely(CLIENT_FAULTS, () => see(event, value));
      return Reflect.apply(emit, this, arguments);
    },
  });
}

function observeResponse(res: IncomingMessage, call: ClientCall): void {
  call.responded(res.statusCode, (name) => res.headers[name]);
  res.once('end', () => safely(CLIENT_FAULTS, () => call.finish()));
  res.once('close', () =>
    safely(CLIENT_FAULTS, () => {
      if (!res.complete) call.aborted();
      call.finish();
    }),
  );
}

function isHangUp(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ECONNRESET' && message === 'socket hang up';
}

/** The request's socket timed out (`timeout` option) and it closed without a response. */
class RequestTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor() {
    super('the request timed out before a response arrived');
  }
}

/** Reads the request's headers from the options (record or raw list), for the `requestHeaders` option. */
function requestHeaderReader(args: readonly unknown[]) {
  return (name: string): string | undefined => {
    const options = args.find((a) => typeof a === 'object' && a !== null && !(a instanceof URL)) as { headers?: unknown } | undefined;
    return headerIn(options?.headers, name);
  };
}
