/**
 * The part of the OpenTelemetry protocol (opentelemetry-proto v1,
 * collector/trace/v1/trace_service.proto and the trace, resource and common
 * messages it uses) that spanweave writes, as a protobufjs JSON descriptor.
 * Field numbers and types are those of the official .proto files; the tests
 * decode what this produces with the official definitions.
 *
 * The response's partial success is read, to count the spans a collector
 * rejected. Fields spanweave never sets (schema_url, bytes and key-value-list values,
 * dropped link counts, link flags) are left out: a decoder reads them as
 * absent, which is what they are.
 */
import type { INamespace } from 'protobufjs/light';

const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });
const field = (type: string, id: number) => ({ type, id });

export const OTLP_TRACE_SCHEMA: INamespace = {
  nested: {
    ExportTraceServiceRequest: { fields: { resourceSpans: repeated('ResourceSpans', 1) } },
    ExportTraceServiceResponse: { fields: { partialSuccess: field('ExportTracePartialSuccess', 1) } },
    ExportTracePartialSuccess: { fields: { rejectedSpans: field('int64', 1), errorMessage: field('string', 2) } },
    ResourceSpans: { fields: { resource: field('Resource', 1), scopeSpans: repeated('ScopeSpans', 2) } },
    Resource: { fields: { attributes: repeated('KeyValue', 1), droppedAttributesCount: field('uint32', 2) } },
    ScopeSpans: { fields: { scope: field('InstrumentationScope', 1), spans: repeated('Span', 2) } },
    InstrumentationScope: { fields: { name: field('string', 1), version: field('string', 2) } },
    Span: {
      fields: {
        traceId: field('bytes', 1),
        spanId: field('bytes', 2),
        traceState: field('string', 3),
        parentSpanId: field('bytes', 4),
        name: field('string', 5),
        kind: field('int32', 6),
        startTimeUnixNano: field('fixed64', 7),
        endTimeUnixNano: field('fixed64', 8),
        attributes: repeated('KeyValue', 9),
        droppedAttributesCount: field('uint32', 10),
        events: repeated('Event', 11),
        droppedEventsCount: field('uint32', 12),
        links: repeated('Link', 13),
        status: field('Status', 15),
        flags: field('fixed32', 16),
      },
    },
    Event: {
      fields: { timeUnixNano: field('fixed64', 1), name: field('string', 2), attributes: repeated('KeyValue', 3) },
    },
    Link: {
      fields: { traceId: field('bytes', 1), spanId: field('bytes', 2), traceState: field('string', 3), attributes: repeated('KeyValue', 4) },
    },
    Status: { fields: { message: field('string', 2), code: field('int32', 3) } },
    KeyValue: { fields: { key: field('string', 1), value: field('AnyValue', 2) } },
    AnyValue: {
      oneofs: { value: { oneof: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue'] } },
      fields: {
        stringValue: field('string', 1),
        boolValue: field('bool', 2),
        intValue: field('int64', 3),
        doubleValue: field('double', 4),
        arrayValue: field('ArrayValue', 5),
      },
    },
    ArrayValue: { fields: { values: repeated('AnyValue', 1) } },
  },
};
