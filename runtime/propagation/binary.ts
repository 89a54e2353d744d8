/**
 * FORMAT_BINARY: a compact byte encoding of a context, for carriers with a
 * `buffer` field (opentracing's `BinaryCarrier`, or any object). Our own
 * layout, big-endian:
 *
 * | offset | bytes | field |
 * |---|---|---|
 * | 0 | 1 | version, 0 |
 * | 1 | 16 | trace id |
 * | 17 | 8 | span id |
 * | 25 | 1 | flags: bit 0 sampled, bit 1 random trace id (the W3C trace-flags), bit 6 sampling deferred, bit 7 debug |
 * | 26 | 2 | length n of the tracestate |
 * | 28 | n | the tracestate, ASCII, as in the W3C header |
 * | 28+n | 2 | length m of the baggage |
 * | 30+n | m | the baggage, ASCII, as in the W3C `baggage` header |
 *
 * So an empty context takes 30 bytes. Reading checks every length against the
 * buffer and validates the text parts as their headers are validated; bytes
 * after the baggage are ignored (room for later fields); another version, a
 * short buffer or zero ids read as nothing.
 */
import type { TraceContextData } from '../model';
import { formatBaggage, parseBaggage } from './baggage';
import { isLowerHexId } from './ids';
import { FLAG_RANDOM, FLAG_SAMPLED } from './tracecontext';
import { parseTraceState } from './tracestate';

const VERSION = 0;
const HEADER_LENGTH = 26;
const BIT_DEFERRED = 0x40;
const BIT_DEBUG = 0x80;
/** The longest buffer worth reading: the fixed part and two maximal text parts. */
const MAX_LENGTH = HEADER_LENGTH + 2 * (2 + 0xffff);

/** The bytes of a context, or undefined when its ids are not well-formed. */
export function encodeBinary(context: TraceContextData): Uint8Array | undefined {
  if (!isLowerHexId(context.traceId, 32) || !isLowerHexId(context.spanId, 16)) return undefined;
  // Both text parts are ASCII and within their limits (512 and 8192) once validated and formatted.
  const traceState = Buffer.from(parseTraceState(context.traceState) ?? '', 'latin1');
  const baggage = Buffer.from(formatBaggage(context.baggage) ?? '', 'latin1');
  const bytes = Buffer.alloc(HEADER_LENGTH + 2 + traceState.length + 2 + baggage.length);
  bytes[0] = VERSION;
  bytes.write(context.traceId, 1, 'hex');
  bytes.write(context.spanId, 17, 'hex');
  bytes[25] =
    (context.traceFlags & (FLAG_SAMPLED | FLAG_RANDOM)) | (context.samplingDeferred ? BIT_DEFERRED : 0) | (context.debug ? BIT_DEBUG : 0);
  let at = bytes.writeUInt16BE(traceState.length, HEADER_LENGTH);
  at += traceState.copy(bytes, at);
  at = bytes.writeUInt16BE(baggage.length, at);
  baggage.copy(bytes, at);
  return bytes;
}

/** The context in some bytes, or undefined when they are not a valid encoding. */
export function decodeBinary(bytes: Uint8Array): TraceContextData | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEADER_LENGTH + 4 || buffer[0] !== VERSION) return undefined;
  const traceId = buffer.toString('hex', 1, 17);
  const spanId = buffer.toString('hex', 17, 25);
  if (!isLowerHexId(traceId, 32) || !isLowerHexId(spanId, 16)) return undefined;
  const traceState = readText(buffer, HEADER_LENGTH);
  if (traceState === undefined) return undefined;
  const baggage = readText(buffer, HEADER_LENGTH + 2 + traceState.length);
  if (baggage === undefined) return undefined;
  const flags = buffer[25]!;
  const context: TraceContextData = { traceId, spanId, traceFlags: flags & (FLAG_SAMPLED | FLAG_RANDOM), baggage: parseBaggage(baggage) };
  const validState = parseTraceState(traceState);
  if (validState !== undefined) context.traceState = validState;
  if (flags & BIT_DEBUG) context.debug = true;
  if (flags & BIT_DEFERRED) context.samplingDeferred = true;
  return context;
}

/** The length-prefixed text at `at`, or undefined when it runs past the end. */
function readText(buffer: Buffer, at: number): string | undefined {
  if (at + 2 > buffer.length) return undefined;
  const length = buffer.readUInt16BE(at);
  if (at + 2 + length > buffer.length) return undefined;
  return buffer.toString('latin1', at + 2, at + 2 + length);
}

/** The bytes in a carrier's `buffer`: an ArrayBuffer, a typed array or DataView, or an array of byte values. */
function carrierBytes(carrier: unknown): Uint8Array | undefined {
  if (typeof carrier !== 'object' || carrier === null) return undefined;
  const buffer: unknown = (carrier as { buffer?: unknown }).buffer;
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (!Array.isArray(buffer) || buffer.length > MAX_LENGTH) return undefined;
  return Uint8Array.from(buffer, (b) => (typeof b === 'number' ? b : 0));
}

/** Sets `carrier.buffer` to the encoded context. A carrier that is not a writable object is left alone. */
export function injectBinary(context: TraceContextData, carrier: unknown): void {
  if (typeof carrier !== 'object' || carrier === null || Object.isFrozen(carrier)) return;
  const bytes = encodeBinary(context);
  if (bytes === undefined) return;
  try {
    (carrier as { buffer: unknown }).buffer = bytes;
  } catch {
    // A read-only `buffer` property: nothing is injected.
  }
}

/** The context in `carrier.buffer`, or undefined. Never throws. */
export function extractBinary(carrier: unknown): TraceContextData | undefined {
  try {
    const bytes = carrierBytes(carrier);
    return bytes === undefined ? undefined : decodeBinary(bytes);
  } catch {
    // A carrier whose `buffer` getter throws, or a detached ArrayBuffer.
    return undefined;
  }
}
