/**
 * The two OTLP/HTTP bodies: binary protobuf (`http/protobuf`, written by
 * protobufjs from the schema in otlp-schema.ts) and OTLP/JSON (`http/json`);
 * and the partial success a collector may answer with, in either.
 */
import type { FinishedSpan } from '../model';
import { toExportRequest, type ExportSource } from './otlp-mapping';
import { microsToNanos, type WireValues } from './otlp-model';
import { OTLP_TRACE_SCHEMA } from './otlp-schema';

/** An OTLP/HTTP protocol as `OTEL_EXPORTER_OTLP_PROTOCOL` names it. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** A request body and its content type. */
export interface EncodedBatch {
  body: Uint8Array;
  contentType: string;
}

/** A 64-bit value as protobufjs takes it without long.js: two 32-bit halves. */
interface LongBits {
  low: number;
  high: number;
}

function longBits(value: bigint): LongBits {
  const unsigned = BigInt.asUintN(64, value);
  return { low: Number(unsigned & 0xffffffffn) | 0, high: Number(unsigned >> 32n) | 0 };
}

const protobufValues: WireValues<Buffer, LongBits, number> = {
  id: (hex) => Buffer.from(hex, 'hex'),
  nanos: (micros) => longBits(microsToNanos(micros)),
  int: (value) => value,
};

/** OTLP/JSON: ids as hex (not base64, an OTLP exception to the protobuf JSON mapping), 64-bit integers as strings. */
const jsonValues: WireValues<string, string, string> = {
  id: (hex) => hex,
  nanos: (micros) => microsToNanos(micros).toString(),
  int: (value) => String(value),
};

let schema: import('protobufjs/light').Root | undefined;

/** protobufjs is loaded on first use, so apps that never export OTLP protobuf never load it. */
function protobufType(name: 'ExportTraceServiceRequest' | 'ExportTraceServiceResponse'): import('protobufjs/light').Type {
  if (!schema) {
    const protobuf = require('protobufjs/light') as typeof import('protobufjs/light');
    schema = protobuf.Root.fromJSON(OTLP_TRACE_SCHEMA);
  }
  return schema.lookupType(name);
}

/** The body of one export request. */
export function encodeBatch(spans: readonly FinishedSpan[], source: ExportSource, protocol: OtlpProtocol): EncodedBatch {
  if (protocol === 'http/json') {
    const text = JSON.stringify(toExportRequest(spans, source, jsonValues), nonFiniteAsString);
    return { body: Buffer.from(text), contentType: 'application/json' };
  }
  const body = protobufType('ExportTraceServiceRequest').encode(toExportRequest(spans, source, protobufValues)).finish();
  return { body, contentType: 'application/x-protobuf' };
}

/** The protobuf JSON mapping writes NaN and the infinities as strings; JSON.stringify would write null. */
function nonFiniteAsString(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/** What a collector said it rejected in a success answer. */
export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/**
 * The partial success in a collector's answer (protobuf or JSON, by content
 * type), when it rejected spans or sent a message; undefined for a plain
 * success, an empty body, or one that cannot be read.
 */
export function decodePartialSuccess(body: Uint8Array, contentType: string | undefined): PartialSuccess | undefined {
  if (body.byteLength === 0) return undefined;
  try {
    const answer = contentType?.includes('json')
      ? (JSON.parse(Buffer.from(body).toString('utf8')) as { partialSuccess?: unknown })
      : (protobufType('ExportTraceServiceResponse').toObject(protobufType('ExportTraceServiceResponse').decode(body), { longs: Number }) as { partialSuccess?: unknown });
    const partial = answer?.partialSuccess as { rejectedSpans?: unknown; errorMessage?: unknown } | undefined;
    const rejectedSpans = Number(partial?.rejectedSpans ?? 0);
    const errorMessage = typeof partial?.errorMessage === 'string' ? partial.errorMessage : '';
    if (!Number.isSafeInteger(rejectedSpans) || rejectedSpans < 0) return undefined;
    return rejectedSpans > 0 || errorMessage !== '' ? { rejectedSpans, errorMessage } : undefined;
  } catch {
    return undefined;
  }
}
