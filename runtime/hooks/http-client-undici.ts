/**
 * undici's `request` and `stream` (its `fetch` goes through the fetch hook).
 * The trace headers go into a copy of the options; the span ends when the
 * returned promise settles, or when the callback is called in the callback
 * form. `stream`'s factory is wrapped to read the status: the wrapper calls
 * the caller's factory with the same `this` and arguments and returns its
 * result.
 */
import { safely } from '../safe';
import { undiciArgsWith } from './http-client-args';
import { headerIn } from './http-client-headers';
import { CLIENT_FAULTS, ClientCall, settleAfter } from './http-client-span';
import { undiciTarget } from './http-client-target';

interface ResponseDataLike {
  statusCode?: unknown;
  headers?: unknown;
}

/** Calls undici's `request(url, options[, callback])` or `stream(url, options, factory[, callback])` with the trace headers. */
export function tracedUndici(kind: 'request' | 'stream', receiver: unknown, fn: Function, args: unknown[]): unknown {
  const [url, options] = args;
  const call = safely(CLIENT_FAULTS, () =>
    ClientCall.start('undici', undiciTarget(url, options), (name) => headerIn((options as { headers?: unknown } | undefined)?.headers, name)),
  );
  if (!call) return Reflect.apply(fn, receiver, args);
  const callArgs = safely(CLIENT_FAULTS, () => observedArgs(kind, undiciArgsWith(args, call.headers()), call)) ?? args;
  const result = call.apply(fn, receiver, callArgs);
  // In the callback form the wrapped callback finishes the span.
  if (typeof callArgs[callbackIndex(kind)] === 'function') return result;
  const signal = (options as { signal?: unknown } | undefined)?.signal;
  return settleAfter(
    call,
    result,
    (data) => {
      if (kind === 'request') respond(call, data as ResponseDataLike);
      call.finish();
    },
    (error) => call.failAndFinish(error, signal),
  );
}

function respond(call: ClientCall, data: ResponseDataLike | null | undefined): void {
  call.responded(data?.statusCode, (name) => headerIn(data?.headers, name));
}

/** The arguments with `stream`'s factory and the callback (the last function argument after the options) wrapped to observe. */
function observedArgs(kind: 'request' | 'stream', args: unknown[] | undefined, call: ClientCall): unknown[] | undefined {
  if (!args) return undefined;
  const copy = args.slice();
  const factoryIndex = kind === 'stream' ? 2 : -1;
  if (factoryIndex !== -1 && typeof copy[factoryIndex] === 'function') copy[factoryIndex] = observingFactory(copy[factoryIndex] as Function, call);
  const at = callbackIndex(kind);
  if (typeof copy[at] === 'function') copy[at] = observingCallback(kind, copy[at] as Function, call);
  return copy;
}

/** Where the callback goes once the options are in place: request(url, options, callback), stream(url, options, factory, callback). */
function callbackIndex(kind: 'request' | 'stream'): number {
  return kind === 'stream' ? 3 : 2;
}

function observingFactory(factory: Function, call: ClientCall): Function {
  return function observedFactory(this: unknown, data: ResponseDataLike) {
    safely(CLIENT_FAULTS, () => respond(call, data));
    return Reflect.apply(factory, this, arguments);
  };
}

function observingCallback(kind: 'request' | 'stream', callback: Function, call: ClientCall): Function {
  return function observedCallback(this: unknown, error: unknown, data: unknown) {
    if (error) call.failAndFinish(error);
    else
      safely(CLIENT_FAULTS, () => {
        if (kind === 'request') respond(call, data as ResponseDataLike);
        call.finish();
      });
    return Reflect.apply(callback, this, arguments);
  };
}
