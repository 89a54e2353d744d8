import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceContextData } from '../../runtime/model';
import { extractFrom, injectInto, propagatorsByName } from '../../runtime/propagation/index';
import { parseB3Multi, parseB3Single } from '../../runtime/propagation/b3';
import { carrierReader } from '../../runtime/propagation/carrier';

const T128 = '80f198ee56343ba864fe8b2a57d3eff7';
const T64 = 'a3ce929d0e0e4736';
const SPAN = 'e457b5a2e4d86bd1';
const PARENT = '05e3ac9a4f6e3b90';
const WIDE64 = `0000000000000000${T64}`;

// The examples and rules of openzipkin/b3-propagation's README.
const SINGLE_CASES: Array<[string, string, Partial<TraceContextData> | undefined]> = [
  ['128-bit, sampled, with parent', `${T128}-${SPAN}-1-${PARENT}`, { traceId: T128, spanId: SPAN, traceFlags: 1 }],
  ['64-bit trace id is widened', `${T64}-${SPAN}-1`, { traceId: WIDE64, spanId: SPAN, traceFlags: 1 }],
  ['deny', `${T128}-${SPAN}-0`, { traceId: T128, spanId: SPAN, traceFlags: 0 }],
  ['debug', `${T128}-${SPAN}-d`, { traceId: T128, spanId: SPAN, traceFlags: 1, debug: true }],
  ['deferred (no sampling state)', `${T128}-${SPAN}`, { traceId: T128, spanId: SPAN, traceFlags: 0, samplingDeferred: true }],
  ['spaces around', ` ${T128}-${SPAN}-1 `, { traceId: T128, spanId: SPAN, traceFlags: 1 }],
  ['sampling state only gives no parent', '0', undefined],
  ['sampling state only, debug', 'd', undefined],
  ['bad sampling state', `${T128}-${SPAN}-x`, undefined],
  ['true is not a single-header state', `${T128}-${SPAN}-true`, undefined],
  ['bad parent', `${T128}-${SPAN}-1-xyz`, undefined],
  ['too many fields', `${T128}-${SPAN}-1-${PARENT}-1`, undefined],
  // Lenient as Zipkin's receivers: dropped leading zeros are padded back, uppercase is lowercased.
  ['leading zeros dropped', `${T64.slice(4)}-${SPAN.slice(1)}-1`, { traceId: `${'0'.repeat(20)}${T64.slice(4)}`, spanId: `0${SPAN.slice(1)}`, traceFlags: 1 }],
  ['uppercase', `${T128.toUpperCase()}-${SPAN}-1`, { traceId: T128, spanId: SPAN, traceFlags: 1 }],
  ['33-character trace id', `${T128}0-${SPAN}-1`, undefined],
  ['17-character span id', `${T128}-${SPAN}0-1`, undefined],
  ['all-zero trace id', `${'0'.repeat(32)}-${SPAN}-1`, undefined],
  ['all-zero span id', `${T128}-${'0'.repeat(16)}-1`, undefined],
  ['empty', '', undefined],
  ['prototype name as state', `${T128}-${SPAN}-constructor`, undefined],
];

for (const [what, header, expected] of SINGLE_CASES) {
  test(`b3 single: ${what}`, () => {
    assert.deepEqual(parseB3Single(header), expected);
  });
}

