/**
 * fetch (the global one, and undici's): the span ends when the response body
 * has fully arrived, or failed, or was cancelled; redirects are followed
 * inside the one span.
 *
 * The caller gets the very `Response` fetch made: nothing wraps, tees or
 * clones its body. The end of the body is observed instead on the
 * diagnostics channels every undici publishes on (Node's bundled one and the
 * npm package alike): `undici:request:create` tells which request belongs to
 * this call (the call runs with its span active, and the channel publishes in
 * that context), `undici:request:trailers` that its body has been received in
 * full, `undici:request:error` that it broke off (a cancelled body included).
 * A large body arrives only as it is read, so an unread one ends at the cap
 * (`clientSpanTimeoutMs`). A fetch that dispatches no undici request (a
 * replaced global fetch) ends when its promise settles.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { Span } from 'opentracing';
import { safely } from '../safe';
import { activeSpan, withSpan } from '../scope';
import { fetchArgsWith } from './http-client-args';
import { headerIn } from './http-client-headers';
import { CLIENT_FAULTS, ClientCall, settleAfter } from './http-client-span';
import { fetchTarget } from './http-client-target';

/** What one traced fetch knows about the undici request that carries it. */
interface BodyWatch {
  call: ClientCall;
  /** The latest request dispatched for this fetch: after a redirect, the new hop's. */
  request?: object;
  /** The latest request's body arrived in full. */
  arrived: boolean;
  /** The latest request broke off with this error. */
  failure?: unknown;
  /** The fetch promise has fulfilled: its Response is the latest request's. */
  responded: boolean;
}

/**
 * The watches of the fetches in flight, found by span (from the context the
 * channel publishes in) and by undici request. A watch leads back to both
 * keys, and V8's scavenger keeps the value of an entry whose key is young:
 * left in the maps, every fetch's objects would survive the young-generation
 * collections until a full one. So a fetch's entries go when its span ends.
 */
const watchBySpan = new WeakMap<Span, BodyWatch>();
const watchByRequest = new WeakMap<object, BodyWatch>();
let subscribed = false;

interface RequestMessage {
  request: object;
  error?: unknown;
}

function subscribeOnce(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe('undici:request:create', (message) => safely(CLIENT_FAULTS, () => onCreate(message as RequestMessage)));
  subscribe('undici:request:trailers', (message) => safely(CLIENT_FAULTS, () => onArrived(message as RequestMessage)));
  subscribe('undici:request:error', (message) => safely(CLIENT_FAULTS, () => onBrokenOff(message as RequestMessage)));
}

function onCreate({ request }: RequestMessage): void {
  const span = activeSpan();
  const watch = span && watchBySpan.get(span);
  if (!watch) return;
  // A redirect: the earlier hop's request is done with.
  if (watch.request !== undefined) watchByRequest.delete(watch.request);
  watch.request = request;
  watch.arrived = false;
  watch.failure = undefined;
  watchByRequest.set(request, watch);
}

/** The watch of the latest request of a fetch, or undefined for anyone else's request (or an earlier hop). */
function currentWatch(request: object): BodyWatch | undefined {
  const watch = watchByRequest.get(request);
  return watch && watch.request === request ? watch : undefined;
}

function onArrived({ request }: RequestMessage): void {
  const watch = currentWatch(request);
  if (!watch) return;
  watch.arrived = true;
  if (watch.responded) watch.call.finish();
}

function onBrokenOff({ request, error }: RequestMessage): void {
  const watch = currentWatch(request);
  if (!watch) return;
  watch.failure = error;
  // Before the Response exists, the fetch promise rejects and says why.
  if (watch.responded) watch.call.failAndFinish(error);
}

function onResponse(watch: BodyWatch, response: unknown): void {
  const { call } = watch;
  watch.responded = true;
  const res = response as Partial<Response>;
  call.responded(res.status, (name) => res.headers?.get(name));
  if (!watch.request || watch.arrived) call.finish();
  else if (watch.failure !== undefined) call.failAndFinish(watch.failure);
}

function forget(span: Span, watch: BodyWatch): void {
  watchBySpan.delete(span);
  if (watch.request !== undefined) watchByRequest.delete(watch.request);
}

/** Calls `fetch` (global or undici's) with the trace headers in a copy of its init. */
export function tracedFetch(component: 'fetch' | 'undici', receiver: unknown, fetch: Function, args: unknown[]): unknown {
  const [input, init] = args;
  const call = safely(CLIENT_FAULTS, () => ClientCall.start(component, fetchTarget(input, init), requestHeaderReader(input, init)));
  if (!call) return Reflect.apply(fetch, receiver, args);
  const callArgs = safely(CLIENT_FAULTS, () => fetchArgsWith(args, call.headers())) ?? args;
  const span = call.span;
  if (!span) return Reflect.apply(fetch, receiver, callArgs);
  const watch: BodyWatch = { call, arrived: false, responded: false };
  safely(CLIENT_FAULTS, () => {
    subscribeOnce();
    watchBySpan.set(span, watch);
    call.whenFinished(() => forget(span, watch));
  });
  const result = withSpan(span, () => call.apply(fetch, receiver, callArgs));
  const signal = (init as { signal?: unknown } | undefined)?.signal ?? (input as { signal?: unknown } | undefined)?.signal;
  return settleAfter(
    call,
    result,
    (response) => onResponse(watch, response),
    (error) => call.failAndFinish(error, signal),
  );
}

/** Reads the request's headers, for the `requestHeaders` option: from init, else from a Request input. */
function requestHeaderReader(input: unknown, init: unknown) {
  return (name: string): string | undefined =>
    headerIn((init as { headers?: unknown } | undefined)?.headers ?? (input as { headers?: unknown } | undefined)?.headers, name);
}
