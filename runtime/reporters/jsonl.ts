/**
 * The JSON lines reporter: one finished span per line, as the documented
 * FinishedSpan shape, to a file or a stream.
 *
 * `report` only turns the span into a line and keeps it: lines are written in
 * one chunk when `maxBatchLines` are waiting or after `flushIntervalMs`, so the
 * app never waits on the disk. While the stream has more than
 * `maxPendingBytes` it has not yet written (a slow disk or a stalled pipe),
 * new spans are dropped and counted instead of held. Lines still kept when
 * the program ends are written on `beforeExit`.
 */
import * as fs from 'node:fs';
import type { FinishedSpan, Reporter } from '../model';
import { countExport } from '../export/counters';
import { flushOnBeforeExit, type ExitFlushable } from '../export/process-exit';
import { toPlainJson } from './plain-json';
import { startTimeout, stopTimeout } from '../own-time';

/** Options of {@link JsonLinesReporter}: give `file` or `stream` (neither: `process.stdout`). */
export interface JsonLinesReporterOptions {
  /** A file to append to, created if missing (`SPANWEAVE_JSONL_FILE`). */
  file?: string;
  /** A stream to write to; it is not ended by `shutdown()`. */
  stream?: NodeJS.WritableStream;
  /** Lines kept before they are written in one chunk. Default: 512. */
  maxBatchLines?: number;
  /** Longest wait before kept lines are written. Default: 1000 ms. */
  flushIntervalMs?: number;
  /** Bytes the stream may hold unwritten before spans are dropped. Default: 16 MiB. */
  maxPendingBytes?: number;
}

/** Writes each finished span as one line of JSON. */
export class JsonLinesReporter implements Reporter, ExitFlushable {
  private readonly stream: NodeJS.WritableStream;
  private readonly ownsStream: boolean;
  private readonly maxBatchLines: number;
  private readonly flushIntervalMs: number;
  private readonly maxPendingBytes: number;
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly undoExitHook: () => void;

  constructor(options: JsonLinesReporterOptions = {}) {
    this.ownsStream = options.stream === undefined && options.file !== undefined;
    this.stream = options.stream ?? (options.file !== undefined ? openAppend(options.file) : process.stdout);
    this.maxBatchLines = options.maxBatchLines ?? 512;
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.maxPendingBytes = options.maxPendingBytes ?? 16 * 1024 * 1024;
    this.undoExitHook = flushOnBeforeExit(this);
  }

  get idle(): boolean {
    return this.lines.length === 0;
  }

  flushAtExit(): Promise<void> {
    return this.flush();
  }

  report(span: FinishedSpan): void {
    if (this.closed) {
      countExport('spansDroppedAfterShutdown');
      return;
    }
    if (pendingBytes(this.stream) > this.maxPendingBytes) {
      countExport('spansDroppedQueueFull');
      return;
    }
    this.lines.push(toPlainJson(span));
    if (this.lines.length >= this.maxBatchLines) this.writeLines();
    else if (!this.timer) {
      this.timer = startTimeout(() => this.writeLines(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes what is kept and resolves once the stream has taken it. */
  flush(): Promise<void> {
    this.writeLines();
    return new Promise((resolve) => {
      try {
        // An empty write's callback runs after every earlier write is done.
        this.stream.write('', () => resolve());
      } catch {
        resolve();
      }
    });
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.undoExitHook();
    if (this.ownsStream) await new Promise<void>((resolve) => this.stream.end(resolve));
  }

  private writeLines(): void {
    if (this.timer) stopTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    const chunk = this.lines.join('\n') + '\n';
    const count = this.lines.length;
    this.lines = [];
    try {
      this.stream.write(chunk);
      countExport('spansExported', count);
    } catch {
      countExport('reporterErrors');
    }
  }
}

/**
 * An append stream whose errors (a missing folder, a full disk) are counted,
 * never thrown. The file is opened at once: a stream that opens it itself
 * would keep the event loop going a turn, in which a program that is ending
 * would run its due timers (unref'd ones too).
 */
function openAppend(file: string): fs.WriteStream {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'a');
  } catch {
    // Left to the stream, which fails to open it again and says so in its 'error' event.
  }
  const stream = fd === undefined ? fs.createWriteStream(file, { flags: 'a' }) : fs.createWriteStream(file, { fd });
  stream.on('error', () => countExport('reporterErrors'));
  return stream;
}

function pendingBytes(stream: NodeJS.WritableStream): number {
  return (stream as Partial<{ writableLength: number }>).writableLength ?? 0;
}
