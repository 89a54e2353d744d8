import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryCarrier } from 'opentracing';
import type { TraceContextData } from '../../runtime/model';
import { extractBinary, injectBinary } from '../../runtime/propagation/index';
import { encodeBinary } from '../../runtime/propagation/binary';

const CONTEXT: TraceContextData = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 3,
  traceState: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
  baggage: { user: 'alice', note: 'São Paulo; x=1' },
};

test('binary: round trip through a BinaryCarrier', () => {
  const carrier = new BinaryCarrier([]);
  injectBinary(CONTEXT, carrier);
  assert.ok(carrier.buffer instanceof Uint8Array);
  assert.deepEqual(extractBinary(carrier), CONTEXT);
});

test('binary: the layout is the documented one; an empty context takes 30 bytes', () => {
  const bytes = encodeBinary({ traceId: CONTEXT.traceId, spanId: CONTEXT.spanId, traceFlags: 1, debug: true, baggage: {} })!;
  assert.equal(bytes.length, 30);
  assert.equal(Buffer.from(bytes).toString('hex'), `00${CONTEXT.traceId}${CONTEXT.spanId}8100000000`);
});

test('binary: debug and deferred sampling survive; the buffer may be an ArrayBuffer, a view or a byte array', () => {
  const context: TraceContextData = { ...CONTEXT, traceFlags: 0, samplingDeferred: true, debug: true };
  const bytes = encodeBinary(context)!;
  const copy = new Uint8Array(bytes);
  assert.deepEqual(extractBinary({ buffer: copy.buffer }), context);
  assert.deepEqual(extractBinary({ buffer: new DataView(copy.buffer) }), context);
  assert.deepEqual(extractBinary({ buffer: [...copy] }), context);
  const padded = new Uint8Array(copy.length + 8);
  padded.set(copy, 4);
  assert.deepEqual(extractBinary({ buffer: padded.subarray(4, 4 + copy.length) }), context);
});

test('binary: trailing bytes are ignored (room for later fields)', () => {
  const bytes = encodeBinary(CONTEXT)!;
  assert.deepEqual(extractBinary({ buffer: Buffer.concat([bytes, Buffer.from([1, 2, 3])]) }), CONTEXT);
});

test('binary: malformed input reads as nothing, never throws', () => {
  const bytes = Buffer.from(encodeBinary(CONTEXT)!);
  const otherVersion = Buffer.from(bytes);
  otherVersion[0] = 1;
  const zeroTrace = Buffer.from(bytes);
  zeroTrace.fill(0, 1, 17);
  const lyingLength = Buffer.from(bytes);
  lyingLength.writeUInt16BE(0xffff, 26);
  const throwing = {
    get buffer(): never {
      throw new Error('boom');
    },
  };
  for (const carrier of [
    undefined,
    null,
    'x',
    {},
    { buffer: 'text' },
    { buffer: { length: 1e12 } },
    { buffer: new Array(200_000).fill(0) },
    { buffer: bytes.subarray(0, 29) },
    { buffer: otherVersion },
    { buffer: zeroTrace },
    { buffer: lyingLength },
    throwing,
  ]) {
    assert.equal(extractBinary(carrier), undefined);
  }
});

test('binary: an invalid tracestate or baggage inside is dropped, the ids kept', () => {
  const bytes = Buffer.from(encodeBinary({ ...CONTEXT, traceState: undefined, baggage: {} })!);
  const text = Buffer.from('FOO=1');
  const patched = Buffer.concat([bytes.subarray(0, 26), Buffer.from([0, text.length]), text, Buffer.from([0, 0])]);
  assert.deepEqual(extractBinary({ buffer: patched }), { traceId: CONTEXT.traceId, spanId: CONTEXT.spanId, traceFlags: 3, baggage: {} });
});

test('binary: inject leaves alone what it cannot write', () => {
  const frozen = Object.freeze({ buffer: [] as number[] });
  injectBinary(CONTEXT, frozen);
  assert.deepEqual(frozen.buffer, []);
  const carrier = { buffer: [] as unknown };
  injectBinary({ ...CONTEXT, spanId: 'nope' }, carrier);
  assert.deepEqual(carrier.buffer, []);
  assert.doesNotThrow(() => injectBinary(CONTEXT, 'string'));
});
