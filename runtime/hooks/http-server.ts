/**
 * The server span's lifecycle, shared by the node:http, Express and Fastify
 * hooks. One span per request: the first hook that sees a request starts the
 * span and marks the request with it; a framework reached through an
 * instrumented server (or an Express app mounted in another) finds the mark
 * and enriches that span instead of starting a second one.
 *
 * The tag, name and error logic lives in http-server-tags.ts; this file only
 * touches Node's request and response objects.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FORMAT_HTTP_HEADERS, type Span, type SpanContext } from 'opentracing';
import { activeSpan, withSpan } from '../scope';
import { countFault, safely } from '../safe';
import { currentTracer, startSpanUnderActive, tagError, tracing } from '../tracing';
import { httpOptions, matchesAny, type ResolvedHttpOptions } from './http-options';
import { addHeaderTags } from './http-url';
import { timeCap } from './http-time-cap';
import { listenersMakeOwnSpans } from './own-span-listeners';
import {
  isServerFault,
  requestPath,
  serverRequestTags,
  serverSpanName,
  serverStatusTags,
  type ServerComponent,
} from './http-server-tags';

const WHERE = 'hooks.http-server';

/** What spanweave keeps on a request it has seen. */
export interface ServerRequestState {
  /** The request's server span; undefined when the request is not traced (ignored path, unsampled parent). */
  readonly span: Span | undefined;
  readonly method: string | undefined;
  settled: boolean;
  /** What the framework hook that enriches the span keeps per request (Express: its route capture); undefined until it sets it. */
  framework: object | undefined;
}

/** The state of a traced request: what finishing its span needs. */
class OpenRequest implements ServerRequestState {
  settled = false;
  framework: object | undefined = undefined;
  /** When the time cap finishes the span, on `monotonicMs()`'s clock (own-time.ts). */
  deadline = Infinity;
  /** Reads the matched route when the span finishes, for a framework that knows it only after routing (Koa's router). */
  routeAtEnd: (() => unknown) | undefined = undefined;
  constructor(
    readonly span: Span,
    readonly method: string | undefined,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
  ) {}
}

/**
 * The state of every request that is not traced (an ignored path, or no span
 * started under a non-recording one): nothing
 * to finish, nothing to enrich. Shared, so that its entry in `requestStates`
 * refers to nothing of the request's (see there).
 */
const UNTRACED: ServerRequestState = Object.freeze({
  span: undefined,
  method: undefined,
  settled: true,
  framework: undefined,
});

/**
 * Each request spanweave has seen, with its state. A WeakMap rather than a
 * property on the request: nothing on the request changes, and defining a
 * hidden property on every request cost several times more.
 *
 * A traced request's entry is deleted once its response is done. V8's
 * scavenger keeps the value of an entry whose key is young, and a state
 * leads back to its request (`res.req`): left in the map, every request's
 * objects survived the young-generation collections until a full one, which
 * on a busy server cost more time than all of spanweave's own work. An
 * untraced request's entry is the shared UNTRACED, which leads nowhere.
 */
const requestStates = new WeakMap<IncomingMessage, ServerRequestState>();

/** The state of a request spanweave has already seen, if any. */
export function serverRequestState(req: IncomingMessage): ServerRequestState | undefined {
  return requestStates.get(req);
}

const cap = timeCap<OpenRequest>((state) => settle(state, 'timeout'));

/**
 * Starts the server span of `req`, or enriches the one already started by an
 * outer hook (its `component` becomes the framework's). While the span is
 * open, every event of `req` and `res` runs with it active, so callbacks the
 * handler registers there (body parsing, 'finish' listeners) stay in the trace.
 */
