/**
 * End to end: the demo (fixtures/demo, run by bin/demo.ts) built with the real
 * tspc, its two services run as real processes, its traces checked as data.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { FinishedSpan } from 'spanweave/runtime';
import { DEMO_REQUESTS, printTraces, runDemo, type DemoRun } from '../bin/demo';

let run: DemoRun;

before(async () => {
  run = await runDemo();
});

/** The trace whose root is the front service's span for request `index` of DEMO_REQUESTS. */
function traceOf(index: number): { root: FinishedSpan; spans: FinishedSpan[] } {
  const roots = run.spans.filter((span) => span.parentId === undefined).sort((a, b) => a.startTime - b.startTime);
  assert.equal(roots.length, DEMO_REQUESTS.length, 'one trace per request');
  const root = roots[index]!;
  return { root, spans: run.spans.filter((span) => span.traceId === root.traceId) };
}

function childrenOf(spans: FinishedSpan[], parent: FinishedSpan): FinishedSpan[] {
  return spans.filter((span) => span.parentId === parent.spanId);
}

function only(spans: FinishedSpan[], predicate: (span: FinishedSpan) => boolean): FinishedSpan {
  const found = spans.filter(predicate);
  assert.equal(found.length, 1, `exactly one of ${spans.map((s) => s.operationName).join(', ')}`);
  return found[0]!;
}

test('the front service answers as written: 200, 404, and 500 for the failing checkout', () => {
  assert.deepEqual(run.statuses, [200, 404, 500]);
});

test('every span belongs to a trace rooted at the front service, and every parent is in it', () => {
  const ids = new Set(run.spans.map((span) => span.spanId));
  assert.equal(ids.size, run.spans.length, 'span ids are unique');
  for (const span of run.spans) {
    if (span.parentId !== undefined) assert.ok(ids.has(span.parentId), `${span.operationName} has its parent`);
  }
});

test('an order: one trace across both services, server, function and client spans nested', () => {
  const { root, spans } = traceOf(0);
  assert.equal(root.service, 'shop');
  assert.equal(root.operationName, 'GET /orders/:id');
  assert.equal(root.tags.component, 'express');
  assert.equal(root.tags['http.status_code'], 200);
  assert.deepEqual(new Set(spans.map((span) => span.service)), new Set(['shop', 'inventory']));

  const summary = only(childrenOf(spans, root), (span) => span.operationName === 'orderSummary');
  const lines = childrenOf(spans, summary);
  assert.deepEqual(lines.map((span) => span.operationName), ['orderLine', 'orderLine']);
  for (const line of lines) {
    const stock = only(childrenOf(spans, line), (span) => span.operationName === 'stockOf');
    const price = only(childrenOf(spans, line), (span) => span.operationName === 'priceOf');
    for (const [caller, component, route, work] of [
      [stock, 'fetch', '/stock/:sku', 'lookUpStock'],
      [price, 'http', '/prices/:sku', 'priceOf'],
    ] as const) {
      const client = only(childrenOf(spans, caller), (span) => span.tags['span.kind'] === 'client');
      assert.equal(client.tags.component, component);
      assert.equal(client.tags['http.status_code'], 200);
      const server = only(childrenOf(spans, client), () => true);
      assert.equal(server.service, 'inventory');
      assert.equal(server.operationName, `GET ${route}`);
      assert.equal(server.tags.component, 'fastify');
      assert.equal(server.tags['span.kind'], 'server');
      assert.equal(server.tags['peer.address'], '127.0.0.1');
      only(childrenOf(spans, server), (span) => span.operationName === work && span.service === 'inventory');
    }
  }
  assert.equal(spans.filter((span) => span.tags.error === true).length, 0);
});

test('an unknown order: a 404 that is not an error, and no downstream call', () => {
  const { root, spans } = traceOf(1);
  assert.equal(root.tags['http.status_code'], 404);
  assert.equal(root.tags.error, undefined);
  assert.deepEqual(spans.map((span) => span.operationName).sort(), ['GET /orders/:id', 'orderSummary']);
});

test('the failing checkout: the downstream error, and each span up to the front one, is an error', () => {
  const { root, spans } = traceOf(2);
  assert.equal(root.operationName, 'POST /orders/:id/checkout');
  assert.equal(root.tags['http.status_code'], 500);
  assert.equal(root.tags.error, true);
  const checkout = only(childrenOf(spans, root), (span) => span.operationName === 'checkout');
  const pay = only(childrenOf(spans, checkout), (span) => span.operationName === 'pay');
  const client = only(childrenOf(spans, pay), (span) => span.tags['span.kind'] === 'client');
  const server = only(childrenOf(spans, client), () => true);
  const charge = only(childrenOf(spans, server), (span) => span.operationName === 'charge');
  assert.equal(client.tags['http.status_code'], 503);
  assert.equal(server.operationName, 'POST /payments');
  assert.equal(server.tags['http.status_code'], 503);
  for (const span of [root, checkout, pay, client, server, charge]) assert.equal(span.tags.error, true, span.operationName);
  const log = server.logs.find((entry) => entry.fields.event === 'error');
  assert.equal(log?.fields.message, 'payment provider unavailable for order 1001');
  assert.match(String(root.logs.find((entry) => entry.fields.event === 'error')?.fields.message), /payment failed with status 503/);
});

test('the console reporter prints one tree per trace, with spans of both services', async () => {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  await printTraces(run.spans, sink);
  assert.equal(text.match(/^trace [0-9a-f]{32}/gm)?.length, 3);
  assert.match(text, /shop, inventory/);
  assert.match(text, /POST \/payments/);
});