const MULTI_CASES: Array<[string, Record<string, string>, Partial<TraceContextData> | undefined]> = [
  ['sampled', { 'X-B3-TraceId': T128, 'X-B3-SpanId': SPAN, 'X-B3-ParentSpanId': PARENT, 'X-B3-Sampled': '1' }, { traceId: T128, spanId: SPAN, traceFlags: 1 }],
  ['64-bit', { 'x-b3-traceid': T64, 'x-b3-spanid': SPAN, 'x-b3-sampled': '0' }, { traceId: WIDE64, spanId: SPAN, traceFlags: 0 }],
  ['legacy true', { 'x-b3-traceid': T64, 'x-b3-spanid': SPAN, 'x-b3-sampled': 'true' }, { traceId: WIDE64, spanId: SPAN, traceFlags: 1 }],
  ['legacy False', { 'x-b3-traceid': T64, 'x-b3-spanid': SPAN, 'x-b3-sampled': 'False' }, { traceId: WIDE64, spanId: SPAN, traceFlags: 0 }],
  ['debug flag', { 'x-b3-traceid': T64, 'x-b3-spanid': SPAN, 'x-b3-flags': '1' }, { traceId: WIDE64, spanId: SPAN, traceFlags: 1, debug: true }],
  ['deferred', { 'x-b3-traceid': T64, 'x-b3-spanid': SPAN }, { traceId: WIDE64, spanId: SPAN, traceFlags: 0, samplingDeferred: true }],
  ['unknown sampled value is deferred', { 'x-b3-traceid': T64, 'x-b3-spanid': SPAN, 'x-b3-sampled': '2' }, { traceId: WIDE64, spanId: SPAN, traceFlags: 0, samplingDeferred: true }],
  ['sampled only', { 'x-b3-sampled': '1' }, undefined],
  ['no span id', { 'x-b3-traceid': T64 }, undefined],
  ['bad parent', { 'x-b3-traceid': T64, 'x-b3-spanid': SPAN, 'x-b3-parentspanid': 'nope' }, undefined],
  ['31-character trace id is padded', { 'x-b3-traceid': T128.slice(1), 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' }, { traceId: `0${T128.slice(1)}`, spanId: SPAN, traceFlags: 1 }],
  ['33-character trace id', { 'x-b3-traceid': `${T128}0`, 'x-b3-spanid': SPAN }, undefined],
];

for (const [what, headers, expected] of MULTI_CASES) {
  test(`b3 multi: ${what}`, () => {
    assert.deepEqual(parseB3Multi(carrierReader(headers).get), expected);
  });
}

test('b3: both names read both forms, the single header first', () => {
  const headers = { b3: `${T128}-${SPAN}-1`, 'x-b3-traceid': T64, 'x-b3-spanid': PARENT, 'x-b3-sampled': '0' };
  for (const name of ['b3', 'b3multi']) {
    const propagators = propagatorsByName([name]);
    assert.equal(extractFrom(propagators, headers)?.traceId, T128);
    assert.equal(extractFrom(propagators, { ...headers, b3: 'garbage' })?.traceId, WIDE64);
  }
});

const INJECT_CASES: Array<[string, Partial<TraceContextData>, Record<string, string>, Record<string, string>]> = [
  ['sampled', { traceFlags: 1 }, { b3: `${T128}-${SPAN}-1` }, { 'x-b3-traceid': T128, 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' }],
  ['not sampled, random flag', { traceFlags: 2 }, { b3: `${T128}-${SPAN}-0` }, { 'x-b3-traceid': T128, 'x-b3-spanid': SPAN, 'x-b3-sampled': '0' }],
  ['debug', { traceFlags: 1, debug: true }, { b3: `${T128}-${SPAN}-d` }, { 'x-b3-traceid': T128, 'x-b3-spanid': SPAN, 'x-b3-flags': '1' }],
  ['deferred', { traceFlags: 0, samplingDeferred: true }, { b3: `${T128}-${SPAN}` }, { 'x-b3-traceid': T128, 'x-b3-spanid': SPAN }],
  ['64-bit trace id', { traceId: WIDE64, traceFlags: 1 }, { b3: `${T64}-${SPAN}-1` }, { 'x-b3-traceid': T64, 'x-b3-spanid': SPAN, 'x-b3-sampled': '1' }],
  ['malformed ids', { traceId: 'x', traceFlags: 1 }, {}, {}],
];

for (const [what, overrides, single, multi] of INJECT_CASES) {
  test(`b3 inject and round trip: ${what}`, () => {
    const context: TraceContextData = { traceId: T128, spanId: SPAN, traceFlags: 0, baggage: {}, ...overrides };
    for (const [name, expected] of [['b3', single], ['b3multi', multi]] as const) {
      const headers: Record<string, string> = {};
      const propagators = propagatorsByName([name]);
      injectInto(propagators, context, headers);
      assert.deepEqual(headers, expected);
      if (Object.keys(expected).length === 0) continue;
      // B3 has no random flag: it is not carried.
      assert.deepEqual(extractFrom(propagators, headers), { ...context, traceFlags: context.traceFlags & 1 });
    }
  });
}
