/**
 * undici's `request` and `stream`, and the `request` method of its
 * dispatchers (Client, Pool, Agent); its `fetch` goes through the fetch hook.
 * The trace headers go into a copy of the options; the span ends when the
 * returned promise settles, or when the callback is called in the callback
 * form. `stream`'s factory is wrapped to read the status: the wrapper calls
 * the caller's factory with the same `this` and arguments and returns its
 * result.
 */
import { safely } from '../safe';
import { dispatcherArgsWith, undiciArgsWith } from './http-client-args';
import { headerIn, type InjectedHeaders } from './http-client-headers';
import { CLIENT_FAULTS, ClientCall, settleAfter } from './http-client-span';
import { dispatcherTarget, undiciTarget, type ClientTarget } from './http-client-target';

interface ResponseDataLike {
  statusCode?: unknown;
  headers?: unknown;
}

/** The undici calls the hook knows: `request(url, options[, callback])`, `stream(url, options, factory[, callback])`, `dispatcher.request(options[, callback])`. */
export type UndiciCall = 'request' | 'stream' | 'dispatcher.request';

/** Where each call takes its arguments, once the options are in place. */
interface CallShape {
  options: number;
  /** `stream`'s factory, which is given the response data. */
  factory?: number;
  callback: number;
  /** Whether the promise (or the callback) gets the response data, with its status. */
  settlesWithData: boolean;
  target(receiver: unknown, args: readonly unknown[]): ClientTarget | undefined;
  argsWith(args: readonly unknown[], injected: InjectedHeaders): unknown[] | undefined;
}

const SHAPES: Readonly<Record<UndiciCall, CallShape>> = {
  request: { options: 1, callback: 2, settlesWithData: true, target: (_, args) => undiciTarget(args[0], args[1]), argsWith: undiciArgsWith },
  stream: { options: 1, factory: 2, callback: 3, settlesWithData: false, target: (_, args) => undiciTarget(args[0], args[1]), argsWith: undiciArgsWith },
  'dispatcher.request': { options: 0, callback: 1, settlesWithData: true, target: (dispatcher, args) => dispatcherTarget(dispatcher, args[0]), argsWith: dispatcherArgsWith },
};

/** Calls one of undici's calls (`kind`) with the trace headers. */
export function tracedUndici(kind: UndiciCall, receiver: unknown, fn: Function, args: unknown[]): unknown {
  const shape = SHAPES[kind];
  const options = args[shape.options] as { headers?: unknown; signal?: unknown } | undefined;
  const call = safely(CLIENT_FAULTS, () => ClientCall.start('undici', shape.target(receiver, args), (name) => headerIn(options?.headers, name)));
  if (!call) return Reflect.apply(fn, receiver, args);
  const callArgs = safely(CLIENT_FAULTS, () => observedArgs(shape, shape.argsWith(args, call.headers()), call)) ?? args;
  const result = call.apply(fn, receiver, callArgs);
  // In the callback form the wrapped callback finishes the span.
  if (typeof callArgs[shape.callback] === 'function') return result;
  return settleAfter(
    call,
    result,
    (data) => {
      if (shape.settlesWithData) respond(call, data as ResponseDataLike);
      call.finish();
    },
    (error) => call.failAndFinish(error, options?.signal),
  );
}

function respond(call: ClientCall, data: ResponseDataLike | null | undefined): void {
  call.responded(data?.statusCode, (name) => headerIn(data?.headers, name));
}

/** The arguments with `stream`'s factory and the callback (the last function argument after the options) wrapped to observe. */
function observedArgs(shape: CallShape, args: unknown[] | undefined, call: ClientCall): unknown[] | undefined {
  if (!args) return undefined;
  const copy = args.slice();
  if (shape.factory !== undefined && typeof copy[shape.factory] === 'function') copy[shape.factory] = observingFactory(copy[shape.factory] as Function, call);
  if (typeof copy[shape.callback] === 'function') copy[shape.callback] = observingCallback(shape, copy[shape.callback] as Function, call);
  return copy;
}

function observingFactory(factory: Function, call: ClientCall): Function {
  return function observedFactory(this: unknown, data: ResponseDataLike) {
    safely(CLIENT_FAULTS, () => respond(call, data));
    return Reflect.apply(factory, this, arguments);
  };
}

function observingCallback(shape: CallShape, callback: Function, call: ClientCall): Function {
  return function observedCallback(this: unknown, error: unknown, data: unknown) {
    if (error) call.failAndFinish(error);
    else
      safely(CLIENT_FAULTS, () => {
        if (shape.settlesWithData) respond(call, data as ResponseDataLike);
        call.finish();
      });
    return Reflect.apply(callback, this, arguments);
  };
}
