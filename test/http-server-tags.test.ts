import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isServerFault,
  joinRoute,
  requestPath,
  serverRequestTags,
  serverSpanName,
  serverStatusTags,
} from '../runtime/hooks/http-server-tags';

const redact = new Set(['token']);

test('the span name is the method, then the method and the route template', () => {
  assert.equal(serverSpanName('get'), 'GET');
  assert.equal(serverSpanName('POST', '/users/:id'), 'POST /users/:id');
  assert.equal(serverSpanName(undefined), 'GET');
});

test('request tags: kind, component, method, path with the query redacted, peer', () => {
  assert.deepEqual(
    serverRequestTags(
      { method: 'get', url: '/a/b?token=s3cret&x=1', remoteAddress: '127.0.0.1', remotePort: 51000 },
      'express',
      redact,
    ),
    {
      'span.kind': 'server',
      component: 'express',
      'http.method': 'GET',
      'http.url': '/a/b?token=REDACTED&x=1',
      'peer.address': '127.0.0.1',
      'peer.port': 51000,
    },
  );
});

test('request tags leave out an unknown peer (a socket already destroyed)', () => {
  const tags = serverRequestTags({ method: 'PUT', url: '/', remoteAddress: undefined, remotePort: undefined }, 'http', redact);
  assert.equal('peer.address' in tags, false);
  assert.equal('peer.port' in tags, false);
});

test('a request target that is not a path keeps no credentials', () => {
  const tags = serverRequestTags({ method: 'GET', url: 'http://u:p@h/x?token=1', remoteAddress: undefined, remotePort: undefined }, 'http', redact);
  assert.equal(tags['http.url'], 'http://h/x?token=REDACTED');
});

test('status tags: an error from 500 up, not for 4xx', () => {
  assert.deepEqual(serverStatusTags(200), { 'http.status_code': 200 });
  assert.deepEqual(serverStatusTags(404), { 'http.status_code': 404 });
  assert.deepEqual(serverStatusTags(500), { 'http.status_code': 500, error: true });
  assert.deepEqual(serverStatusTags(503), { 'http.status_code': 503, error: true });
});

test('requestPath drops the query and the fragment', () => {
  assert.equal(requestPath('/health?x=1'), '/health');
  assert.equal(requestPath('/a#b'), '/a');
  assert.equal(requestPath('/plain'), '/plain');
  assert.equal(requestPath(undefined), '/');
});

test('joinRoute puts the mount path in front of the route path', () => {
  assert.equal(joinRoute('', '/users/:id'), '/users/:id');
  assert.equal(joinRoute(undefined, '/users/:id'), '/users/:id');
  assert.equal(joinRoute('/', '/users/:id'), '/users/:id');
  assert.equal(joinRoute('/api', '/users/:id'), '/api/users/:id');
  assert.equal(joinRoute('/api/', '/users'), '/api/users');
  assert.equal(joinRoute('/api', '/'), '/api');
  assert.equal(joinRoute('', '/'), '/');
  assert.equal(joinRoute('/api', /x/), undefined);
  assert.equal(joinRoute('/api', ['/a', '/b']), undefined);
});

test('isServerFault: errors without a status or with 5xx are faults, 4xx are not', () => {
  assert.equal(isServerFault(new Error('boom')), true);
  assert.equal(isServerFault(Object.assign(new Error('nf'), { status: 404 })), false);
  assert.equal(isServerFault(Object.assign(new Error('bad'), { statusCode: 400 })), false);
  assert.equal(isServerFault(Object.assign(new Error('down'), { statusCode: 503 })), true);
  assert.equal(isServerFault(Object.assign(new Error('odd'), { status: 302 })), true);
  assert.equal(isServerFault('a string'), true);
  assert.equal(isServerFault(undefined), true);
});
