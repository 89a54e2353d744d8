import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import axios, { type AxiosResponse } from 'axios';
import { httpClientCall } from 'spanweave/runtime';
import { startTestServer, type TestServer } from './support/http-client-server';
import { assertPropagated, finishedClientSpans, setUpTracing, traceparentIds, underParent } from './support/http-client-tracing';

// The axios hook called directly, as emitted code calls it (callee and
// receiver given apart), against a real server.
let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());
beforeEach(() => setUpTracing());

const call = (api: string, receiver: unknown, fn: Function, ...args: unknown[]) =>
  httpClientCall(api, receiver, fn, ...args) as Promise<AxiosResponse>;

test('axios.get: a client span when the promise settles, headers in a copy of the config', async () => {
  const config = { headers: { 'x-caller': '1' } };
  const { value: res, parent } = await underParent(() => call('axios.get', axios, axios.get, `${server.origin}/status/200?g`, config));
  assert.equal(res.data, 'status 200');
  assert.deepEqual(config, { headers: { 'x-caller': '1' } }, 'the caller config is not mutated');
  const [span] = await finishedClientSpans();
  assert.equal(span!.operationName, 'GET');
  assert.deepEqual(
    { ...span!.tags },
    {
      'span.kind': 'client',
      component: 'axios',
      'http.method': 'GET',
      'http.url': `${server.origin}/status/200?g`,
      'peer.hostname': '127.0.0.1',
      'peer.port': Number(new URL(server.origin).port),
      'http.status_code': 200,
    },
  );
  const received = server.headersAt('/status/200?g');
  assert.equal(received['x-caller'], '1');
  assertPropagated(span!, parent, received.traceparent);
});

test('axios(config), axios(url), .request and .post on the default instance', async () => {
  await call('axios', undefined, axios, { url: `${server.origin}/status/200?c1`, method: 'put' });
  await call('axios', undefined, axios, `${server.origin}/status/200?c2`);
  await call('axios.request', axios, axios.request, { url: `${server.origin}/status/200?c3` });
  await call('axios.post', axios, axios.post, `${server.origin}/status/200?c4`, { a: 1 });
  const spans = await finishedClientSpans(4);
  assert.deepEqual(spans.map((s) => s.tags['http.method']), ['PUT', 'GET', 'GET', 'POST']);
  for (const q of ['c1', 'c2', 'c3', 'c4']) traceparentIds(server.headersAt(`/status/200?${q}`).traceparent);
});

test('an axios.create() instance: baseURL joined, and a traceparent in its defaults wins', async () => {
  const mine = '00-11111111111111111111111111111111-2222222222222222-01';
  const api = axios.create({ baseURL: `${server.origin}/status`, headers: { traceparent: mine } });
  await call('axios.get', api, api.get, '/200?i');
  await call('axios.delete', api, api.delete, '/200?d', { headers: { 'x-d': '1' } });
  const [get, del] = await finishedClientSpans(2);
  assert.equal(get!.tags['http.url'], `${server.origin}/status/200?i`);
  assert.equal(del!.tags['http.method'], 'DELETE');
  assert.equal(server.headersAt('/status/200?i').traceparent, mine);
  assert.equal(server.headersAt('/status/200?d')['x-d'], '1');
});

test('a rejected 4xx is tagged, not an error; a 5xx is an error; the rejection is the same object', async () => {
  const rejections: unknown[] = [];
  const spyGet = (...args: Parameters<typeof axios.get>) => axios.get(...args).catch((e: unknown) => Promise.reject((rejections.push(e), e)));
  const statusOf = (status: number) => (e: unknown) => (e as { response: { status: number } }).response.status === status && e === rejections.at(-1);
  await assert.rejects(call('axios.get', axios, spyGet, `${server.origin}/status/404`), statusOf(404));
  await assert.rejects(call('axios.get', axios, spyGet, `${server.origin}/status/502`), statusOf(502));
  const [notFound, badGateway] = await finishedClientSpans(2);
  assert.equal(notFound!.tags['http.status_code'], 404);
  assert.equal(notFound!.tags.error, undefined);
  assert.equal(badGateway!.tags.error, true);
});

test('refused and timed out are errors; cancelled is aborted', async () => {
  await assert.rejects(call('axios.get', axios, axios.get, `${server.refusedOrigin}/`), { code: 'ECONNREFUSED' });
  await assert.rejects(call('axios.get', axios, axios.get, `${server.origin}/hang`, { timeout: 20 }), { code: 'ECONNABORTED' });
  const controller = new AbortController();
  const pending = call('axios.get', axios, axios.get, `${server.origin}/hang`, { signal: controller.signal });
  setImmediate(() => controller.abort());
  await assert.rejects(pending, { code: 'ERR_CANCELED' });
  const [refused, timedOut, cancelled] = await finishedClientSpans(3);
  assert.equal(refused!.tags.error, true);
  assert.equal(timedOut!.tags.error, true);
  assert.equal(cancelled!.tags['http.aborted'], true);
  assert.equal(cancelled!.tags.error, undefined);
});

test('a redirect followed by axios stays in one span', async () => {
  const res = await call('axios.get', axios, axios.get, `${server.origin}/redirect`);
  assert.equal(res.status, 200);
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['http.status_code'], 200);
  assert.equal(traceparentIds(server.headersAt('/status/200').traceparent).spanId, span!.spanId);
});
