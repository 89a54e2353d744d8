import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axiosDefaultsSet,
  fetchHeadersWith,
  flatListWithHeaders,
  missingEntries,
  recordWithHeaders,
} from '../runtime/hooks/http-client-headers';
import {
  axiosCallShape,
  axiosTarget,
  failureKind,
  fetchTarget,
  nodeRequestTarget,
  targetOf,
  undiciTarget,
  underlyingError,
  type ClientTarget,
} from '../runtime/hooks/http-client-target';

const injected = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'a=1' };

test('missingEntries keeps only what the caller has not set, by lowercase name', () => {
  assert.deepEqual(missingEntries(injected, (n) => n === 'traceparent'), [['tracestate', 'a=1']]);
});

test('recordWithHeaders copies, adds what is missing, and lets the caller win whatever the case', () => {
  const caller = { 'X-Id': '7', TraceParent: 'mine' };
  const copy = recordWithHeaders(caller, injected);
  assert.deepEqual(copy, { 'X-Id': '7', TraceParent: 'mine', tracestate: 'a=1' });
  assert.deepEqual(caller, { 'X-Id': '7', TraceParent: 'mine' }, 'the caller object is untouched');
  assert.notEqual(copy, caller);
  assert.deepEqual(recordWithHeaders(undefined, injected), injected);
});

test('flatListWithHeaders appends to a copy of a raw header list', () => {
  const caller = ['Accept', 'text/plain', 'tracestate', 'mine'];
  assert.deepEqual(flatListWithHeaders(caller, injected), ['Accept', 'text/plain', 'tracestate', 'mine', 'traceparent', injected.traceparent]);
  assert.equal(caller.length, 4);
});

test('fetchHeadersWith accepts every HeadersInit shape and gives pairs', () => {
  const expected = [['accept', 'x'], ['traceparent', injected.traceparent], ['tracestate', 'a=1']];
  assert.deepEqual(fetchHeadersWith({ Accept: 'x' }, injected), expected);
  assert.deepEqual(fetchHeadersWith([['Accept', 'x']], injected), expected);
  const headers = new Headers({ Accept: 'x' });
  assert.deepEqual(fetchHeadersWith(headers, injected), expected);
  assert.deepEqual([...headers], [['accept', 'x']], 'the caller Headers is untouched');
  assert.deepEqual(fetchHeadersWith(new Map([['Accept', 'x']]), injected), expected);
  assert.deepEqual(fetchHeadersWith(undefined, injected), expected.slice(1));
  assert.deepEqual(fetchHeadersWith({ traceparent: 'mine' }, injected), [['traceparent', 'mine'], ['tracestate', 'a=1']]);
  assert.throws(() => fetchHeadersWith([['bad header', 'x']], injected), TypeError);
});

test('axiosDefaultsSet finds headers in common, per-method and top-level defaults', () => {
  const defaults = { common: { Accept: 'x' }, get: { 'X-Get': '1' }, post: {}, traceparent: 'mine' };
  assert.equal(axiosDefaultsSet(defaults, 'GET', 'accept'), true);
  assert.equal(axiosDefaultsSet(defaults, 'get', 'x-get'), true);
  assert.equal(axiosDefaultsSet(defaults, 'post', 'x-get'), false);
  assert.equal(axiosDefaultsSet(defaults, 'post', 'traceparent'), true);
  assert.equal(axiosDefaultsSet(undefined, 'get', 'accept'), false);
});

/** A target without the parsed URL it carries for the span: what the assertions compare. */
function described(target: ClientTarget | undefined): Omit<ClientTarget, 'parsedUrl'> | undefined {
  if (target === undefined) return undefined;
  const { parsedUrl: _parsed, ...rest } = target;
  return rest;
}

test('targetOf uppercases the method and reads the peer, default ports included', () => {
  assert.deepEqual(described(targetOf('post', 'https://api.example/x')), { method: 'POST', url: 'https://api.example/x', hostname: 'api.example', port: 443 });
  assert.deepEqual(described(targetOf(undefined, 'http://[::1]:8080/')), { method: 'GET', url: 'http://[::1]:8080/', hostname: '::1', port: 8080 });
  assert.deepEqual(described(targetOf('GET', '/relative')), { method: 'GET', url: '/relative' });
});