export function beginServerRequest(req: IncomingMessage, res: ServerResponse, component: ServerComponent): ServerRequestState {
  const existing = serverRequestState(req);
  if (existing !== undefined) {
    if (component !== 'http') existing.span?.setTag('component', component);
    return existing;
  }
  const options = httpOptions();
  const ignored = options.ignoreIncomingPaths.length > 0 && matchesAny(requestPath(req.url), options.ignoreIncomingPaths);
  const span = ignored ? undefined : startServerSpan(req, component, options);
  if (span === undefined) {
    requestStates.set(req, UNTRACED);
    return UNTRACED;
  }
  const state = new OpenRequest(span, req.method, req, res);
  requestStates.set(req, state);
  activateOnEvents(req, span);
  activateResponseEvents(res, state);
  cap.add(state, options.serverSpanTimeoutMs);
  return state;
}

function startServerSpan(req: IncomingMessage, component: ServerComponent, options: ResolvedHttpOptions): Span | undefined {
  const socket = req.socket;
  const tags = serverRequestTags(
    { method: req.method, url: req.url, remoteAddress: socket?.remoteAddress, remotePort: socket?.remotePort },
    component,
    options.redactQueryParams,
  );
  if (options.requestHeaders.length > 0) addHeaderTags(tags, options.requestHeaders, (name) => req.headers[name], 'http.request.header.');
  const name = serverSpanName(req.method);
  const parent = extractParent(req);
  // The tags carry `span.kind`.
  if (parent !== undefined || activeSpan() === undefined) return startSpanUnderActive(name, { tags, childOf: parent });
  // A request is a new root when it carries no context: whatever span may be
  // active where the server emitted it (a leak elsewhere) is not its parent.
  return currentTracer().startSpan(name, { tags });
}

