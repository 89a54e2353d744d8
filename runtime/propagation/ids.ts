/**
 * Checks and conversions for the hex ids every format carries. Every
 * propagator hands out ids in one shape: a 32-character trace id and a
 * 16-character span id, lowercase hex, not all zeros.
 */

const LOWER_HEX = /^[0-9a-f]+$/;
const ANY_HEX = /^[0-9a-fA-F]+$/;
const ALL_ZERO = /^0+$/;

/** `value` is exactly `length` lowercase hex characters and not all zeros. */
export function isLowerHexId(value: string, length: number): boolean {
  return value.length === length && LOWER_HEX.test(value) && !ALL_ZERO.test(value);
}

/**
 * Reads an id written by a format that allows shorter or mixed-case ids (B3
 * accepts either case from old clients, Jaeger drops leading zeros): at most
 * `length` hex characters, returned lowercase and left-padded with zeros to
 * `length`. Undefined when it is empty, too long, not hex, or all zeros.
 */
export function paddedHexId(value: string, length: number): string | undefined {
  if (value.length === 0 || value.length > length || !ANY_HEX.test(value) || ALL_ZERO.test(value)) return undefined;
  return value.toLowerCase().padStart(length, '0');
}

/** The trace id as 16 characters when its upper half is zero (it came from a 64-bit system), else all 32. */
export function shortestTraceId(traceId: string): string {
  return traceId.startsWith('0000000000000000') ? traceId.slice(16) : traceId;
}
