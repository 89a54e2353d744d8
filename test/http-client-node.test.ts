import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { httpClientCall } from 'spanweave/runtime';
import { startTestServer, type TestServer } from './support/http-client-server';
import { assertPropagated, finishedClientSpans, setUpTracing, underParent } from './support/http-client-tracing';

// The node:http hook called directly, as emitted code calls it, against a
// real server. `made` records the ClientRequest Node returned, so the tests
// can check the caller gets that very object.
let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());
beforeEach(() => setUpTracing());

const made: http.ClientRequest[] = [];
function recordingGet(this: unknown, ...args: unknown[]): http.ClientRequest {
  const req = Reflect.apply(http.get, this, args) as http.ClientRequest;
  made.push(req);
  return req;
}

/** Collects a response body; resolves at its end. */
function body(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}

function response(req: http.ClientRequest): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
}

test('http.get(url, callback): a client span at the response end, the same ClientRequest, headers injected', async () => {
  const { value: text, parent } = await underParent(
    () =>
      new Promise<string>((resolve) => {
        const req = httpClientCall('http.get', http, recordingGet, `${server.origin}/status/200?a=1`, (res: http.IncomingMessage) => resolve(body(res)));
        assert.equal(req, made.at(-1));
        assert.ok(!Object.keys(req as object).includes('emit'), 'the observed emit is not enumerable');
      }),
  );
  assert.equal(text, 'status 200');
  const [span] = await finishedClientSpans();
  assert.equal(span!.operationName, 'GET');
  assert.deepEqual(
    { ...span!.tags },
    {
      'span.kind': 'client',
      component: 'http',
      'http.method': 'GET',
      'http.url': `${server.origin}/status/200?a=1`,
      'peer.hostname': '127.0.0.1',
      'peer.port': Number(new URL(server.origin).port),
      'http.status_code': 200,
    },
  );
  assertPropagated(span!, parent, server.headersAt('/status/200?a=1').traceparent);
});

test('http.request(options) and (url, options): copies of the options get the headers', async () => {
  const { hostname, port } = new URL(server.origin);
  const options = { hostname, port, path: '/status/200?o', method: 'POST', headers: { 'x-caller': '1' } };
  const req1 = httpClientCall('http.request', http, http.request, options) as http.ClientRequest;
  req1.end('payload');
  await body(await response(req1));
  assert.deepEqual(options.headers, { 'x-caller': '1' }, 'the caller options are not mutated');
  // A raw header list is sent as given: Node adds no Host header to it.
  const urlOptions = { headers: ['x-raw', 'list', 'host', new URL(server.origin).host] };
  const req2 = httpClientCall('http.request', http, http.request, new URL(`${server.origin}/status/200?u`), urlOptions) as http.ClientRequest;
  req2.end();
  await body(await response(req2));
  assert.equal(urlOptions.headers.length, 4);
  const [post, get] = await finishedClientSpans(2);
  assert.equal(post!.tags['http.method'], 'POST');
  assert.equal(server.headersAt('/status/200?o')['x-caller'], '1');
  assert.equal(server.headersAt('/status/200?u')['x-raw'], 'list');
  assert.equal(typeof server.headersAt('/status/200?u').traceparent, 'string');
  assert.equal(get!.tags['http.url'], `${server.origin}/status/200?u`);
});

test('a method set on the request after it was made, as Node sends it, names the span', async () => {
  const status = await underParent(
    () =>
      new Promise<number | undefined>((resolve, reject) => {
        // A connection of its own: a keep-alive socket that carried a request body would be reused by the next test.
        const req = httpClientCall('http.request', http, http.request, `${server.origin}/status/201`, { agent: false }, (res: http.IncomingMessage) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        }) as http.ClientRequest;
        req.on('error', reject);
        req.method = 'POST';
        req.end('{}');
      }),
  );
  assert.equal(status.value, 201);
  const [span] = await finishedClientSpans();
  assert.equal(span!.operationName, 'POST');
  assert.equal(span!.tags['http.method'], 'POST');
  assert.equal(server.received.at(-1)?.method, 'POST');
});

