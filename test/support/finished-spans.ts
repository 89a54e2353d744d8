/**
 * Hand-made finished spans for the reporter tests: a small trace with a
 * server root, nested children, a client error and a follows-from reference.
 */
import type { FinishedSpan } from 'spanweave/runtime';

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const T0 = 1_764_000_000_000_000; // microseconds since the epoch

/** A finished span with defaults for everything not given. */
export function finishedSpan(overrides: Partial<FinishedSpan> & { spanId: string }): FinishedSpan {
  return {
    traceId: TRACE_ID,
    operationName: 'op',
    service: 'checkout',
    startTime: T0,
    duration: 1000,
    tags: {},
    logs: [],
    references: [],
    baggage: {},
    traceFlags: 1,
    ...overrides,
  };
}

/** The spans of one trace in the order they finish (children first, the server root last). */
export function sampleTrace(): FinishedSpan[] {
  const root = 'a000000000000001';
  const load = 'a000000000000002';
  const call = 'a000000000000003';
  const render = 'a000000000000004';
  const boom = new Error('Service Unavailable');
  return [
    finishedSpan({
      spanId: call,
      parentId: load,
      operationName: 'GET',
      startTime: T0 + 1000,
      duration: 5000,
      tags: { 'span.kind': 'client', 'http.method': 'GET', 'http.status_code': 503, error: true, 'retry.count': 2, ratio: 0.5 },
      logs: [
        { timestamp: T0 + 6000, fields: { event: 'error', 'error.kind': 'Error', 'error.object': boom, message: boom.message, stack: boom.stack } },
      ],
      references: [{ type: 'child_of', traceId: TRACE_ID, spanId: load }],
    }),
    finishedSpan({
      spanId: load,
      parentId: root,
      operationName: 'OrderService.load',
      startTime: T0 + 400,
      duration: 8100,
      tags: { 'code.function': 'load', 'code.namespace': 'OrderService', 'code.lineno': 12 },
      references: [{ type: 'child_of', traceId: TRACE_ID, spanId: root }],
    }),
    finishedSpan({
      spanId: render,
      parentId: root,
      operationName: 'render',
      startTime: T0 + 10900,
      duration: 1200,
      logs: [{ timestamp: T0 + 11000, fields: { event: 'cache-miss', key: 'order:7', size: 3 } }],
      references: [
        { type: 'child_of', traceId: TRACE_ID, spanId: root },
        { type: 'follows_from', traceId: TRACE_ID, spanId: load },
      ],
    }),
    finishedSpan({
      spanId: root,
      operationName: 'GET /orders/:id',
      startTime: T0,
      duration: 12300,
      tags: { 'span.kind': 'server', 'http.method': 'GET', 'http.status_code': 200, sampled: true },
      baggage: { tenant: 'acme' },
      traceFlags: 3,
      traceState: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
    }),
  ];
}
