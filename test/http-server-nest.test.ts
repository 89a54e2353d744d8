/**
 * NestJS through the real transformer: Nest makes its server and its Express
 * app or Fastify instance inside its platform adapters, which spanweave does
 * not compile. The application is handed to `instrumentNestApplication`
 * where it starts (`listen`, `init`), and each request gets one server span
 * named by its route, with the controller's and service's spans under it.
 * The same application compiled by plain tsc and then instrumented by the
 * JavaScript instrumenter (which knows it as `await NestFactory.create()`)
 * gives the same spans.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { FinishedSpan } from 'spanweave/runtime';
import { instrumentFiles } from '../transformer/js/files';
import { close, listen, onlyServerSpan, recordSpans, request } from './support/http-server-harness';
import { buildFixture, type FixtureBuild } from './transformer/fixture-build';
import { repoRoot } from './transformer/harness';

interface Started {
  url: string;
  close(): Promise<void>;
}
type Apps = Record<'expressApp' | 'fastifyApp' | 'initializedApp', () => Promise<Started>>;

const memory = recordSpans();
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const callerSpanId = '00f067aa0ba902b7';
const fixtureDir = path.join(repoRoot, 'fixtures', 'http-server-nest');
/** The output folder of each build: the transformer's, and plain tsc's instrumented by the JavaScript instrumenter. */
const builds = new Map<string, string>();
let untouched: FixtureBuild;

before(() => {
  builds.set('transformer', buildFixture('http-server-nest', 'traced', { functions: 'exported' }).outDir);
  untouched = buildFixture('http-server-nest', 'off', { functions: 'exported', http: { server: false } });
  const instrumented = path.join(fixtureDir, 'out', 'js');
  fs.rmSync(instrumented, { recursive: true, force: true });
  const result = instrumentFiles({ inputs: [buildFixture('http-server-nest', 'plain').outDir], outDir: instrumented, projectDir: fixtureDir, functions: 'exported' });
  assert.deepEqual(result.failed, []);
  builds.set('JS instrumenter', instrumented);
});

