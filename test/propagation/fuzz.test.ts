// Property tests: whatever arrives, no extractor throws, and what one returns is well-formed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TraceContextData } from '../../runtime/model';
import { extractBinary, extractFrom, injectInto, propagatorsByName } from '../../runtime/propagation/index';
import { parseBaggage } from '../../runtime/propagation/baggage';
import { parseTraceState } from '../../runtime/propagation/tracestate';

const ALL = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger'];
const EACH = ALL.map((name) => propagatorsByName([name]));
const EVERY = propagatorsByName(ALL);
const HEADER_NAMES = ['traceparent', 'TraceParent', 'tracestate', 'baggage', 'b3', 'x-b3-traceid', 'X-B3-SpanId', 'x-b3-sampled', 'x-b3-flags', 'x-b3-parentspanid', 'uber-trace-id', 'uberctx-k', 'UberCtx-User', 'other'];

function assertWellFormed(context: TraceContextData | undefined): void {
  if (context === undefined) return;
  assert.match(context.traceId, /^[0-9a-f]{32}$/);
  assert.match(context.spanId, /^[0-9a-f]{16}$/);
  assert.notEqual(context.traceId, '0'.repeat(32));
  assert.notEqual(context.spanId, '0'.repeat(16));
  assert.ok(Number.isInteger(context.traceFlags) && context.traceFlags >= 0 && context.traceFlags <= 3);
  if (context.traceState !== undefined) assert.equal(parseTraceState(context.traceState), context.traceState);
  for (const [key, value] of Object.entries(context.baggage)) {
    assert.equal(typeof key, 'string');
    assert.equal(typeof value, 'string');
  }
}

function extractAll(carrier: unknown): void {
  for (const propagators of [...EACH, EVERY]) assertWellFormed(extractFrom(propagators, carrier));
}

/** Strings near the formats: hex, dashes, colons, commas and the like, so that parsers get deep. */
const nearHeader = fc.stringMatching(/^[0-9a-fA-F\-:,;=% \t.dxyz@*/]{0,80}$/);
/** Header-shaped: a valid traceparent with one character changed, to reach the end of the parser. */
const mutatedTraceparent = fc
  .tuple(fc.nat(54), fc.constantFrom(...'0123456789abcdefABCDEF-. x'))
  .map(([at, c]) => {
    const valid = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    return valid.slice(0, at) + c + valid.slice(at + 1);
  });
const headerValue = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nearHeader, mutatedTraceparent);
const carrierValue = fc.oneof(headerValue, fc.array(headerValue, { maxLength: 3 }), fc.integer(), fc.constant(undefined), fc.constant(null), fc.object());
const headerObject = fc.dictionary(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string()), carrierValue, { maxKeys: 8 });

test('every extractor takes thousands of random strings in every header without throwing', () => {
  fc.assert(
    fc.property(headerValue, (value) => {
      extractAll(Object.fromEntries(HEADER_NAMES.map((name) => [name, value])));
      assert.doesNotThrow(() => parseBaggage(value));
    }),
    { numRuns: 3000 },
  );
});

test('every extractor takes random header-shaped objects, Maps and Headers without throwing', () => {
  fc.assert(
    fc.property(headerObject, (headers) => {
      extractAll(headers);
      extractAll(new Map(Object.entries(headers)));
      const fetchHeaders = new Headers();
      for (const [name, value] of Object.entries(headers)) {
        try {
          fetchHeaders.append(name, String(value));
        } catch {
          // Headers refuses names and values HTTP cannot carry; those never reach us from fetch.
        }
      }
      extractAll(fetchHeaders);
    }),
    { numRuns: 2000 },
  );
});

test('anything at all as a carrier', () => {
  fc.assert(
    fc.property(fc.anything(), (carrier) => {
      extractAll(carrier);
      assertWellFormed(extractBinary(carrier));
      assertWellFormed(extractBinary({ buffer: carrier }));
    }),
    { numRuns: 1000 },
  );
});

test('random bytes to the binary extractor', () => {
  const valid = Buffer.from('000af7651916cd43dd8448eb211c80319cb7ad6b716920333103000000', 'hex');
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(valid.length), (bytes, keep) => {
      assertWellFormed(extractBinary({ buffer: bytes }));
      assertWellFormed(extractBinary({ buffer: Buffer.concat([valid.subarray(0, keep), bytes]) }));
    }),
    { numRuns: 2000 },
  );
});

const hex = (length: number): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`)).filter((s) => !/^0+$/.test(s));
const context = fc.record({
  traceId: fc.oneof(hex(32), hex(16).map((h) => h.padStart(32, '0'))),
  spanId: hex(16),
  traceFlags: fc.nat(3),
  baggage: fc.dictionary(fc.stringMatching(/^[a-z0-9_-]{1,10}$/), fc.string({ unit: 'grapheme' }), { maxKeys: 5, noNullPrototype: true }),
});

test('random contexts survive a round trip through every format', () => {
  fc.assert(
    fc.property(context, (ctx: TraceContextData) => {
      for (const name of ['tracecontext', 'b3', 'b3multi', 'jaeger']) {
        const propagators = propagatorsByName([name, 'baggage']);
        const headers: Record<string, string> = {};
        injectInto(propagators, ctx, headers);
        const back = extractFrom(propagators, headers);
        assert.equal(back?.traceId, ctx.traceId);
        assert.equal(back?.spanId, ctx.spanId);
        assert.equal(back?.traceFlags, name === 'tracecontext' ? ctx.traceFlags : ctx.traceFlags & 1);
        assert.deepEqual(back?.baggage, ctx.baggage);
      }
    }),
    { numRuns: 500 },
  );
});
