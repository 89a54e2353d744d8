/**
 * One OTLP/HTTP POST, and the retry policy around it.
 *
 * Retried: 429, 502, 503, 504 and network errors (refused, reset, timed out,
 * an answer that is not HTTP), after `Retry-After` when the collector sends
 * one, else after an exponential backoff with jitter, until the batch's
 * deadline. Anything else is final. Of a response body, only the first
 * `MAX_ANSWER_BYTES` of a success are kept (it may report a partial success);
 * the rest, and every error body, is read and thrown away, so a collector
 * answering garbage costs no memory.
 *
 * Whether a request or a retry wait keeps the process alive depends on the
 * sender's `mode`: not in the background (the app's exit is never delayed;
 * `beforeExit` flushes instead), sockets only while flushing at exit, both
 * during `shutdown()`.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { countExport } from './counters';
import { monotonicMs, startTimeout, stopTimeout, wallClockMs } from '../own-time';

const gzipAsync = promisify(gzip);
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const MAX_BACKOFF_MS = 5000;
const MAX_ANSWER_BYTES = 64 * 1024;

/** What keeps the process alive while a batch is being sent. */
export type SendMode = 'background' | 'exit' | 'shutdown';

/** What the sender needs to know. */
export interface SenderSettings {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  compression: 'gzip' | 'none';
  retryDelayMs: number;
  userAgent: string;
}

/** A collector's success answer: its body (at most MAX_ANSWER_BYTES of it) and content type. */
export interface Delivery {
  body: Buffer;
  contentType: string | undefined;
}

type Attempt = ({ ok: true } & Delivery) | { ok: false; retryable: boolean; retryAfterMs?: number; reason: string };

/** Sends encoded batches to one collector URL, one request at a time. */
export class OtlpHttpSender {
  private mode: SendMode = 'background';
  /** The retry wait in progress, if any. */
  private waiting: NodeJS.Timeout | undefined;
  private readonly url: URL | undefined;
  private readonly agent: http.Agent;
  private readonly inFlight = new Set<http.ClientRequest>();
  private warned = false;

  constructor(private readonly settings: SenderSettings) {
    this.url = parseUrl(settings.url);
    const Agent = this.url?.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 1 });
  }

  /**
   * Sends one body, retrying as the module comment says, for at most
   * `budgetMs` from when the body is ready to go and never after `notAfter`.
   * Resolves to the collector's answer, or undefined when the batch is given up.
   */
  async send(body: Uint8Array, contentType: string, budgetMs: number, notAfter = Infinity): Promise<Delivery | undefined> {
    const payload = this.settings.compression === 'gzip' ? await gzipAsync(body) : body;
    const deadline = Math.min(monotonicMs() + budgetMs, notAfter);
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - monotonicMs();
      if (remaining <= 0) return undefined;
      const result = await this.post(payload, contentType, Math.min(this.settings.timeoutMs, remaining));
      if (result.ok) return { body: result.body, contentType: result.contentType };
      countExport('exportErrors');
      this.warnOnce(`failed (${result.reason})`);
      if (!result.retryable || this.mode === 'exit') return undefined;
      const wait = result.retryAfterMs ?? backoff(this.settings.retryDelayMs, attempt);
      if (monotonicMs() + wait >= deadline) return undefined;
      countExport('exportRetries');
      await this.sleep(wait);
    }
  }

  /** Switches what keeps the process alive (see the module comment), for what is in flight now too. */
  setMode(mode: SendMode): void {
    this.mode = mode;
    for (const request of this.inFlight) {
      if (mode === 'background') request.socket?.unref();
      else request.socket?.ref();
    }
    if (mode === 'shutdown') this.waiting?.ref();
    else this.waiting?.unref();
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private post(body: Uint8Array, contentType: string, timeoutMs: number): Promise<Attempt> {
    const url = this.url;
    if (!url) return Promise.resolve({ ok: false, retryable: false, reason: `invalid URL "${this.settings.url}"` });
    return new Promise((resolve) => {
      let settled = false;
      /** Set once a 2xx status arrived: from then on, the answer is a success whatever happens to the body. */
      let finishSuccess: (() => void) | undefined;
      const settle = (attempt: Attempt): void => {
        if (settled) return;
        if (!attempt.ok && finishSuccess) return finishSuccess();
        settled = true;
        resolve(attempt);
      };
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        { method: 'POST', agent: this.agent, headers: this.requestHeaders(contentType, body.byteLength) },
        (response) => {
          response.on('error', () => {});
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) finishSuccess = readSuccess(response, settle);
          else {
            response.resume(); // read and discard
            settle(failure(response));
          }
        },
      );
      this.inFlight.add(request);
      // Bounds the whole exchange, a slow or endless response body included.
      const timer = startTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
      request.on('socket', (socket) => (this.mode === 'background' ? socket.unref() : socket.ref()));
      request.on('error', (error) => settle({ ok: false, retryable: true, reason: error.message }));
      request.on('close', () => {
        stopTimeout(timer);
        this.inFlight.delete(request);
        settle({ ok: false, retryable: true, reason: 'connection closed without an answer' });
      });
      request.end(body);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = startTimeout(() => {
        this.waiting = undefined;
        resolve();
      }, ms);
      if (this.mode !== 'shutdown') this.waiting.unref();
    });
  }

  private requestHeaders(contentType: string, length: number): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {
      ...this.settings.headers,
      'content-type': contentType,
      'content-length': length,
      'user-agent': this.settings.userAgent,
    };
    if (this.settings.compression === 'gzip') headers['content-encoding'] = 'gzip';
    return headers;
  }

  /** One warning per sender, so a down collector is noticed without flooding the log. */
  warnOnce(problem: string): void {
    if (this.warned) return;
    this.warned = true;
    const where = this.url ? `${this.url.origin}${this.url.pathname}` : 'an invalid URL';
    process.emitWarning(`spanweave: OTLP export to ${where} ${problem}; what is not delivered is counted in diagnostics()`);
  }

}

/**
 * A success, settled with the start of its body once the body ends, is cut
 * short, or the exchange is closed (a body that never ends is cut by the
 * request's timeout, and the answer is still a success).
 */
function readSuccess(response: http.IncomingMessage, settle: (attempt: Attempt) => void): () => void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    if (size >= MAX_ANSWER_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  const done = () => settle({ ok: true, body: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES), contentType: response.headers['content-type'] });
  response.on('end', done);
  response.on('close', done);
  return done;
}

function failure(response: http.IncomingMessage): Attempt {
  const status = response.statusCode ?? 0;
  return {
    ok: false,
    retryable: RETRYABLE_STATUS.has(status),
    retryAfterMs: retryAfterMs(response.headers['retry-after']),
    reason: `HTTP ${status}`,
  };
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = wallClockMs()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `attempt` (0-based): doubling from `base`, capped, with jitter in [half, full]. */
export function backoff(base: number, attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, base * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function parseUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