test("HttpService calls hand the service to the runtime; its axios instance's own calls are traced at the call", () => {
  const text = fs.readFileSync(path.join(builds.get('transformer')!, 'apps.js'), 'utf8');
  assert.match(text, /[\w.]+\.instrumentNestHttpService\(this\.http\)\.get\(`\$\{exports\.owners\.url\}\/owners\/\$\{id\}`\)/);
  assert.match(text, /[\w.]+\.httpClientCall\("axios\.get", /);
});

test('the application is handed to the runtime where it starts, and nowhere else', () => {
  for (const [build, outDir] of builds) {
    const text = fs.readFileSync(path.join(outDir, 'apps.js'), 'utf8');
    assert.equal(text.match(/\.instrumentNestApplication\(app\)\.listen\(0, '127\.0\.0\.1'\)/g)?.length, 2, build);
    assert.equal(text.match(/\.instrumentNestApplication\(app\)\.init\(\)/g)?.length, 1, build);
    assert.equal(text.match(/instrumentNestApplication\(/g)?.length, 3, build);
    // The server the e2e-style app serves itself was made by Nest: `server.listen` is node's own method.
    assert.doesNotMatch(text, /instrumentServer/, build);
  }
  assert.doesNotMatch(fs.readFileSync(path.join(untouched.outDir, 'apps.js'), 'utf8'), /instrumentNestApplication/);
});

async function served(build: string, start: keyof Apps, urlPath: string): Promise<{ status: number; body: string; server: FinishedSpan; spans: FinishedSpan[] }> {
  memory.clear();
  const apps: Apps = require(path.join(builds.get(build)!, 'apps.js'));
  const app = await apps[start]();
  try {
    const seen = await request(app.url + urlPath, { headers: { traceparent: `00-${traceId}-${callerSpanId}-01` } });
    const server = await onlyServerSpan(memory);
    return { status: seen.status, body: seen.body, server, spans: memory.spans() };
  } finally {
    await app.close();
  }
}

for (const build of ['transformer', 'JS instrumenter']) {
  for (const [start, component] of [
    ['expressApp', 'express'],
    ['fastifyApp', 'fastify'],
    ['initializedApp', 'express'],
  ] as const) {
    test(`${build}, ${start}: one server span named by the route, continuing the caller's trace, with the handler's spans under it`, async () => {
      const { status, body, server, spans } = await served(build, start, '/cats/7');
      assert.equal(status, 200);
      assert.deepEqual(JSON.parse(body), { id: '7' });
      assert.equal(server.operationName, 'GET /cats/:id');
      assert.equal(server.tags.component, component);
      assert.equal(server.tags['http.route'], '/cats/:id');
      assert.equal(server.tags['http.status_code'], 200);
      assert.equal(server.traceId, traceId);
      assert.equal(server.parentId, callerSpanId);
      const controller = spans.find((span) => span.operationName === 'CatsController.get');
      const service = spans.find((span) => span.operationName === 'CatsService.find');
      assert.equal(controller?.parentId, server.spanId);
      assert.equal(service?.parentId, controller?.spanId);
    });
  }
}

test('an error thrown in a handler: Nest answers 500, and the server span is an error', async () => {
  const { status, server, spans } = await served('transformer', 'expressApp', '/cats/broken');
  assert.equal(status, 500);
  assert.equal(server.operationName, 'GET /cats/:id');
  assert.equal(server.tags['http.status_code'], 500);
  assert.equal(server.tags.error, true);
  assert.equal(spans.find((span) => span.operationName === 'CatsService.find')?.tags.error, true);
});

describe("outgoing calls through Nest's HttpService", () => {
  let ownersServer: http.Server;
  const seenHeaders: http.IncomingHttpHeaders[] = [];

  before(async () => {
    // The owners service: a plain server of this test file (not instrumented), recording the headers it gets.
    ownersServer = http.createServer((req, res) => {
      seenHeaders.push(req.headers);
      res.setHeader('content-type', 'application/json');
      if (req.url === '/owners/gone') res.statusCode = 503;
      res.end(JSON.stringify({ owner: 'ada', path: req.url }));
    });
    const { owners } = require(path.join(builds.get('transformer')!, 'apps.js'));
    owners.url = await listen(ownersServer);
  });

  after(() => close(ownersServer));

  async function ownerCall(urlPath: string): Promise<{ status: number; server: FinishedSpan; clients: FinishedSpan[]; spans: FinishedSpan[]; headers: http.IncomingHttpHeaders }> {
    seenHeaders.length = 0;
    const { status, server, spans } = await served('transformer', 'expressApp', urlPath);
    // The client span finishes before the controller answers, so it is recorded with the server span.
    const clients = spans.filter((span) => span.tags['span.kind'] === 'client');
    return { status, server, clients, spans, headers: seenHeaders[0]! };
  }

  test('a get through HttpService is one client span under the handler, and the owners service gets its context', async () => {
    const { status, server, clients, spans, headers } = await ownerCall('/cats/7/owner');
    assert.equal(status, 200);
    assert.equal(clients.length, 1);
    const [client] = clients;
    assert.equal(client!.parentId, spans.find((span) => span.operationName === 'OwnersClient.ownerOf')?.spanId);
    assert.equal(client!.operationName, 'GET');
    assert.equal(client!.tags.component, 'axios');
    assert.match(String(client!.tags['http.url']), /^http:\/\/127\.0\.0\.1:\d+\/owners\/7$/);
    assert.equal(client!.tags['http.status_code'], 200);
    assert.equal(client!.traceId, server.traceId);
    assert.equal(headers.traceparent, `00-${traceId}-${client!.spanId}-01`);
  });

  test('a 503 from the owners service: the client span is an error, and the handler fails as without spanweave', async () => {
    const { status, clients } = await ownerCall('/cats/gone/owner');
    assert.equal(status, 500);
    assert.equal(clients.length, 1);
    assert.equal(clients[0]!.tags['http.status_code'], 503);
    assert.equal(clients[0]!.tags.error, true);
  });

  test('the service\'s axios instance called directly, after the service was instrumented: one client span, not two', async () => {
    await ownerCall('/cats/7/owner');
    const { status, clients, headers } = await ownerCall('/cats/7/owner-directly');
    assert.equal(status, 200);
    assert.equal(clients.length, 1);
    assert.equal(headers.traceparent, `00-${traceId}-${clients[0]!.spanId}-01`);
  });
});
