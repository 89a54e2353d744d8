import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFrom, injectInto, propagatorsByName } from '../../runtime/propagation/index';
import { formatBaggage, MAX_LENGTH, MAX_MEMBERS, parseBaggage } from '../../runtime/propagation/baggage';

// The W3C Baggage specification's examples and its test suite's parsing cases.
const PARSE_CASES: Array<[string, string | undefined, Record<string, string>]> = [
  ['absent', undefined, {}],
  ['empty', '', {}],
  ['one member', 'SomeKey=SomeValue', { SomeKey: 'SomeValue' }],
  ['two members', 'SomeKey=SomeValue,SomeKey2=SomeValue2', { SomeKey: 'SomeValue', SomeKey2: 'SomeValue2' }],
  ['spaces and tabs everywhere', 'SomeKey \t = \t SomeValue \t , \t SomeKey2 \t = \t SomeValue2 \t ', { SomeKey: 'SomeValue', SomeKey2: 'SomeValue2' }],
  ['properties are read past', 'SomeKey=SomeValue;SomeProp,SomeKey2=SomeValue2;SomePropKey2=SomePropValue2', { SomeKey: 'SomeValue', SomeKey2: 'SomeValue2' }],
  ['properties with spaces', 'SomeKey \t = \t SomeValue \t ; \t SomeProp \t , \t SomeKey2 \t = \t SomeValue2 \t ; \t k \t = \t v', { SomeKey: 'SomeValue', SomeKey2: 'SomeValue2' }],
  ['= inside a value', 'SomeKey=SomeValue=equals', { SomeKey: 'SomeValue=equals' }],
  ['percent-encoded value', 'SomeKey=%09%20%22%27%3B%3Dasdf%21%40%23%24%25%5E%26%2A%28%29', { SomeKey: '\t "\';=asdf!@#$%^&*()' }],
  ['percent-encoded UTF-8', 'city=S%C3%A3o%20Paulo', { city: 'São Paulo' }],
  ['+ is not a space', 'a=1+1', { a: '1+1' }],
  ['spec example', 'key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue', { key1: 'value1', key2: 'value2', key3: 'value3' }],
  ['empty value', 'a=', { a: '' }],
  ['empty members are skipped', 'a=1,,b=2,', { a: '1', b: '2' }],
  ['last of a repeated key wins', 'a=1,a=2', { a: '2' }],
  ['a member without = is dropped', 'a,b=2', { b: '2' }],
  ['a key that is not a token is dropped', 'a b=1,(c)=2,d=3', { d: '3' }],
  ['an empty key is dropped', '=1,d=3', { d: '3' }],
  ['a value with a space is dropped', 'a=x y,d=3', { d: '3' }],
  ['a value with a quote or backslash is dropped', 'a="x",b=x\\y,d=3', { d: '3' }],
  ['a broken percent-escape is dropped', 'a=%E0%A4%A,b=%zz,d=3', { d: '3' }],
  ['a non-ASCII value is dropped', 'a=é,d=3', { d: '3' }],
  ['__proto__ is an ordinary key', '__proto__=x', JSON.parse('{"__proto__":"x"}')],
];

for (const [what, header, expected] of PARSE_CASES) {
  test(`baggage: ${what}`, () => {
    const parsed = parseBaggage(header);
    assert.deepEqual(parsed, expected);
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  });
}

test('baggage: members past the count limit are dropped whole', () => {
  const header = Array.from({ length: MAX_MEMBERS + 20 }, (_, i) => `k${i}=v`).join(',');
  const parsed = parseBaggage(header);
  assert.equal(Object.keys(parsed).length, MAX_MEMBERS);
  assert.equal(parsed[`k${MAX_MEMBERS - 1}`], 'v');
  assert.equal(parsed[`k${MAX_MEMBERS}`], undefined);
});

test('baggage: members past the length limit are dropped whole', () => {
  const value = 'v'.repeat(1000);
  const header = Array.from({ length: 10 }, (_, i) => `k${i}=${value}`).join(',');
  // Each member is 1003 characters: eight and seven commas make 8031, nine make 9035.
  assert.deepEqual(Object.keys(parseBaggage(header)), ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7']);
});

test('baggage: writing percent-encodes values and leaves out what cannot be written', () => {
  assert.equal(formatBaggage({}), undefined);
  assert.equal(formatBaggage({ userId: 'alice', serverNode: 'DF 28', isProduction: 'false' }), 'userId=alice,serverNode=DF%2028,isProduction=false');
  assert.equal(formatBaggage({ 'bad key': 'x', ok: 'São;,"\\' }), 'ok=S%C3%A3o%3B%2C%22%5C');
  assert.equal(formatBaggage({ lone: '\ud800', ok: '1' }), 'ok=1');
});

test('baggage: writing keeps within the limits, whole members only', () => {
  const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v']));
  assert.equal(formatBaggage(many)!.split(',').length, MAX_MEMBERS);
  const big = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v'.repeat(1000)]));
  const header = formatBaggage(big)!;
  assert.ok(header.length <= MAX_LENGTH);
  assert.equal(header.split(',').length, 8);
  // A small member after one that did not fit still goes.
  assert.ok(formatBaggage({ ...big, small: '1' })!.endsWith(',small=1'));
});

test('baggage: round trip through the propagator, with several headers combined', () => {
  const propagators = propagatorsByName(['tracecontext', 'baggage']);
  const baggage = { user: 'alice', note: 'a,b;c=d é', empty: '' };
  const headers: Record<string, string> = {};
  injectInto(propagators, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1, baggage }, headers);
  assert.deepEqual(extractFrom(propagators, headers)?.baggage, baggage);
  const combined = extractFrom(propagators, { traceparent: headers.traceparent, baggage: ['a=1', 'b=2'] });
  assert.deepEqual(combined?.baggage, { a: '1', b: '2' });
});
