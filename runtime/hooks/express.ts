/**
 * Express applications: the app made by `express()` gets spanweave in front of
 * its router, and sees the errors that reach its final handler. Routers the
 * user makes are left as they are; nothing is added to any middleware stack,
 * so the app keeps its settings, status codes, headers and error pages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { safely } from '../safe';
import { tracing } from '../tracing';
import { beginServerRequest, nameServerRoute, recordServerError, runInServerSpan, serverRequestState, type ServerRequestState } from './http-server';
import { joinRoute } from './http-server-tags';
import { makesOwnServerSpan } from './own-span-listeners';

const WHERE = 'hooks.express';
const kInstrumented = Symbol('spanweave.express');

/** What this hook keeps per request, in the request's server state. */
interface ExpressRequestState {
  /** The router whose `done` leads to Express's final handler, set when the top-level app answers the request itself. */
  finalRouter: object | undefined;
}

type Handle = (this: unknown, req: IncomingMessage, res: ServerResponse, callback?: Function) => unknown;
interface ExpressAppLike extends Function {
  handle: Handle;
  /** Express 5's router, made on first read. On Express 4 a getter that throws. */
  router?: { handle: Function };
  /** Express 4's router, set once a route or middleware is added. */
  _router?: { handle: Function };
  /** Express 4 only: makes `_router`. */
  lazyrouter?: Function;
  [kInstrumented]?: true;
}

/**
 * Instruments the application `express()` returned, and returns it.
 *
 * Its `handle` (what Express runs for every request, also when the app is
 * mounted in another with `app.use(path, subApp)`) starts the request's
 * server span, or enriches the one an outer hook started, and runs the app
 * with that span active. Anything that is not an Express app, or an app
 * already instrumented, is returned untouched.
 */
export function instrumentExpressApp<T>(app: T): T {
  safely(WHERE, () => {
    if (isExpressApp(app) && app[kInstrumented] === undefined) patchHandle(app);
  });
  return app;
}

function isExpressApp(app: unknown): app is ExpressAppLike {
  return typeof app === 'function' && typeof (app as { handle?: unknown }).handle === 'function' && typeof (app as { set?: unknown }).set === 'function';
}

/*
 * The app's own `handle` becomes:
 *
 *   app.handle = function handle(req, res, callback) {
 *     state = beginServerRequest(req, res, 'express')   // or the span already there
 *     capture req.route as the router sets it            // the span's name
 *     if (!callback) watch the app router's final errors // the top-level app only
 *     return withSpan(state.span, () => original.call(this, req, res, callback))
 *   }
 */
function patchHandle(app: ExpressAppLike): void {
  Object.defineProperty(app, kInstrumented, { value: true });
  makesOwnServerSpan(app);
  const handle = app.handle;
  app.handle = function (this: unknown, req: IncomingMessage, res: ServerResponse, callback?: Function): unknown {
    const args = arguments;
    if (!tracing.on) return Reflect.apply(handle, this, args);
    const state = safely(WHERE, () => {
      const started = beginServerRequest(req, res, 'express');
      if (started.span !== undefined) {
        const own = expressState(started, req);
        // Without a callback this app answers the request itself: errors
        // that leave its router go to Express's final handler.
        if (callback === undefined) watchFinalErrors(app, own);
      }
      return started;
    });
    return runInServerSpan(state, () => Reflect.apply(handle, this, args));
  };
}

/** This hook's part of the request's state; made, with the route capture, the first time an instrumented app sees the request. */
function expressState(state: ServerRequestState, req: IncomingMessage): ExpressRequestState {
  if (state.framework === undefined) {
    state.framework = { finalRouter: undefined } satisfies ExpressRequestState;
    captureRoute(req);
  }
  return state.framework as ExpressRequestState;
}

const kRoute = Symbol('spanweave.express.route');
type Route = { path?: unknown } | undefined;
type RoutedRequest = IncomingMessage & { route?: Route; [kRoute]?: Route; baseUrl?: string };

/**
 * Names the span after the route the router matched, with the path the app
 * or router is mounted at. The router assigns `req.route` when a route
 * matches, while `req.baseUrl` is the mount path of the router that holds
 * the route; the accessor reads both at that moment. Reading and writing
 * `req.route` behave as before.
 *
 * The accessor's functions are shared by every request (the value lives in
 * a symbol slot), so each request gets the same hidden class: a getter and
 * setter made per request gave every request a shape of its own.
 */
function captureRoute(req: IncomingMessage): void {
  const request = req as RoutedRequest;
  request[kRoute] = request.route;
  Object.defineProperty(request, 'route', ROUTE_ACCESSOR);
}

const ROUTE_ACCESSOR: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: RoutedRequest) {
    return this[kRoute];
  },
  set(this: RoutedRequest, value: Route) {
    this[kRoute] = value;
    safely(WHERE, () => {
      const template = joinRoute(this.baseUrl, value?.path);
      if (template !== undefined) nameServerRoute(this, template);
    });
  },
};

const kFinalErrorsWatched = Symbol('spanweave.express.finalErrors');

/**
 * Records the error, if any, with which the app's router hands the request
 * to Express's final handler (the one that renders the error page): the
 * router's `done` callback is wrapped for requests this app answers itself.
 * The router is reached at request time, as Express itself first reaches it,
 * so settings made before the first request still shape it.
 */
function watchFinalErrors(app: ExpressAppLike, own: ExpressRequestState): void {
  const router = appRouter(app) as ({ handle: Function; [kFinalErrorsWatched]?: true } | undefined);
  if (router === undefined || typeof router.handle !== 'function') return;
  own.finalRouter = router;
  if (router[kFinalErrorsWatched] !== undefined) return;
  Object.defineProperty(router, kFinalErrorsWatched, { value: true });
  const handle = router.handle;
  router.handle = function (this: unknown, request: IncomingMessage, res: ServerResponse, done: Function): unknown {
    if (typeof done !== 'function' || finalRouterOf(request) !== this) return Reflect.apply(handle, this, arguments);
    const reportingDone = function (this: unknown, error?: unknown): unknown {
      if (error !== undefined && error !== null) safely(WHERE, () => recordServerError(request, error));
      return Reflect.apply(done, this, arguments);
    };
    return Reflect.apply(handle, this, [request, res, reportingDone]);
  };
}

/**
 * The router the app's own `handle` hands requests to: Express 5's `router`,
 * or Express 4's `_router` (absent while the app has no routes; its
 * `router` property only throws a deprecation error).
 */
function appRouter(app: ExpressAppLike): { handle: Function } | undefined {
  return typeof app.lazyrouter === 'function' ? app._router : app.router;
}

function finalRouterOf(req: IncomingMessage): object | undefined {
  return (serverRequestState(req)?.framework as ExpressRequestState | undefined)?.finalRouter;
}
