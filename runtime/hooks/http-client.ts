/**
 * `httpClientCall`: the one hook emitted code calls in place of an outgoing
 * HTTP call the transformer recognised (see docs/contract.md and
 * transformer/emit/http-client.ts for the emitted shape):
 *
 *   fetch(url, init)          ->  httpClientCall('fetch', undefined, fetch, url, init)
 *   client.get(url)           ->  httpClientCall('axios.get', tmp = client, tmp.get, url)
 *
 * It is given the callee the code would have called and the receiver it would
 * have called it on, so the call itself is the same: same function, same
 * `this`, the same arguments but for the trace headers added to a copy of
 * the headers. With tracing off it is one property read and the plain call.
 */
import { tracing } from '../tracing';
import { tracedAxios } from './http-client-axios';
import { tracedFetch } from './http-client-fetch';
import { tracedNodeRequest } from './http-client-node';
import { tracedUndici } from './http-client-undici';

type Traced = (receiver: unknown, fn: Function, args: unknown[]) => unknown;

const axiosMethod = (method: string): Traced => (receiver, fn, args) => tracedAxios(method, receiver, fn, args);

/** Each API name the transformer emits (transformer/select/callee.ts, `HttpClientApi`) and its hook. */
const HOOKS: ReadonlyMap<string, Traced> = new Map(Object.entries({
  fetch: (receiver, fn, args) => tracedFetch('fetch', receiver, fn, args),
  'http.request': (receiver, fn, args) => tracedNodeRequest('http', receiver, fn, args),
  'http.get': (receiver, fn, args) => tracedNodeRequest('http', receiver, fn, args),
  'https.request': (receiver, fn, args) => tracedNodeRequest('https', receiver, fn, args),
  'https.get': (receiver, fn, args) => tracedNodeRequest('https', receiver, fn, args),
  'undici.fetch': (receiver, fn, args) => tracedFetch('undici', receiver, fn, args),
  'undici.request': (receiver, fn, args) => tracedUndici('request', receiver, fn, args),
  'undici.stream': (receiver, fn, args) => tracedUndici('stream', receiver, fn, args),
  'undici.dispatcher.request': (receiver, fn, args) => tracedUndici('dispatcher.request', receiver, fn, args),
  axios: (receiver, fn, args) => tracedAxios(undefined, receiver, fn, args),
  ...Object.fromEntries(
    ['request', 'get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'postForm', 'putForm', 'patchForm', 'query'].map((m) => [
      `axios.${m}`,
      axiosMethod(m),
    ]),
  ),
}));

/**
 * Calls `fn` on `receiver` with `args`, inside a client span when tracing is
 * on and `api` names a known client. Returns what the call returns (the same
 * `ClientRequest`; for promise-returning clients a promise that settles the
 * same way, with the same value, once the span is finished) and throws what
 * it throws. An unknown `api` (code compiled by a newer transformer) is a
 * plain call.
 */
export function httpClientCall(api: string, receiver: unknown, fn: Function, ...args: unknown[]): unknown {
  if (typeof fn !== 'function') throw notAFunction();
  if (!tracing.on) return Reflect.apply(fn, receiver, args);
  const traced = HOOKS.get(api);
  return traced ? traced(receiver, fn, args) : Reflect.apply(fn, receiver, args);
}

/**
 * The error the plain call throws when its callee is not a function: a
 * TypeError, after the arguments were evaluated (the emitted call has done
 * that by now). The only typed way here is a missing link in a chain closed
 * by parentheses, `(client?.get)(url)`, for which V8 says exactly this; for
 * a callee whose type lied, V8 would name the expression. The stack starts at
 * the user's call, not in this hook.
 */
function notAFunction(): TypeError {
  const error = new TypeError('(intermediate value) is not a function');
  Error.captureStackTrace(error, httpClientCall);
  return error;
}