/** The caller's context from the request headers; a malformed header gives none (a new trace), never an error. */
function extractParent(req: IncomingMessage): SpanContext | undefined {
  try {
    return currentTracer().extract(FORMAT_HTTP_HEADERS, req.headers) ?? undefined;
  } catch (error) {
    countFault(`${WHERE}.extract`, error);
    return undefined;
  }
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Runs the listeners of `emitter`'s events with `span` active, by wrapping
 * this one object's `emit`: listeners keep their identity, so
 * `removeListener`, `listeners()` and `once` behave as before. An event
 * without listeners, or emitted while the span is active already, is emitted
 * as it is: entering a context costs more than the rest of the request's
 * bookkeeping (several hundred nanoseconds on Node 24), and a request emits a
 * handful of events that mostly have no listener.
 */
function activateOnEvents(emitter: EventEmitter, span: Span): void {
  const emit = emitter.emit as Emit;
  emitter.emit = function (this: unknown, event: string | symbol): boolean {
    return emitWithSpan(emitter, span, emit, this, arguments);
  };
}

/**
 * The response's events, as for the request, and the span settled after
 * 'finish' or 'close'; the request's state is then forgotten (`requestStates`).
 */
function activateResponseEvents(res: ServerResponse, state: OpenRequest): void {
  const emit = res.emit as Emit;
  const span = state.span;
  res.emit = function (this: unknown, event: string | symbol): boolean {
    try {
      return emitWithSpan(res, span, emit, this, arguments);
    } finally {
      if (event === 'finish' || event === 'close') safely(WHERE, () => responseDone(state, event));
    }
  };
}

function responseDone(state: OpenRequest, how: 'finish' | 'close'): void {
  if (!state.settled) settle(state, how);
  if (requestStates.get(state.req) === state) requestStates.delete(state.req);
}

function emitWithSpan(emitter: EventEmitter, span: Span, emit: Emit, self: unknown, args: IArguments): boolean {
  if (emitter.listenerCount(args[0] as string | symbol) === 0 || activeSpan() === span) return Reflect.apply(emit, self, args);
  return withSpan(span, () => Reflect.apply(emit, self, args));
}

/** Finishes the span once: on the response's 'finish', on a 'close' before it (the client left), or at the time cap. */
function settle(state: OpenRequest, how: 'finish' | 'close' | 'timeout'): void {
  const span = state.span;
  if (state.settled || span === undefined) return;
  state.settled = true;
  cap.remove(state);
  const route = state.routeAtEnd === undefined ? undefined : safely(WHERE, state.routeAtEnd);
  if (typeof route === 'string') applyRoute(span, state.method, route);
  const res = state.res;
  if (how === 'finish' || res.headersSent) span.addTags(serverStatusTags(res.statusCode));
  if (how === 'close') span.setTag('spanweave.aborted', true);
  if (how === 'timeout') span.setTag('spanweave.timeout', true);
  const responseHeaders = httpOptions().responseHeaders;
  if (responseHeaders.length > 0) span.addTags(addHeaderTags({}, responseHeaders, (name) => res.getHeader(name), 'http.response.header.'));
  span.finish();
}

/** Renames the request's span `METHOD /route/:template` and tags `http.route`. */
export function nameServerRoute(req: IncomingMessage, route: string): void {
  const state = serverRequestState(req);
  if (state?.span === undefined || state.settled) return;
  applyRoute(state.span, state.method, route);
}

/**
 * Names the request's span after the route `readRoute` gives when the span
 * finishes (a string; anything else leaves the name as it is): for a
 * framework whose router records the match on its own context, read once
 * the response is done.
 */
export function nameServerRouteAtEnd(req: IncomingMessage, readRoute: () => unknown): void {
  const state = serverRequestState(req);
  if (state instanceof OpenRequest && !state.settled) state.routeAtEnd = readRoute;
}

function applyRoute(span: Span, method: string | undefined, route: string): void {
  span.setOperationName(serverSpanName(method, route));
  span.setTag('http.route', route);
}

/**
 * Records an error that reached the framework's error handling: an error tag
 * and log when it is the server's fault. Once the response's status has gone
 * out, that status says whose fault it was, not the error's fields: an app
 * that answered 400 itself and then passed the error on (routing-controllers
 * does, its errors carrying the status as `httpCode`) answered the client's
 * fault; one that broke off a 2xx response did not.
 */
export function recordServerError(req: IncomingMessage, error: unknown): void {
  const state = serverRequestState(req);
  if (!(state instanceof OpenRequest) || state.settled || !isServerFault(error, state.res.headersSent ? state.res.statusCode : undefined)) return;
  tagError(state.span, error);
}

/** Runs `fn` with the request's span active, when it has one (and it is not active already). */
export function runInServerSpan<T>(state: ServerRequestState | undefined, fn: () => T): T {
  const span = state?.span;
  return span === undefined || activeSpan() === span ? fn() : withSpan(span, fn);
}

type RequestListener = (this: unknown, req: IncomingMessage, res: ServerResponse, ...rest: unknown[]) => unknown;

const wrapperOf = new WeakMap<Function, RequestListener>();
const wrappers = new WeakSet<Function>();

/**
 * The request listener given to `http.createServer`/`https.createServer` or
 * to `server.on('request', ...)`, wrapped so that each request gets its
 * server span, active for everything the listener does. Anything that is not
 * a function is returned as it is, and so is a listener already wrapped.
 *
 * The wrapper carries the original as `listener`, as Node's own `once`
 * wrappers do, so `server.removeListener('request', original)` and
 * `server.listeners('request')` still see the original.
 */
export function instrumentRequestListener<T>(listener: T): T {
  if (typeof listener !== 'function' || wrappers.has(listener)) return listener;
  let wrapper = wrapperOf.get(listener);
  if (wrapper === undefined) {
    wrapper = requestListenerWrapper(listener as unknown as RequestListener, 'http');
    wrapperOf.set(listener, wrapper);
  }
  return wrapper as unknown as T;
}

function requestListenerWrapper(listener: RequestListener, component: ServerComponent): RequestListener {
  const wrapper = function (this: unknown, req: IncomingMessage, res: ServerResponse): unknown {
    return handleInServerSpan(listener, this, arguments, req, res, component);
  };
  Object.defineProperty(wrapper, 'listener', { value: listener, configurable: true });
  wrappers.add(wrapper);
  return wrapper;
}

/**
 * Calls `handle` (a request listener, or a server's own `emit` for a
 * `'request'` event) with `args`, inside the request's server span.
 */
function handleInServerSpan(handle: Function, self: unknown, args: IArguments, req: IncomingMessage, res: ServerResponse, component: ServerComponent): unknown {
  if (!tracing.on) return Reflect.apply(handle, self, args);
  const span = safely(WHERE, () => beginServerRequest(req, res, component))?.span;
  if (span === undefined) return Reflect.apply(handle, self, args);
  safely(WHERE, () => watchCapturedRejections(self));
  try {
    return withSpan(span, () => Reflect.apply(handle, self, args));
  } catch (error) {
    // Thrown out of a listener: Node has no handler for it, so this is
    // the last place that sees it. Rethrown as the same object.
    safely(WHERE, () => recordServerError(req, error));
    throw error;
  }
}

const serversInstrumented = new WeakSet<object>();

/**
 * A node:http, node:https or node:http2 server (from `createServer`,
 * `createSecureServer` or `new Server`, or one whose `'request'` listeners
 * the program adds), returned as it is after its `emit` is wrapped on the
 * instance: each `'request'` event gets its server span, active while every
 * listener of the event runs. The listeners themselves are left alone, so
 * they keep their identity (`once`, `off`, `listeners()` behave as before),
 * and a library that takes them off and puts them back (engine.io's and
 * socket.io's `attach()`) keeps the spans. Anything that is not an object
 * with an `emit` method is returned as it is, and a server is wrapped once.
 */
export function instrumentServer<T>(server: T): T {
  if (typeof server !== 'object' || server === null || serversInstrumented.has(server)) return server;
  const emit = (server as { emit?: unknown }).emit;
  if (typeof emit !== 'function') return server;
  serversInstrumented.add(server);
  safely(WHERE, () =>
    Object.defineProperty(server, 'emit', {
      configurable: true,
      writable: true,
      value: function (this: EventEmitter, event: string | symbol, req: IncomingMessage, res: ServerResponse): unknown {
        if (event !== 'request' || !tracing.on || listenersMakeOwnSpans(this)) return Reflect.apply(emit, this, arguments);
        return handleInServerSpan(emit, this, arguments, req, res, 'http');
      },
    }),
  );
  return server;
}

/**
 * Wraps the 'request' listeners already added to a server that a framework
 * created (Fastify's), keeping their order. Listeners already wrapped stay.
 */
export function instrumentServerListeners(server: EventEmitter, component: ServerComponent): void {
  const listeners = server.rawListeners('request');
  if (listeners.every((listener) => wrappers.has(listener))) return;
  server.removeAllListeners('request');
  for (const listener of listeners) {
    const wrapped = wrappers.has(listener) ? listener : requestListenerWrapper(listener as RequestListener, component);
    server.on('request', wrapped as (...args: unknown[]) => void);
  }
}

const captureRejection = Symbol.for('nodejs.rejection');
const rejectionsWatched = new WeakSet<object>();

/**
 * A server whose emitter captures rejections (`captureRejections`) answers a
 * rejected async listener with a 500 through its `Symbol.for('nodejs.rejection')`
 * method: Node's own error handling for servers. Wrapping that method on the
 * server instance shows the error without handling any promise ourselves, so
 * a rejection that was unhandled stays unhandled.
 */
function watchCapturedRejections(server: unknown): void {
  if (typeof server !== 'object' || server === null || rejectionsWatched.has(server)) return;
  rejectionsWatched.add(server);
  const handler = (server as Record<symbol, unknown>)[captureRejection];
  if (typeof handler !== 'function') return;
  Object.defineProperty(server, captureRejection, {
    configurable: true,
    writable: true,
    value: function (this: unknown, error: unknown, event: unknown, req: unknown): unknown {
      if (event === 'request') safely(WHERE, () => recordServerError(req as IncomingMessage, error));
      return Reflect.apply(handler, this, arguments);
    },
  });
}
