import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceContextData } from '../../runtime/model';
import { extractFrom, injectInto, propagatorsByName } from '../../runtime/propagation/index';
import { parseUberTraceId } from '../../runtime/propagation/jaeger';

const T128 = '80f198ee56343ba864fe8b2a57d3eff7';
const T64 = 'a3ce929d0e0e4736';
const SPAN = 'e457b5a2e4d86bd1';
const jaeger = propagatorsByName(['jaeger']);

const CASES: Array<[string, string, Partial<TraceContextData> | undefined]> = [
  ['128-bit, sampled', `${T128}:${SPAN}:0:1`, { traceId: T128, spanId: SPAN, traceFlags: 1 }],
  ['64-bit, not sampled', `${T64}:${SPAN}:0:0`, { traceId: `${'0'.repeat(16)}${T64}`, spanId: SPAN, traceFlags: 0 }],
  ['leading zeros dropped', `abc:de:0:1`, { traceId: `${'0'.repeat(29)}abc`, spanId: `${'0'.repeat(14)}de`, traceFlags: 1 }],
  ['uppercase is read, lowercased', `${T64.toUpperCase()}:${SPAN}:0:1`, { traceId: `${'0'.repeat(16)}${T64}`, spanId: SPAN, traceFlags: 1 }],
  ['with a parent span id', `${T128}:${SPAN}:${T64}:1`, { traceId: T128, spanId: SPAN, traceFlags: 1 }],
  ['debug', `${T128}:${SPAN}:0:3`, { traceId: T128, spanId: SPAN, traceFlags: 1, debug: true }],
  ['debug without the sampled bit still samples', `${T128}:${SPAN}:0:2`, { traceId: T128, spanId: SPAN, traceFlags: 1, debug: true }],
  ['two-digit hex flags', `${T128}:${SPAN}:0:0b`, { traceId: T128, spanId: SPAN, traceFlags: 1, debug: true }],
  ['URL-encoded', `${T128}%3A${SPAN}%3A0%3A1`, { traceId: T128, spanId: SPAN, traceFlags: 1 }],
  ['broken URL-encoding', `${T128}%3${SPAN}%3A0%3A1`, undefined],
  ['trace id too long', `${T128}0:${SPAN}:0:1`, undefined],
  ['span id too long', `${T128}:${SPAN}0:0:1`, undefined],
  ['all-zero trace id', `0:${SPAN}:0:1`, undefined],
  ['all-zero span id', `${T128}:0000:0:1`, undefined],
  ['empty trace id', `:${SPAN}:0:1`, undefined],
  ['three fields', `${T128}:${SPAN}:1`, undefined],
  ['five fields', `${T128}:${SPAN}:0:1:1`, undefined],
  ['bad flags', `${T128}:${SPAN}:0:x`, undefined],
  ['three-digit flags', `${T128}:${SPAN}:0:001`, undefined],
  ['bad parent', `${T128}:${SPAN}:-:1`, undefined],
  ['empty', '', undefined],
];

for (const [what, header, expected] of CASES) {
  test(`uber-trace-id: ${what}`, () => {
    assert.deepEqual(parseUberTraceId(header), expected);
  });
}

test('jaeger: uberctx- headers are baggage, URL-decoded; the header name is case-insensitive', () => {
  const extracted = extractFrom(jaeger, { 'Uber-Trace-Id': `${T128}:${SPAN}:0:1`, 'uberctx-User': 'alice%20b', 'uberctx-raw': '100%', 'uberctx-': 'ignored' });
  assert.deepEqual(extracted, { traceId: T128, spanId: SPAN, traceFlags: 1, baggage: { user: 'alice b', raw: '100%' } });
  const fromHeaders = extractFrom(jaeger, new Headers({ 'uber-trace-id': `${T128}:${SPAN}:0:1`, 'uberctx-k': 'v' }));
  assert.deepEqual(fromHeaders?.baggage, { k: 'v' });
});

test('jaeger: inject writes the 16-character form of a 64-bit id, flags and baggage; round trip', () => {
  const context: TraceContextData = { traceId: `${'0'.repeat(16)}${T64}`, spanId: SPAN, traceFlags: 3, debug: true, baggage: { user: 'a b:c', 'not a token': 'x' } };
  const headers: Record<string, string> = {};
  injectInto(jaeger, context, headers);
  assert.deepEqual(headers, { 'uber-trace-id': `${T64}:${SPAN}:0:3`, 'uberctx-user': 'a%20b%3Ac' });
  assert.deepEqual(extractFrom(jaeger, headers), { traceId: context.traceId, spanId: SPAN, traceFlags: 1, debug: true, baggage: { user: 'a b:c' } });
  const unsampled: Record<string, string> = {};
  injectInto(jaeger, { traceId: T128, spanId: SPAN, traceFlags: 2, baggage: {} }, unsampled);
  assert.deepEqual(unsampled, { 'uber-trace-id': `${T128}:${SPAN}:0:0` });
});
