/**
 * The checks every build of fixtures/http-server/src/servers.ts must pass,
 * whatever instrumented it (the transformer, or the JavaScript instrumenter
 * after tsc or esbuild): one server span per request, named and tagged by
 * the server hooks, and the look-alike left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as http from 'node:http';
import type { MemoryReporter } from 'spanweave/runtime';
import { servedFastifySpan, servedSpan } from './http-server-harness';

/** What servers.ts exports. */
export interface FixtureServers {
  listenerServer(): http.Server;
  lateListenerServer(): http.Server;
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
