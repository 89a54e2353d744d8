import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Propagator, TraceContextData } from '../../runtime/model';
import { diagnostics } from '../../runtime/diagnostics';
import { DEFAULT_PROPAGATORS, extractFrom, injectInto, propagatorsByName, unknownPropagatorNames } from '../../runtime/propagation/index';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';
const CONTEXT: TraceContextData = { traceId: TRACE, spanId: SPAN, traceFlags: 1, traceState: 'k=v', baggage: { user: 'alice' } };
const ALL = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger'];

test('propagatorsByName: known names in order, trimmed, case-insensitive, once each; unknown and none ignored', () => {
  assert.deepEqual(propagatorsByName(ALL).map((p) => p.name), ALL);
  assert.deepEqual(propagatorsByName([' B3 ', 'jaeger', 'b3', 'xray', 'none', '']).map((p) => p.name), ['b3', 'jaeger']);
  assert.deepEqual(propagatorsByName(['none']), []);
  assert.deepEqual(unknownPropagatorNames([' B3 ', 'xray', 'none', '', 'ottrace']), ['xray', 'ottrace']);
  assert.deepEqual(propagatorsByName(DEFAULT_PROPAGATORS).map((p) => p.name), ['tracecontext', 'baggage']);
});

test('round trip through every format, alone and all together, into each kind of carrier', () => {
  for (const names of [...ALL.filter((n) => n !== 'baggage').map((n) => [n, 'baggage']), ALL]) {
    const propagators = propagatorsByName(names);
    for (const carrier of [{} as Record<string, string>, new Headers(), new Map<string, string>()]) {
      injectInto(propagators, CONTEXT, carrier);
      const extracted = extractFrom(propagators, carrier);
      assert.equal(extracted?.traceId, TRACE, `${names} ${carrier.constructor.name}`);
      assert.equal(extracted?.spanId, SPAN);
      assert.equal(extracted?.traceFlags, 1);
      assert.deepEqual(extracted?.baggage, { user: 'alice' });
    }
  }
});

test('extract: the first format with valid ids wins; a malformed first format falls through', () => {
  const other = '11111111111111111111111111111111';
  const headers = { traceparent: `00-${TRACE}-${SPAN}-01`, b3: `${other}-${SPAN}-0` };
  assert.equal(extractFrom(propagatorsByName(['tracecontext', 'b3']), headers)?.traceId, TRACE);
  assert.equal(extractFrom(propagatorsByName(['b3', 'tracecontext']), headers)?.traceId, other);
  const broken = { ...headers, traceparent: `00-${TRACE}-${SPAN}-01x` };
  assert.deepEqual(extractFrom(propagatorsByName(['tracecontext', 'b3']), broken), { traceId: other, spanId: SPAN, traceFlags: 0, baggage: {} });
});

test('extract: baggage is merged from every format, the earlier format winning a key', () => {
  const headers = { 'uber-trace-id': `${TRACE}:${SPAN}:0:1`, 'uberctx-a': 'jaeger', 'uberctx-j': 'only', baggage: 'a=w3c,b=2' };
  assert.deepEqual(extractFrom(propagatorsByName(['baggage', 'jaeger']), headers)?.baggage, { a: 'w3c', b: '2', j: 'only' });
  assert.deepEqual(extractFrom(propagatorsByName(['jaeger', 'baggage']), headers)?.baggage, { a: 'jaeger', b: '2', j: 'only' });
});

test('extract: baggage without ids gives no context; nothing found gives undefined', () => {
  const propagators = propagatorsByName(ALL);
  assert.equal(extractFrom(propagators, { baggage: 'a=1' }), undefined);
  assert.equal(extractFrom(propagators, {}), undefined);
  assert.equal(extractFrom(propagators, undefined), undefined);
  assert.equal(extractFrom([], { traceparent: `00-${TRACE}-${SPAN}-01` }), undefined);
});

test('a format that throws is skipped and counted, on inject and on extract', () => {
  const before = diagnostics().faultsByPlace;
  const throwing: Propagator = {
    name: 'throwing',
    inject() {
      throw new Error('inject');
    },
    extract() {
      throw new Error('extract');
    },
  };
  const propagators = [throwing, ...propagatorsByName(['tracecontext'])];
  const headers: Record<string, string> = {};
  assert.doesNotThrow(() => injectInto(propagators, CONTEXT, headers));
  assert.equal(extractFrom(propagators, headers)?.traceId, TRACE);
  const after = diagnostics().faultsByPlace;
  assert.equal((after['propagation.inject.throwing'] ?? 0) - (before['propagation.inject.throwing'] ?? 0), 1);
  assert.equal((after['propagation.extract.throwing'] ?? 0) - (before['propagation.extract.throwing'] ?? 0), 1);
});

test('a Headers carrier that rejects a value loses that format only', () => {
  const headers = new Headers();
  const bad = { ...CONTEXT, baggage: {}, traceState: 'k=\u0100' };
  assert.doesNotThrow(() => injectInto(propagatorsByName(['tracecontext', 'b3']), bad, headers));
  assert.equal(headers.get('b3'), `${TRACE}-${SPAN}-1`);
});

test('inject into something that is not a carrier does nothing', () => {
  for (const carrier of [undefined, null, 'x', 5, Object.freeze({})]) {
    assert.doesNotThrow(() => injectInto(propagatorsByName(ALL), CONTEXT, carrier));
  }
});
