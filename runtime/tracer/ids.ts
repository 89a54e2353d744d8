/**
 * Trace and span ids: random, lowercase hex, 128 and 64 bits. One crypto call
 * fills a pool of random bytes that serves a few hundred ids, so an id costs
 * a slice of that pool, not a system call.
 */
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

// `hexSlice` is the native method behind `toString('hex')`, without its
// argument normalisation; fall back to the public call if a Node lacks it.
type HexSlicer = (this: Buffer, start: number, end: number) => string;
const hexSlice: HexSlicer =
  (Buffer.prototype as unknown as { hexSlice?: HexSlicer }).hexSlice ??
  function (this: Buffer, start: number, end: number) {
    return this.toString('hex', start, end);
  };

const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

function randomHex(bytes: number): string {
  if (offset + bytes > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = offset;
  offset += bytes;
  return hexSlice.call(pool, start, offset);
}

/** A new 128-bit trace id: 32 lowercase hex characters, never all zeros (W3C: invalid). */
export function newTraceId(): string {
  let id = randomHex(16);
  while (id === ZERO_TRACE_ID) id = randomHex(16);
  return id;
}

/** A new 64-bit span id: 16 lowercase hex characters, never all zeros. */
export function newSpanId(): string {
  let id = randomHex(8);
  while (id === ZERO_SPAN_ID) id = randomHex(8);
  return id;
}
