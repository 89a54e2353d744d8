/**
 * FinishedSpan (OpenTracing data) to the OTLP trace model.
 *
 * - tags become attributes: integers `intValue`, other numbers `doubleValue`,
 *   booleans `boolValue`, strings `stringValue`; `span.kind` becomes the span's
 *   kind and `error` its status, so neither is repeated as an attribute;
 * - logs become events named by their `event` field; the `error` log becomes
 *   the `exception` event of the OpenTelemetry conventions;
 * - the parent reference becomes `parentSpanId`, every other reference a link
 *   with an `opentracing.ref_type` attribute;
 * - W3C trace flags go to `flags`, tracestate to `traceState`; baggage stays out.
 */
import type { FinishedSpan, SpanLog, SpanReference, TagValue } from '../model';
import { fieldText } from '../reporters/plain-json';
import { errorMessage, isError } from '../reporters/trace-tree';
import {
  SpanKind,
  StatusCode,
  type AnyValue,
  type ExportTraceServiceRequest,
  type KeyValue,
  type OtlpEvent,
  type OtlpLink,
  type OtlpSpan,
  type WireValues,
} from './otlp-model';

/** Who made the spans: resource attributes besides `service.name` (which each span carries) and the scope. */
export interface ExportSource {
  resourceAttributes: Readonly<Record<string, TagValue>>;
  scope: { name: string; version: string };
}

const KINDS: Record<string, SpanKind> = {
  server: SpanKind.Server,
  client: SpanKind.Client,
  producer: SpanKind.Producer,
  consumer: SpanKind.Consumer,
};

/** Tags that become fields of the OTLP span rather than attributes. */
const STRUCTURAL_TAGS = new Set(['span.kind', 'error']);

/** One request for a batch of spans: one resource per service, one scope. */
export function toExportRequest<Id, Nanos, Int>(
  spans: readonly FinishedSpan[],
  source: ExportSource,
  wire: WireValues<Id, Nanos, Int>,
): ExportTraceServiceRequest<Id, Nanos, Int> {
  const byService = new Map<string, OtlpSpan<Id, Nanos, Int>[]>();
  for (const span of spans) {
    let list = byService.get(span.service);
    if (!list) byService.set(span.service, (list = []));
    list.push(toOtlpSpan(span, wire));
  }
  return {
    resourceSpans: [...byService].map(([service, otlpSpans]) => ({
      resource: { attributes: attributes({ ...source.resourceAttributes, 'service.name': serviceName(service, source) }, wire) },
      scopeSpans: [{ scope: source.scope, spans: otlpSpans }],
    })),
  };
}

/**
 * The span's service, unless it is the tracer's `unknown_service` fallback and
 * `OTEL_RESOURCE_ATTRIBUTES` names one (OTEL_SERVICE_NAME wins over it, the
 * fallback does not).
 */
function serviceName(service: string, source: ExportSource): string {
  const configured = source.resourceAttributes['service.name'];
  return service.startsWith('unknown_service') && typeof configured === 'string' ? configured : service;
}

export function toOtlpSpan<Id, Nanos, Int>(span: FinishedSpan, wire: WireValues<Id, Nanos, Int>): OtlpSpan<Id, Nanos, Int> {
  const kind = span.tags['span.kind'];
  const otlp: OtlpSpan<Id, Nanos, Int> = {
    traceId: wire.id(span.traceId),
    spanId: wire.id(span.spanId),
    flags: span.traceFlags & 0xff,
    name: span.operationName,
    kind: (typeof kind === 'string' && KINDS[kind]) || SpanKind.Internal,
    startTimeUnixNano: wire.nanos(span.startTime),
    endTimeUnixNano: wire.nanos(span.startTime + span.duration),
    attributes: attributes(span.tags, wire, STRUCTURAL_TAGS),
    events: span.logs.map((log) => toEvent(log, wire)),
    links: linkedReferences(span).map((ref) => toLink(ref, wire)),
  };
  if (span.parentId !== undefined) otlp.parentSpanId = wire.id(span.parentId);
  if (span.traceState) otlp.traceState = span.traceState;
  if (span.dropped?.tags) otlp.droppedAttributesCount = span.dropped.tags;
  if (span.dropped?.logs) otlp.droppedEventsCount = span.dropped.logs;
  if (isError(span)) {
    const message = errorMessage(span);
    otlp.status = message === undefined ? { code: StatusCode.Error } : { code: StatusCode.Error, message };
  }
  return otlp;
}

