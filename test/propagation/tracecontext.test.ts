import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFrom, injectInto, propagatorsByName } from '../../runtime/propagation/index';
import { parseTraceparent } from '../../runtime/propagation/tracecontext';
import { parseTraceState } from '../../runtime/propagation/tracestate';

const TRACE = '12345678901234567890123456789012';
const SPAN = '1234567890123456';
const VALID = `00-${TRACE}-${SPAN}-01`;
const tracecontext = propagatorsByName(['tracecontext']);

// The cases of the W3C Trace Context test suite (test/test.py), plus level 2's random flag.
const TRACEPARENT_CASES: Array<[string, string, { traceId: string; spanId: string; traceFlags: number } | undefined]> = [
  ['valid, sampled', VALID, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
  ['valid, not sampled', `00-${TRACE}-${SPAN}-00`, { traceId: TRACE, spanId: SPAN, traceFlags: 0 }],
  ['random trace id flag (level 2)', `00-${TRACE}-${SPAN}-03`, { traceId: TRACE, spanId: SPAN, traceFlags: 3 }],
  ['unknown flag bits are dropped', `00-${TRACE}-${SPAN}-ff`, { traceId: TRACE, spanId: SPAN, traceFlags: 3 }],
  ['leading space', ` ${VALID}`, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
  ['leading tab', `\t${VALID}`, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
  ['trailing space and tab', `${VALID} \t`, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
  ['future version', `cc-${TRACE}-${SPAN}-01`, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
  ['future version with more fields', `cc-${TRACE}-${SPAN}-01-what-the-future-will-be-like`, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
  ['future version keeps only the sampled flag', `cc-${TRACE}-${SPAN}-03`, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
  ['future version, no dash after flags', `cc-${TRACE}-${SPAN}-01.what-the-future-will-be-like`, undefined],
  ['version 00 with a trailing character', `${VALID}.`, undefined],
  ['version 00 with more fields', `${VALID}-what-the-future-will-be-like`, undefined],
  ['version ff', `ff-${TRACE}-${SPAN}-01`, undefined],
  ['version with illegal characters', `.0-${TRACE}-${SPAN}-01`, undefined],
  ['version with illegal characters 2', `0.-${TRACE}-${SPAN}-01`, undefined],
  ['version too long', `000-${TRACE}-${SPAN}-01`, undefined],
  ['version too long 2', `0000-${TRACE}-${SPAN}-01`, undefined],
  ['version too short', `0-${TRACE}-${SPAN}-01`, undefined],
  ['uppercase version', `0A-${TRACE}-${SPAN}-01`, undefined],
  ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`, undefined],
  ['trace id with illegal characters', `00-.2345678901234567890123456789012-${SPAN}-01`, undefined],
  ['trace id with illegal characters 2', `00-1234567890123456789012345678901.-${SPAN}-01`, undefined],
  ['trace id too long', `00-${TRACE}3-${SPAN}-01`, undefined],
  ['trace id too short', `00-${TRACE.slice(1)}-${SPAN}-01`, undefined],
  ['uppercase trace id', `00-${TRACE.slice(0, 31)}A-${SPAN}-01`, undefined],
  ['all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`, undefined],
  ['parent id with illegal characters', `00-${TRACE}-.234567890123456-01`, undefined],
  ['parent id with illegal characters 2', `00-${TRACE}-123456789012345.-01`, undefined],
  ['parent id too long', `00-${TRACE}-${SPAN}7-01`, undefined],
  ['parent id too short', `00-${TRACE}-${SPAN.slice(1)}-01`, undefined],
  ['uppercase parent id', `00-${TRACE}-${SPAN.slice(0, 15)}A-01`, undefined],
  ['flags with illegal characters', `00-${TRACE}-${SPAN}-.0`, undefined],
  ['flags with illegal characters 2', `00-${TRACE}-${SPAN}-0.`, undefined],
  ['flags too long', `00-${TRACE}-${SPAN}-001`, undefined],
  ['flags too short', `00-${TRACE}-${SPAN}-1`, undefined],
  ['uppercase flags', `00-${TRACE}-${SPAN}-0A`, undefined],
  ['two headers combined', `${VALID}, 00-${TRACE.slice(0, 31)}1-${SPAN}-01`, undefined],
  ['wrong separators', `00_${TRACE}_${SPAN}_01`, undefined],
  ['empty', '', undefined],
];

for (const [what, header, expected] of TRACEPARENT_CASES) {
  test(`traceparent: ${what}`, () => {
    assert.deepEqual(parseTraceparent(header), expected);
    const extracted = extractFrom(tracecontext, { traceparent: header });
    assert.deepEqual(extracted && { traceId: extracted.traceId, spanId: extracted.spanId, traceFlags: extracted.traceFlags }, expected);
  });
}

test('traceparent: the header name is case-insensitive, and a misspelt name is not read', () => {
  for (const name of ['TraceParent', 'TrAcEpArEnT', 'TRACEPARENT']) {
    assert.equal(extractFrom(tracecontext, { [name]: VALID })?.traceId, TRACE);
  }
  for (const name of ['trace-parent', 'trace.parent']) {
    assert.equal(extractFrom(tracecontext, { [name]: VALID }), undefined);
  }
});

test('traceparent: two headers start a new trace (duplicated header)', () => {
  assert.equal(extractFrom(tracecontext, { traceparent: [VALID, `00-${TRACE.slice(0, 31)}1-${SPAN}-01`] }), undefined);
});

const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
const VALUE_CHARS = [...Array(0x7f - 0x20).keys()].map((i) => String.fromCharCode(0x20 + i)).filter((c) => c !== ',' && c !== '=').join('');
const members = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `bar${String(from + i).padStart(2, '0')}=${from + i}`).join(',');

const TRACESTATE_CASES: Array<[string, string | undefined, string | undefined]> = [
  ['absent', undefined, undefined],
  ['empty', '', undefined],
  ['only commas and spaces', ' , ,\t', undefined],
  ['two members', 'foo=1,bar=2', 'foo=1,bar=2'],
  ['spaces and tabs around members', 'foo=1 \t , \t bar=2, \t baz=3', 'foo=1,bar=2,baz=3'],
  ['tabs and spaces around members 2', 'foo=1\t \t,\t \tbar=2,\t \tbaz=3', 'foo=1,bar=2,baz=3'],
  ['leading space', ' foo=1', 'foo=1'],
  ['trailing tab', 'foo=1\t', 'foo=1'],
  ['empty members are skipped', 'foo=1,,bar=2,', 'foo=1,bar=2'],
  ['combined headers with an empty one', 'foo=1, ', 'foo=1'],
  ['all allowed characters in key and value', `${KEY_CHARS}=${VALUE_CHARS.trimEnd()}`, `${KEY_CHARS}=${VALUE_CHARS.trimEnd()}`],
  ['a multi-tenant key', `${KEY_CHARS}@a-z0-9_-*/=1`, `${KEY_CHARS}@a-z0-9_-*/=1`],
  ['a key starting with a digit needs a tenant', '1abc=1', undefined],
  ['a digit-first tenant', '1abc@vendor=1', '1abc@vendor=1'],
  ['32 members', members(1, 32), members(1, 32)],
  ['33 members are discarded', members(1, 33), undefined],
  ['duplicated key with the same value', 'foo=1,foo=1', undefined],
  ['duplicated key with another value', 'foo=1,foo=2', undefined],
  ['space before =', 'foo =1', undefined],
  ['uppercase key', 'FOO=1', undefined],
  ['dot in key', 'foo.bar=1', undefined],
  ['empty system id', 'foo@=1,bar=2', undefined],
  ['empty tenant id', '@foo=1,bar=2', undefined],
  ['two @', 'foo@@bar=1,bar=2', undefined],
  ['two @ 2', 'foo@bar@baz=1,bar=2', undefined],
  ['key of 256 characters', `foo=1,${'z'.repeat(256)}=1`, `foo=1,${'z'.repeat(256)}=1`],
  ['key of 257 characters', `foo=1,${'z'.repeat(257)}=1`, undefined],
  ['tenant of 242 characters', `foo=1,${'t'.repeat(242)}@v=1`, undefined],
  ['system id of 15 characters', `foo=1,t@${'v'.repeat(15)}=1`, undefined],
  ['= in value', 'foo=bar=baz', undefined],
  ['empty value', 'foo=,bar=3', undefined],
  ['no =', 'foo', undefined],
  ['value of 257 characters', `foo=${'v'.repeat(257)}`, undefined],
  ['non-ASCII value', 'foo=é', undefined],
];

for (const [what, header, expected] of TRACESTATE_CASES) {
  test(`tracestate: ${what}`, () => {
    assert.equal(parseTraceState(header), expected);
  });
}

test('tracestate: the key-length limits of the test suite, with the tenant and system parts at their maximum', () => {
  assert.equal(parseTraceState(`foo=1,${'t'.repeat(241)}@${'v'.repeat(14)}=1`), `foo=1,${'t'.repeat(241)}@${'v'.repeat(14)}=1`);
});

test('tracestate: longer than 512 characters, members over 128 characters go first', () => {
  const small = Array.from({ length: 20 }, (_, i) => `k${i}=${'v'.repeat(20)}`);
  const header = [small[0], `big=${'x'.repeat(200)}`, ...small.slice(1)].join(',');
  assert.equal(parseTraceState(header), small.join(','));
});

test('tracestate: longer than 512 characters, whole members are dropped from the end', () => {
  const member = (i: number): string => `k${String(i).padStart(2, '0')}=${'v'.repeat(60)}`;
  const all = Array.from({ length: 10 }, (_, i) => member(i));
  // Each member is 64 characters: seven of them and six commas make 454, eight make 519.
  assert.equal(parseTraceState(all.join(',')), all.slice(0, 7).join(','));
});

test('tracestate is read with a valid traceparent and discarded without one', () => {
  const extracted = extractFrom(tracecontext, { traceparent: VALID, TraceState: 'foo=1,bar=2' });
  assert.equal(extracted?.traceState, 'foo=1,bar=2');
  assert.equal(extractFrom(tracecontext, { tracestate: 'foo=1' }), undefined);
  assert.equal(extractFrom(tracecontext, { traceparent: `ff-${TRACE}-${SPAN}-01`, tracestate: 'foo=1' }), undefined);
});

test('tracestate: several headers are combined in order', () => {
  const extracted = extractFrom(tracecontext, { traceparent: VALID, tracestate: ['foo=1,bar=2', 'rojo=1,congo=2', 'baz=3'] });
  assert.equal(extracted?.traceState, 'foo=1,bar=2,rojo=1,congo=2,baz=3');
  const duplicated = extractFrom(tracecontext, { traceparent: VALID, tracestate: ['foo=1', 'foo=2'] });
  assert.equal(duplicated?.traceState, undefined);
  assert.equal(duplicated?.traceId, TRACE);
});

test('inject writes traceparent (keeping the random flag) and tracestate; round trip', () => {
  const context = { traceId: TRACE, spanId: SPAN, traceFlags: 3, traceState: 'foo=1', baggage: {} };
  const headers: Record<string, string> = {};
  injectInto(tracecontext, context, headers);
  assert.deepEqual(headers, { traceparent: `00-${TRACE}-${SPAN}-03`, tracestate: 'foo=1' });
  assert.deepEqual(extractFrom(tracecontext, headers), context);
});

test('inject writes nothing for malformed ids, and no empty tracestate', () => {
  const headers: Record<string, string> = {};
  injectInto(tracecontext, { traceId: 'nope', spanId: SPAN, traceFlags: 1, baggage: {} }, headers);
  assert.deepEqual(headers, {});
  injectInto(tracecontext, { traceId: TRACE, spanId: SPAN, traceFlags: 0, traceState: '', baggage: {} }, headers);
  assert.deepEqual(headers, { traceparent: `00-${TRACE}-${SPAN}-00` });
});