test('fetchTarget reads strings, URLs and Requests; init.method wins', () => {
  assert.equal(fetchTarget('http://h/a', undefined)?.method, 'GET');
  assert.equal(fetchTarget(new URL('http://h/a'), { method: 'put' })?.method, 'PUT');
  const request = new Request('http://h/b', { method: 'DELETE' });
  assert.deepEqual(described(fetchTarget(request, undefined)), { method: 'DELETE', url: 'http://h/b', hostname: 'h', port: 80 });
  assert.equal(fetchTarget(request, { method: 'PATCH' })?.method, 'PATCH');
  assert.equal(fetchTarget(42, undefined), undefined);
});

test('nodeRequestTarget follows Node: options, URL, URL then options', () => {
  assert.deepEqual(described(nodeRequestTarget([{ host: '127.0.0.1', port: 8080, path: '/a?b=1', method: 'post' }], 'http')), {
    method: 'POST',
    url: 'http://127.0.0.1:8080/a?b=1',
    hostname: '127.0.0.1',
    port: 8080,
  });
  assert.equal(nodeRequestTarget([{ hostname: 'h' }], 'https')?.url, 'https://h/');
  assert.equal(nodeRequestTarget(['http://u:p@h:81/x?y'], 'http')?.url, 'http://h:81/x?y');
  assert.equal(nodeRequestTarget([new URL('http://h/x'), { path: '/z', method: 'HEAD' }, () => 1], 'http')?.url, 'http://h/z');
  assert.equal(nodeRequestTarget([{ host: '::1', port: 443 }], 'https')?.url, 'https://[::1]/');
  assert.equal(nodeRequestTarget(['not a url'], 'http'), undefined);
});

test('axiosCallShape and axiosTarget find the config and join baseURL as axios does', () => {
  assert.deepEqual(axiosCallShape(undefined, [{ url: '/a' }]), { configIndex: 0 });
  assert.deepEqual(axiosCallShape('request', ['/a']), { configIndex: 1, url: '/a' });
  assert.deepEqual(axiosCallShape('get', ['/a']), { configIndex: 1, url: '/a', method: 'get' });
  assert.deepEqual(axiosCallShape('postForm', ['/a', {}]), { configIndex: 2, url: '/a', method: 'post' });
  const shape = axiosCallShape('get', ['/a']);
  assert.equal(axiosTarget(shape, undefined, { baseURL: 'http://h/api/' })?.url, 'http://h/api/a');
  assert.equal(axiosTarget(shape, { baseURL: 'http://other' }, { baseURL: 'http://h' })?.url, 'http://other/a');
  assert.equal(axiosTarget(axiosCallShape(undefined, [{ url: 'http://x/y', method: 'put' }]), { url: 'http://x/y', method: 'put' }, { baseURL: 'http://h' })?.method, 'PUT');
  assert.equal(axiosTarget(axiosCallShape(undefined, [{}]), {}, {}), undefined);
});

test('undiciTarget reads strings, URLs and { origin, path }', () => {
  assert.equal(undiciTarget('http://h:1/x', { method: 'post' })?.method, 'POST');
  assert.equal(undiciTarget({ origin: 'http://h:1', path: '/p?q' }, undefined)?.url, 'http://h:1/p?q');
  assert.equal(undiciTarget(new URL('http://h/z'), undefined)?.url, 'http://h/z');
});

test('failureKind tells a cancelled request from a failed one', () => {
  assert.equal(failureKind(new DOMException('x', 'AbortError')), 'aborted');
  assert.equal(failureKind(new DOMException('x', 'TimeoutError')), 'error');
  assert.equal(failureKind(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })), 'aborted');
  assert.equal(failureKind(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })), 'error');
  const controller = new AbortController();
  const reason = new Error('my reason');
  controller.abort(reason);
  assert.equal(failureKind(reason, controller.signal), 'aborted');
  assert.equal(failureKind('oops'), 'error');
});

test('underlyingError gives the cause of fetch failed', () => {
  const cause = new Error('connect ECONNREFUSED');
  assert.equal(underlyingError(new TypeError('fetch failed', { cause })), cause);
  const plain = new Error('x');
  assert.equal(underlyingError(plain), plain);
});