/**
 * Every reference but the one `parentId` already says: the first child_of to
 * the parent or, when the parent is only followed from, the first follows_from
 * to it (the tracer picks the parent in that order).
 */
function linkedReferences(span: FinishedSpan): SpanReference[] {
  if (span.parentId === undefined) return span.references;
  const toParent = (type: SpanReference['type']) => (r: SpanReference) => r.type === type && r.spanId === span.parentId;
  const parentRef = span.references.find(toParent('child_of')) ?? span.references.find(toParent('follows_from'));
  return span.references.filter((ref) => ref !== parentRef);
}

function toLink<Id, Nanos, Int>(ref: SpanReference, wire: WireValues<Id, Nanos, Int>): OtlpLink<Id, Int> {
  return {
    traceId: wire.id(ref.traceId),
    spanId: wire.id(ref.spanId),
    attributes: [{ key: 'opentracing.ref_type', value: { stringValue: ref.type } }],
  };
}

function toEvent<Id, Nanos, Int>(log: SpanLog, wire: WireValues<Id, Nanos, Int>): OtlpEvent<Nanos, Int> {
  const { event, ...fields } = log.fields;
  if (event === 'error') return toExceptionEvent(log, wire);
  return {
    timeUnixNano: wire.nanos(log.timestamp),
    name: typeof event === 'string' ? event : 'log',
    attributes: attributes(event === undefined || typeof event === 'string' ? fields : log.fields, wire),
  };
}

/**
 * OpenTracing's error log (`error.kind`, `error.object`, `message`, `stack`) as
 * the OpenTelemetry `exception` event; its other fields are kept as they are.
 */
function toExceptionEvent<Id, Nanos, Int>(log: SpanLog, wire: WireValues<Id, Nanos, Int>): OtlpEvent<Nanos, Int> {
  const { event: _event, 'error.kind': kind, 'error.object': object, message, stack, ...rest } = log.fields;
  const error = object instanceof Error ? object : undefined;
  const exception: Record<string, unknown> = {
    'exception.type': kind ?? error?.name,
    'exception.message': message ?? error?.message ?? (object === undefined ? undefined : fieldText(object)),
    'exception.stacktrace': stack ?? error?.stack,
  };
  return { timeUnixNano: wire.nanos(log.timestamp), name: 'exception', attributes: attributes({ ...exception, ...rest }, wire) };
}

function attributes<Id, Nanos, Int>(
  values: Readonly<Record<string, unknown>>,
  wire: WireValues<Id, Nanos, Int>,
  skip?: ReadonlySet<string>,
): KeyValue<Int>[] {
  const out: KeyValue<Int>[] = [];
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (value === undefined || skip?.has(key)) continue;
    out.push({ key, value: anyValue(value, wire) });
  }
  return out;
}

/** A tag or log field as an OTLP AnyValue; what has no OTLP type is written as text. */
function anyValue<Id, Nanos, Int>(value: unknown, wire: WireValues<Id, Nanos, Int>): AnyValue<Int> {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'number':
      return Number.isSafeInteger(value) ? { intValue: wire.int(value) } : { doubleValue: value };
    default:
      if (Array.isArray(value) && value.every(isTagValue)) {
        return { arrayValue: { values: value.map((v) => anyValue(v, wire)) } };
      }
      return { stringValue: fieldText(value) };
  }
}

function isTagValue(value: unknown): value is TagValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
