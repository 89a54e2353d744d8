/**
 * The checks every build of fixtures/http-server/src/servers.ts must pass,
 * whatever instrumented it (the transformer, or the JavaScript instrumenter
 * after tsc or esbuild): one server span per request, named and tagged by
 * the server hooks, and the look-alike left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as http2 from 'node:http2';
import type { MemoryReporter } from 'spanweave/runtime';
import { servedFastifySpan, servedHttp2Span, servedSpan } from './http-server-harness';

/** What servers.ts exports. */
export interface FixtureServers {
  listenerServer(): http.Server;
  lateListenerServer(): http.Server;
  http2RequestServer(): http2.Http2Server;
  expressServer(): http.Server;
  fastifyInstance(): { listen(o: object): Promise<string>; close(): Promise<void>; server: http.Server };
  notAServer(): string;
}

/** Registers the checks; `servers` and `memory` are read when they run (after the suite's `before`). */
export function serverFixtureTests(servers: () => FixtureServers, memory: () => MemoryReporter): void {
  test('a listener given to createServer', async () => {
    const { body, span } = await servedSpan(memory(), servers().listenerServer(), '/a?x=1');
    assert.equal(body, 'listener');
    assert.equal(span.operationName, 'GET');
    assert.equal(span.tags['http.url'], '/a?x=1');
  });

  test("a listener added with server.on('request')", async () => {
    const { body, span } = await servedSpan(memory(), servers().lateListenerServer(), '/late');
    assert.equal(body, 'late');
    assert.equal(span.tags.component, 'http');
  });

  test("a listener added with on('request') on an HTTP/2 server", async () => {
    const { body, span } = await servedHttp2Span(memory(), servers().http2RequestServer(), '/h2?q=1');
    assert.equal(body, 'h2 /h2?q=1');
    assert.equal(span.operationName, 'GET');
    assert.equal(span.tags['http.url'], '/h2?q=1');
    assert.equal(span.tags['http.status_code'], 200);
  });

  test('express with a mounted sub-app and a router, served through node:http: one span', async () => {
    const { body, span } = await servedSpan(memory(), servers().expressServer(), '/api/users/5');
    assert.deepEqual(JSON.parse(body), { id: '5' });
    assert.equal(span.operationName, 'GET /api/users/:id');
    assert.equal(span.tags.component, 'express');
  });

  test('fastify', async () => {
    const { body, span } = await servedFastifySpan(memory(), servers().fastifyInstance(), '/items/9');
    assert.deepEqual(JSON.parse(body), { id: '9' });
    assert.equal(span.operationName, 'GET /items/:id');
    assert.equal(span.tags.component, 'fastify');
  });

  test('look-alikes are left alone', () => {
    assert.equal(servers().notAServer(), 'plain');
  });
}

/** What chosen.ts exports: a server created through a variable, as Hono's Node adapter creates it. */
export interface ChosenServers {
  chosenServer(options: { createServer?: unknown }): http.Server & http2.Http2Server;
}

/** The checks of chosen.ts, whatever instrumented it. */
export function chosenServerTests(chosen: () => ChosenServers, memory: () => MemoryReporter): void {
  test('node:http, the default: one server span', async () => {
    const { body, span } = await servedSpan(memory(), chosen().chosenServer({}), '/h1');
    assert.equal(body, 'chosen /h1');
    assert.equal(span.tags['http.url'], '/h1');
  });

  test("node:http2 chosen by the caller: one server span, with the caller's trace", async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const { body, span } = await servedHttp2Span(memory(), chosen().chosenServer({ createServer: http2.createServer }), '/h2', { traceparent });
    assert.equal(body, 'chosen /h2');
    assert.equal(span.tags['http.url'], '/h2');
    assert.equal(span.tags['http.status_code'], 200);
    assert.equal(span.traceId, '0af7651916cd43dd8448eb211c80319c');
  });
}
