/**
 * What the server-hook tests share: a memory reporter behind spanweave's own
 * tracer, real servers on 127.0.0.1, real clients, and waiting for spans
 * without fixed sleeps.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { init, MemoryReporter, type FinishedSpan, type HttpOptions } from 'spanweave/runtime';

/** Routes spans to a fresh memory reporter, with the given HTTP options. */
export function recordSpans(httpOptions: HttpOptions = {}): MemoryReporter {
  const memory = new MemoryReporter();
  init({ serviceName: 'server-test', reporters: [memory], sampler: 'parentbased_always_on', http: httpOptions });
  return memory;
}

/** Starts `server` on a free loopback port and returns its base URL. */
export async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops `server`, dropping idle keep-alive connections. */
export async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Waits (polling, never a fixed sleep) until `memory` holds `count` server spans, and returns them. */
export async function serverSpans(memory: MemoryReporter, count: number): Promise<FinishedSpan[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const spans = memory.spans().filter((span) => span.tags['span.kind'] === 'server');
    if (spans.length >= count) return spans;
    if (Date.now() > deadline) assert.fail(`expected ${count} server spans, got ${spans.length}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The one server span, after asserting there is exactly one. */
export async function onlyServerSpan(memory: MemoryReporter): Promise<FinishedSpan> {
  const spans = await serverSpans(memory, 1);
  // Give a second span, if one were (wrongly) made, the same chance to arrive.
  await new Promise((resolve) => setImmediate(resolve));
  const again = memory.spans().filter((span) => span.tags['span.kind'] === 'server');
  assert.equal(again.length, 1, `one server span, got ${again.map((s) => s.operationName).join(', ')}`);
  return spans[0]!;
}

/** Serves `server` on 127.0.0.1 for one request to `path`: the body and the one server span. */
export async function servedSpan(memory: MemoryReporter, server: http.Server, path: string): Promise<{ body: string; span: FinishedSpan }> {
  memory.clear();
  const url = await listen(server);
  try {
    const { body } = await request(url + path);
    return { body, span: await onlyServerSpan(memory) };
  } finally {
    await close(server);
  }
}

/** Serves an HTTP/2 `server` on 127.0.0.1 for one request to `path` with `headers`, made with node's HTTP/2 client: the body and the one server span. */
export async function servedHttp2Span(memory: MemoryReporter, server: http2.Http2Server, path: string, headers: http2.OutgoingHttpHeaders = {}): Promise<{ body: string; span: FinishedSpan }> {
  memory.clear();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    const body = await new Promise<string>((resolve, reject) => {
      const stream = client.request({ ':path': path, ...headers });
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text)).on('error', reject);
    });
    return { body, span: await onlyServerSpan(memory) };
  } finally {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The same for a Fastify instance, which listens and closes by itself. */
export async function servedFastifySpan(
  memory: MemoryReporter,
  app: { listen(o: object): Promise<string>; close(): Promise<void> },
  path: string,
): Promise<{ body: string; span: FinishedSpan }> {
  memory.clear();
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { body } = await request(url + path);
    return { body, span: await onlyServerSpan(memory) };
  } finally {
    await app.close();
  }
}

/** A response as the tests compare it: status, body, and the headers that do not vary between runs. */
export interface SeenResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const VARYING_HEADERS = new Set(['date', 'etag', 'keep-alive', 'connection']);

/** Sends one request with fetch and reads the whole response. */
export async function request(url: string, init?: RequestInit): Promise<SeenResponse> {
  const response = await fetch(url, init);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!VARYING_HEADERS.has(name)) headers[name] = value;
  });
  return { status: response.status, body: await response.text(), headers };
}

/**
 * Sends a GET and closes the connection once `serverGotIt` resolves (the
 * handler has the request and has not finished its response).
 */
export async function disconnectMidRequest(url: string, serverGotIt: Promise<void>): Promise<void> {
  const client = http.get(url);
  client.on('error', () => undefined);
  await serverGotIt;
  client.destroy();
}

/** A promise and its resolve function, for a handler to tell a test it has been reached. */
export function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The `error` log of a span, if it has one. */
export function errorLog(span: FinishedSpan): Record<string, unknown> | undefined {
  return span.logs.find((log) => log.fields.event === 'error')?.fields;
}
