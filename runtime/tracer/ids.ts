/**
 * Trace and span ids: random, lowercase hex, 128 and 64 bits.
 *
 * Cost: one crypto call fills a pool of random bytes, converted to hex in one
 * native call; each id is then a `slice` of that hex text, which V8 makes
 * without copying. Converting 8 or 16 bytes to hex per id, or one crypto call
 * per id, costs several times more on the span's hot path. The pool's size was
 * timed by hand (a loop of a trace id and a span id, not `npm run bench`): on
 * Node 20 60-84 ns from a 4 KiB pool and 37-67 ns from a 16 KiB one, on Node 24
 * 46-57 and 24 ns; a 64 KiB pool was slower again. An id keeps its pool's text
 * (32 KB) alive while the id lives; finished spans are short-lived.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 16384;
const bytes = Buffer.allocUnsafe(POOL_BYTES);
let hex = '';
let offset = 0;

const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);
const ZERO = 0x30; // '0'

function randomHex(length: number): string {
  if (offset + length > hex.length) {
    randomFillSync(bytes);
    hex = bytes.toString('hex');
    offset = 0;
  }
  const start = offset;
  offset += length;
  return hex.slice(start, offset);
}

/** A new 128-bit trace id: 32 lowercase hex characters, never all zeros (W3C: invalid). */
export function newTraceId(): string {
  let id = randomHex(32);
  // The first character decides almost always, without comparing the whole string.
  while (id.charCodeAt(0) === ZERO && id === ZERO_TRACE_ID) id = randomHex(32);
  return id;
}

/** A new 64-bit span id: 16 lowercase hex characters, never all zeros. */
export function newSpanId(): string {
  let id = randomHex(16);
  while (id.charCodeAt(0) === ZERO && id === ZERO_SPAN_ID) id = randomHex(16);
  return id;
}
