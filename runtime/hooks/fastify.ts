/**
 * Fastify instances: the instance `fastify()` returned gets its server's
 * request listener wrapped (so the whole request, body parsing included, runs
 * under the server span) and two hooks: `onRequest` names the span after the
 * matched route, `onError` records errors that reach Fastify's error handling.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { safely } from '../safe';
import { tracing } from '../tracing';
import { beginServerRequest, instrumentServerListeners, nameServerRoute, recordServerError, runInServerSpan } from './http-server';

const WHERE = 'hooks.fastify';
const kInstrumented = Symbol('spanweave.fastify');

interface FastifyRequestLike {
  raw: IncomingMessage;
  routeOptions?: { url?: unknown };
}
interface FastifyReplyLike {
  raw: ServerResponse;
}
type Done = (error?: unknown) => void;
interface FastifyLike {
  server?: EventEmitter;
  addHook(name: string, hook: Function): unknown;
  [kInstrumented]?: true;
}

/**
 * Instruments the instance `fastify()` returned, and returns it. Anything
 * that is not a Fastify instance, or one already instrumented, is returned
 * untouched.
 */
export function instrumentFastify<T>(instance: T): T {
  safely(WHERE, () => {
    if (isFastify(instance) && instance[kInstrumented] === undefined) patchInstance(instance);
  });
  return instance;
}

function isFastify(value: unknown): value is FastifyLike {
  return typeof value === 'object' && value !== null && typeof (value as { addHook?: unknown }).addHook === 'function';
}

function patchInstance(instance: FastifyLike): void {
  Object.defineProperty(instance, kInstrumented, { value: true });
  if (instance.server !== undefined && typeof instance.server.rawListeners === 'function') {
    instrumentServerListeners(instance.server, 'fastify');
  }
  instance.addHook('onRequest', onRequest);
  instance.addHook('onError', onError);
}

/*
 * Usually the span is already there, started by the wrapped server listener.
 * A request that arrived another way (the extra servers Fastify opens when it
 * listens on `localhost`) starts its span here; the rest of Fastify's work for
 * it continues from `done`, so it runs with that span active.
 */
function onRequest(request: FastifyRequestLike, reply: FastifyReplyLike, done: Done): void {
  if (!tracing.on) return done();
  const state = safely(WHERE, () => {
    const started = beginServerRequest(request.raw, reply.raw, 'fastify');
    const url = request.routeOptions?.url;
    if (typeof url === 'string') nameServerRoute(request.raw, url);
    return started;
  });
  runInServerSpan(state, done);
}

function onError(request: FastifyRequestLike, _reply: FastifyReplyLike, error: unknown, done: Done): void {
  if (tracing.on) safely(WHERE, () => recordServerError(request.raw, error));
  done();
}
