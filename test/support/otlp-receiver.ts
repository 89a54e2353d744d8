/**
 * An OTLP/HTTP receiver on 127.0.0.1 for the export tests. It decodes each
 * request with the official OpenTelemetry protobuf definitions (the
 * opentelemetry-proto messages compiled by OpenTelemetry JS, shipped in
 * @opentelemetry/otlp-transformer) and turns it into plain data with hex ids
 * and string enums, whichever protocol it came in.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

// The generated module has no types of its own that this test needs.
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root');
const ExportTraceServiceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
const ExportTraceServiceResponse = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
const TO_OBJECT = { longs: String, enums: String, bytes: String, defaults: false, oneofs: false };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body as sent (still compressed, if it was). */
  raw: Buffer;
  /** The decoded ExportTraceServiceRequest, ids as hex. */
  decoded: any;
  /** When it arrived (Date.now()). */
  at: number;
}

/** How the receiver answers one request; `hang` never answers. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string | Buffer } | 'hang' | 'endless';

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Resolves when `count` requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver; `answer` decides the reply to each request (default: 200). */
export async function startReceiver(answer: (index: number) => Answer = () => ({ status: 200 })): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const index = requests.length;
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, raw, decoded: decodeRequest(req.headers, raw), at: Date.now() });
      for (const w of waiters.filter((w) => requests.length >= w.count)) w.resolve();
      const reply = answer(index);
      if (reply === 'hang') return;
      if (reply === 'endless') return streamForever(res);
      res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A 200 whose body never ends: a chunk of garbage every few milliseconds until the client goes away. */
function streamForever(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/x-protobuf' });
  const timer = setInterval(() => res.write(Buffer.alloc(16 * 1024, 0xff)), 5);
  res.on('close', () => clearInterval(timer));
}

/** A collector's answer that rejects `rejectedSpans` spans, encoded as the official definitions say. */
export function partialSuccessAnswer(rejectedSpans: number, errorMessage: string, json: boolean): Answer {
  const partialSuccess = { rejectedSpans, errorMessage };
  if (json) return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } }) };
  const body = Buffer.from(ExportTraceServiceResponse.encode(ExportTraceServiceResponse.fromObject({ partialSuccess })).finish());
  return { status: 200, headers: { 'content-type': 'application/x-protobuf' }, body };
}

/** Decodes a body as the collector would: by content type and content encoding. */
export function decodeRequest(headers: http.IncomingHttpHeaders, raw: Buffer): any {
  const body = headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
  if (headers['content-type'] === 'application/x-protobuf') {
    return idsToHex(ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), TO_OBJECT));
  }
  if (headers['content-type'] === 'application/json') return decodeJson(body.toString('utf8'));
  throw new Error(`unexpected content-type ${headers['content-type']}`);
}

/**
 * OTLP/JSON is the protobuf JSON mapping except that ids are hex: turn them
 * into base64, read the message with the official definitions, and write it
 * back. A field the definitions do not know is lost on the way, so a test that
 * compares the result with what it expects catches it.
 */
function decodeJson(text: string): any {
  const json = JSON.parse(text);
  mapIds(json, (hex) => Buffer.from(hex, 'hex').toString('base64'));
  return idsToHex(ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.fromObject(json), TO_OBJECT));
}

function idsToHex(request: any): any {
  return mapIds(request, (b64) => Buffer.from(b64, 'base64').toString('hex'));
}

function mapIds(request: any, convert: (id: string) => string): any {
  for (const rs of request.resourceSpans ?? []) {
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        for (const key of ['traceId', 'spanId', 'parentSpanId']) if (span[key]) span[key] = convert(span[key]);
        for (const link of span.links ?? []) for (const key of ['traceId', 'spanId']) link[key] = convert(link[key]);
      }
    }
  }
  return request;
}

/** A URL where nothing listens: a port that was just free. */
export async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
