/**
 * The OTLP trace data model as plain objects, shared by the protobuf and the
 * JSON encodings. Field names are the lowerCamelCase names of
 * opentelemetry/proto/trace/v1/trace.proto, which both encodings use.
 *
 * `Id`, `Nanos` and `Int` are the values that differ between the two: ids are
 * bytes in protobuf and hex strings in OTLP/JSON, 64-bit integers are Long-like
 * in protobuf and decimal strings in JSON.
 */

/** OTLP `SpanKind`. */
export const enum SpanKind {
  Internal = 1,
  Server = 2,
  Client = 3,
  Producer = 4,
  Consumer = 5,
}

/** OTLP `Status.StatusCode` (UNSET is the absence of a status). */
export const enum StatusCode {
  Error = 2,
}

export interface AnyValue<Int> {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: Int;
  doubleValue?: number;
  arrayValue?: { values: AnyValue<Int>[] };
}

export interface KeyValue<Int> {
  key: string;
  value: AnyValue<Int>;
}

export interface OtlpEvent<Nanos, Int> {
  timeUnixNano: Nanos;
  name: string;
  attributes: KeyValue<Int>[];
}

export interface OtlpLink<Id, Int> {
  traceId: Id;
  spanId: Id;
  attributes: KeyValue<Int>[];
}

export interface OtlpSpan<Id, Nanos, Int> {
  traceId: Id;
  spanId: Id;
  traceState?: string;
  parentSpanId?: Id;
  flags: number;
  name: string;
  kind: SpanKind;
  startTimeUnixNano: Nanos;
  endTimeUnixNano: Nanos;
  attributes: KeyValue<Int>[];
  droppedAttributesCount?: number;
  events: OtlpEvent<Nanos, Int>[];
  droppedEventsCount?: number;
  links: OtlpLink<Id, Int>[];
  status?: { code: StatusCode; message?: string };
}

export interface ExportTraceServiceRequest<Id, Nanos, Int> {
  resourceSpans: {
    resource: { attributes: KeyValue<Int>[] };
    scopeSpans: {
      scope: { name: string; version: string };
      spans: OtlpSpan<Id, Nanos, Int>[];
    }[];
  }[];
}

/** How one encoding writes the values that differ between protobuf and JSON. */
export interface WireValues<Id, Nanos, Int> {
  id(hex: string): Id;
  nanos(micros: number): Nanos;
  int(value: number): Int;
}

/** Microseconds (possibly fractional) to integer nanoseconds, exact past 2^53. */
export function microsToNanos(micros: number): bigint {
  const whole = Math.trunc(micros);
  return BigInt(whole) * 1000n + BigInt(Math.round((micros - whole) * 1000));
}
