import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Headers as UndiciHeaders } from 'undici';
import { carrierReader, carrierWriter } from '../../runtime/propagation/index';

const READ_CASES: Array<[string, unknown]> = [
  ['a plain object with mixed-case names', { TraceParent: 'v', Other: 'x' }],
  ['Node IncomingHttpHeaders (lowercase names)', { traceparent: 'v', other: 'x' }],
  ['an array value with one entry', { traceparent: ['v'] }],
  ['a fetch Headers', new Headers({ TRACEPARENT: 'v' })],
  ["undici's Headers", new UndiciHeaders({ TraceParent: 'v' })],
  ['a Map', new Map([['TraceParent', 'v']])],
];

for (const [what, carrier] of READ_CASES) {
  test(`reads ${what} case-insensitively`, () => {
    const reader = carrierReader(carrier);
    assert.equal(reader.get('traceparent'), 'v');
    assert.equal(reader.get('TRACEPARENT'), 'v');
    assert.equal(reader.get('tracestate'), undefined);
    assert.ok(reader.keys().includes('traceparent'));
  });
}

test('repeated values are combined as HTTP combines them', () => {
  assert.equal(carrierReader({ tracestate: ['a=1', 'b=2'] }).get('tracestate'), 'a=1, b=2');
  assert.equal(carrierReader({ Tracestate: 'a=1', tracestate: 'b=2' }).get('tracestate'), 'a=1, b=2');
  const headers = new Headers();
  headers.append('tracestate', 'a=1');
  headers.append('tracestate', 'b=2');
  assert.equal(carrierReader(headers).get('tracestate'), 'a=1, b=2');
});

test('values that are not text are skipped; anything that is not an object reads as empty', () => {
  assert.equal(carrierReader({ a: { nested: true }, b: 7, c: [1, 'x'] }).get('a'), undefined);
  assert.equal(carrierReader({ b: 7 }).get('b'), '7');
  assert.equal(carrierReader({ c: [1, 'x'] }).get('c'), 'x');
  for (const nothing of [undefined, null, 'traceparent', 42, true]) {
    assert.equal(carrierReader(nothing).get('traceparent'), undefined);
    assert.deepEqual(carrierReader(nothing).keys(), []);
  }
});

test('an inherited property is not a header', () => {
  const reader = carrierReader(Object.create({ traceparent: 'inherited' }));
  assert.equal(reader.get('traceparent'), undefined);
  assert.equal(carrierReader({}).get('constructor'), undefined);
});

test('writes lowercase names into a plain object, replacing another casing of the same name', () => {
  const headers: Record<string, unknown> = { TraceParent: 'old', Accept: 'text/plain' };
  const set = carrierWriter(headers)!;
  set('traceparent', 'new');
  set('X-B3-TraceId', 'abc');
  assert.deepEqual(headers, { Accept: 'text/plain', traceparent: 'new', 'x-b3-traceid': 'abc' });
});

test('writes into Headers and Map; refuses frozen objects and non-objects', () => {
  const headers = new Headers();
  carrierWriter(headers)!('TraceParent', 'v');
  assert.equal(headers.get('traceparent'), 'v');
  const map = new Map<string, string>();
  carrierWriter(map)!('TraceParent', 'v');
  assert.deepEqual([...map], [['traceparent', 'v']]);
  assert.equal(carrierWriter(Object.freeze({})), undefined);
  assert.equal(carrierWriter(undefined), undefined);
  assert.equal(carrierWriter('x'), undefined);
});