test("the caller's own traceparent wins", async () => {
  const mine = '00-11111111111111111111111111111111-2222222222222222-01';
  const req = httpClientCall('http.get', http, http.get, `${server.origin}/status/200?mine`, { headers: { Traceparent: mine } }) as http.ClientRequest;
  await body(await response(req));
  assert.equal(server.headersAt('/status/200?mine').traceparent, mine);
});

test('4xx is not an error, 5xx is; a response nobody listens to is dumped and still ends the span', async () => {
  await body(await response(httpClientCall('http.get', http, http.get, `${server.origin}/status/404`) as http.ClientRequest));
  httpClientCall('http.get', http, http.get, `${server.origin}/status/500`);
  const spans = await finishedClientSpans(2);
  const byStatus = new Map(spans.map((s) => [s.tags['http.status_code'], s]));
  assert.equal(byStatus.get(404)!.tags.error, undefined);
  assert.equal(byStatus.get(500)!.tags.error, true);
});

test('a refused connection and a reset are errors, logged', async () => {
  await assert.rejects(response(httpClientCall('http.get', http, http.get, `${server.refusedOrigin}/`) as http.ClientRequest), { code: 'ECONNREFUSED' });
  await assert.rejects(response(httpClientCall('http.get', http, http.get, `${server.origin}/reset`) as http.ClientRequest), { code: 'ECONNRESET' });
  const spans = await finishedClientSpans(2);
  for (const span of spans) {
    assert.equal(span.tags.error, true);
    assert.ok(span.logs.some((l) => l.fields.event === 'error'));
  }
});

test('a response cut off mid-body and a destroyed request are tagged aborted', async () => {
  const res = await response(httpClientCall('http.get', http, http.get, `${server.origin}/reset-mid-body`) as http.ClientRequest);
  res.resume();
  const req = httpClientCall('http.get', http, http.get, `${server.origin}/hang`) as http.ClientRequest;
  req.on('error', () => undefined);
  setImmediate(() => req.destroy());
  const spans = await finishedClientSpans(2);
  for (const span of spans) assert.equal(span.tags['http.aborted'], true);
});

test('a socket timeout that closes the request is an error', async () => {
  const req = httpClientCall('http.get', http, http.get, `${server.origin}/hang`, { timeout: 20 }) as http.ClientRequest;
  req.on('timeout', () => req.destroy());
  req.on('error', () => undefined);
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags.error, true);
  assert.equal(span!.logs[0]!.fields['error.kind'], 'TimeoutError');
});

test('https.request names the https URL and default port', async () => {
  const req = httpClientCall('https.request', https, https.request, { host: '127.0.0.1', port: new URL(server.refusedOrigin).port, path: '/x' }) as http.ClientRequest;
  req.on('error', () => undefined);
  req.end();
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['http.url'], `https://127.0.0.1:${new URL(server.refusedOrigin).port}/x`);
  assert.equal(span!.tags.error, true);
});

test("an 'error' nobody handles still crashes the program, as it does without the hook", () => {
  const runtime = path.resolve(__dirname, '..', 'runtime', 'index.js');
  const script = (traced: boolean) => `
    const http = require('node:http');
    const { httpClientCall, init } = require(${JSON.stringify(runtime)});
    init({ serviceName: 'crash' });
    const url = ${JSON.stringify(`${server.refusedOrigin}/`)};
    ${traced ? "httpClientCall('http.get', http, http.get, url);" : 'http.get(url);'}
  `;
  const plain = spawnSync(process.execPath, ['-e', script(false)], { encoding: 'utf8' });
  const traced = spawnSync(process.execPath, ['-e', script(true)], { encoding: 'utf8' });
  assert.notEqual(plain.status, 0);
  assert.equal(traced.status, plain.status);
  assert.match(traced.stderr, /ECONNREFUSED/);
});
