/**
 * fixtures/http-server through the real transformer: servers written as users
 * write them get one server span per request; `http.server: false` leaves
 * them alone; a node:http listener that throws records the error (in a child
 * process, which survives the throw with an uncaughtException handler); a
 * server created through a variable typed `any`, as Hono creates its own,
 * whether node:http or node:http2; Express and Fastify loaded with `require`
 * (`require('express')()`, as routing-controllers does); servers that Koa
 * and `@hono/node-server` make in their own code.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FinishedSpan } from 'spanweave/runtime';
import * as http from 'node:http';
import { close, errorLog, onlyServerSpan, recordSpans, request, servedFastifySpan, servedSpan } from './support/http-server-harness';
import { chosenServerTests, type FixtureServers, serverFixtureTests } from './support/http-server-fixture';
import { buildFixture, type FixtureBuild } from './transformer/fixture-build';

const memory = recordSpans();
let traced: FixtureBuild;
let untouched: FixtureBuild;
let servers: FixtureServers;

before(() => {
  traced = buildFixture('http-server', 'traced', { functions: 'none' });
  untouched = buildFixture('http-server', 'off', { functions: 'none', http: { server: false } });
  servers = require(path.join(traced.outDir, 'servers.js'));
});

test('the emitted code routes servers, express() and fastify() through the runtime hooks', () => {
  const text = fs.readFileSync(path.join(traced.outDir, 'servers.js'), 'utf8');
  // Four servers made and two `'request'` registrations: the servers are wrapped, never the listeners.
  assert.equal(text.match(/\.instrumentServer\(/g)?.length, 6);
  assert.match(text, /[\w.]+\.instrumentServer\(server\)\.on\('request', /);
  assert.doesNotMatch(text, /instrumentRequestListener/);
  assert.equal(text.match(/\.instrumentExpressApp\(/g)?.length, 2);
  assert.equal(text.match(/\.instrumentFastify\(/g)?.length, 1);
  assert.match(text, /local\.createServer\(\(\) => 'plain'\)/);
  const off = fs.readFileSync(path.join(untouched.outDir, 'servers.js'), 'utf8');
  assert.doesNotMatch(off, /instrument(Server|RequestListener|ExpressApp|Fastify)/);
});

describe('listeners keep their identity: the server is instrumented, not its listeners', () => {
  const listeners = () => require(path.join(traced.outDir, 'listeners.js'));

  test('`once` then `off` takes the listener off, and `listeners()` shows it', () => {
    const server: http.Server = listeners().onceServer();
    assert.equal(server.listeners('request')[0], listeners().onceListener);
    server.off('request', listeners().onceListener);
    assert.equal(server.listenerCount('request'), 0);
  });

  test('a listener added through an optional chain is wrapped instead of its receiver, and its request gets one span', async () => {
    const text = fs.readFileSync(path.join(traced.outDir, 'listeners.js'), 'utf8');
    assert.match(text, /server\?\.on\('request', [\w.]+\.instrumentRequestListener\(/);
    const { body, span } = await servedSpan(memory, listeners().optionalChainServer(), '/optional');
    assert.equal(body, 'optional');
    assert.equal(span.tags['http.url'], '/optional');
  });

  test('a server made inside an optional chain that goes on: the chain still skips when a link is missing, and the listener gets the span', async () => {
    const text = fs.readFileSync(path.join(traced.outDir, 'listeners.js'), 'utf8');
    assert.match(text, /return module\?\.createServer\(\)\.on\('request', [\w.]+\.instrumentRequestListener\(/);
    assert.equal(listeners().chainedServer(undefined), undefined);
    const { body, span } = await servedSpan(memory, listeners().chainedServer(http), '/chained');
    assert.equal(body, 'chained');
    assert.equal(span.tags['http.url'], '/chained');
  });

  test("listeners moved by code that is not compiled with spanweave keep the server span (engine.io's attach)", async () => {
    const server: http.Server = listeners().movableServer();
    // What engine.io's attach() does; this test file is not instrumented.
    const moved = server.listeners('request') as http.RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
      for (const listener of moved) listener.call(server, req, res);
    });
    const { body, span } = await servedSpan(memory, server, '/moved');
    assert.equal(body, 'moved');
    assert.equal(span.tags['http.url'], '/moved');
  });
});

serverFixtureTests(() => servers, () => memory);

test('a node:http listener that throws: the span records the error', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-server-')), 'spans.jsonl');
  const child = spawnSync(process.execPath, [path.join(traced.outDir, 'throwing.js')], {
    encoding: 'utf8',
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'jsonl', SPANWEAVE_JSONL_FILE: file, OTEL_SERVICE_NAME: 'throwing' },
    timeout: 60_000,
  });
  assert.equal(child.stdout.trim(), 'status 500', child.stderr);
  const spans = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as FinishedSpan)
    .filter((span) => span.tags['span.kind'] === 'server');
  assert.equal(spans.length, 1);
  assert.equal(spans[0]!.tags.error, true);
  assert.equal(spans[0]!.tags['http.status_code'], 500);
  assert.equal(spans[0]!.logs.find((log) => log.fields.event === 'error')?.fields.message, 'listener failure');
});

describe('a server created through a variable (Hono\'s `const createServer: any = options.createServer || createServerHTTP`)', () => {
  test('the server it makes is routed through the runtime hook', () => {
    const text = fs.readFileSync(path.join(traced.outDir, 'chosen.js'), 'utf8');
    assert.match(text, /[\w.]+\.instrumentServer\(createServer\(\{\}, listener\)\)/);
  });

  chosenServerTests(() => require(path.join(traced.outDir, 'chosen.js')), () => memory);
});

describe("Express and Fastify loaded with require (routing-controllers' `require('express')()`)", () => {
  const required = () => require(path.join(traced.outDir, 'required.js'));

  test('the app and the instance are routed through the runtime hooks; a parameter called require is left alone', () => {
    const text = fs.readFileSync(path.join(traced.outDir, 'required.js'), 'utf8');
    assert.match(text, /\.instrumentExpressApp\(require\('express'\)\(\)\)/);
    assert.match(text, /\.instrumentFastify\(fastify\(\)\)/);
    assert.match(text, /return require\('express'\)\(\);/);
    assert.equal(required().ownLoader(() => () => 'own'), 'own');
  });

  test("require('express')(): the Express hook names the span by route", async () => {
    const { body, span } = await servedSpan(memory, http.createServer(required().requiredExpressApp()), '/users/5');
    assert.deepEqual(JSON.parse(body), { id: '5' });
    assert.equal(span.operationName, 'GET /users/:id');
    assert.equal(span.tags.component, 'express');
  });

  test("a const holding require('fastify'), called: the Fastify hook names the span by route", async () => {
    const { body, span } = await servedFastifySpan(memory, required().requiredFastifyInstance(), '/items/9');
    assert.deepEqual(JSON.parse(body), { id: '9' });
    assert.equal(span.operationName, 'GET /items/:id');
    assert.equal(span.tags.component, 'fastify');
  });
});

describe("servers a framework makes in its own code: Koa's app.listen(), @hono/node-server's serve()", () => {
  const libraryServers = () => require(path.join(traced.outDir, 'library-servers.js'));
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

  test('the call that returns the server is routed through instrumentServer', () => {
    const text = fs.readFileSync(path.join(traced.outDir, 'library-servers.js'), 'utf8');
    assert.match(text, /[\w.]+\.instrumentServer\(app\.listen\(0, '127\.0\.0\.1', /);
    assert.match(text, /const app = [\w.]+\.instrumentKoaApp\(new koa_1\.default\(\)\);/);
    assert.match(text, /[\w.]+\.instrumentServer\(\(0, [\w.]+\.serve\)\(\{ fetch: app\.fetch/);
    const off = fs.readFileSync(path.join(untouched.outDir, 'library-servers.js'), 'utf8');
    assert.doesNotMatch(off, /instrumentServer/);
  });

  async function served(name: 'koaServer' | 'honoServer', urlPath: string): Promise<{ status: number; body: string; span: FinishedSpan }> {
    memory.clear();
    const { server, url } = await libraryServers()[name]();
    try {
      const seen = await request(url + urlPath, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
      return { status: seen.status, body: seen.body, span: await onlyServerSpan(memory) };
    } finally {
      await close(server);
    }
  }

  for (const [name, urlPath, body, spanName, component] of [
    ['koaServer', '/api/users/7', 'user 7', 'GET /api/users/:id', 'koa'],
    ['koaServer', '/hello', 'koa /hello', 'GET', 'koa'],
    ['honoServer', '/items/3', 'hono 3', 'GET', 'http'],
  ] as const) {
    test(`${name} ${urlPath}: one server span, continuing the caller's trace, named ${spanName}`, async () => {
      const { status, body: seen, span } = await served(name, urlPath);
      assert.equal(status, 200);
      assert.equal(seen, body);
      assert.equal(span.operationName, spanName);
      assert.equal(span.tags['http.route'], spanName === 'GET' ? undefined : spanName.slice('GET '.length));
      assert.equal(span.tags.component, component);
      assert.equal(span.traceId, traceId);
      assert.equal(span.tags['span.kind'], 'server');
      assert.equal(span.tags['http.url'], urlPath);
      assert.equal(span.tags['http.status_code'], 200);
    });
  }

  test("Koa: an error a handler throws is the server's fault, ctx.throw(404) is the client's", async () => {
    const broken = await served('koaServer', '/api/broken');
    assert.equal(broken.status, 500);
    assert.equal(broken.span.operationName, 'GET /api/broken');
    assert.equal(broken.span.tags.error, true);
    assert.equal(errorLog(broken.span)?.message, 'koa handler failed');
    const missing = await served('koaServer', '/api/missing');
    assert.equal(missing.status, 404);
    assert.equal(missing.span.operationName, 'GET /api/missing');
    assert.equal(missing.span.tags.error, undefined);
    assert.equal(missing.span.tags['http.status_code'], 404);
  });
});
