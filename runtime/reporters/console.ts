/**
 * The console reporter: one indented tree per trace, printed when the trace's
 * local root finishes.
 *
 * A reporter sees spans only as they finish, children before their parent, so
 * it buffers each trace's spans and prints the tree when a local root arrives:
 * a span without a parent at once; a server/consumer span whose parent it has
 * not seen once `remoteParentGraceMs` pass without another span of its trace.
 * That parent is usually in the calling process, but a caller in this process
 * (a client span, finished only after the server answered it) arrives within
 * the grace, and the whole trace prints as one tree. Spans still buffered after
 * `idleMs` without news of their trace (a local root that is a child of a
 * remote span but not a server span, or spans that finish after their root)
 * are printed then, and everything is printed on `flush()` and when the
 * program ends (`beforeExit`).
 */
import type { FinishedSpan, Reporter } from '../model';
import { countExport } from '../export/counters';
import { flushOnBeforeExit, type ExitFlushable } from '../export/process-exit';
import { renderTrace } from './trace-tree';
import { monotonicMs, startInterval, stopInterval } from '../own-time';

/** Options of {@link ConsoleReporter}. */
export interface ConsoleReporterOptions {
  /** Where the trees go. Default: `process.stdout`. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** ANSI colours. Default: when the stream is a TTY and `NO_COLOR` is not set. */
  color?: boolean;
  /** A trace with no new span for this long is printed as it is. Default: 2000 ms. */
  idleMs?: number;
  /**
   * A trace whose local root is a server or consumer span with an unseen
   * parent is printed once no new span of it arrives for this long, so that
   * a caller in the same process joins the tree. Default: 100 ms.
   */
  remoteParentGraceMs?: number;
  /** Most spans held while their traces wait to be printed; past it the oldest trace is printed early. Default: 10000. */
  maxBufferedSpans?: number;
}

interface PendingTrace {
  spans: FinishedSpan[];
  /** When the last span of this trace arrived (monotonicMs()). */
  lastSeen: number;
  /**
   * When the first server or consumer span with an unseen parent arrived:
   * print `remoteParentGraceMs` after `lastSeen`, and at the latest `idleMs`
   * after this, however often the trace's spans keep coming.
   */
  remoteRootSince: number | undefined;
}

/** Prints each finished trace as a tree. */
export class ConsoleReporter implements Reporter, ExitFlushable {
  private readonly stream: NodeJS.WritableStream;
  private readonly color: boolean;
  private readonly idleMs: number;
  private readonly remoteParentGraceMs: number;
  private readonly maxBufferedSpans: number;
  /** Insertion order is arrival order of each trace's first span: the first entry is the oldest. */
  private readonly pending = new Map<string, PendingTrace>();
  private buffered = 0;
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly undoExitHook: () => void;

  constructor(options: ConsoleReporterOptions = {}) {
    const stream = options.stream ?? process.stdout;
    this.stream = stream;
    this.color = options.color ?? (stream.isTTY === true && !process.env.NO_COLOR);
    this.idleMs = options.idleMs ?? 2000;
    this.remoteParentGraceMs = options.remoteParentGraceMs ?? 100;
    this.maxBufferedSpans = options.maxBufferedSpans ?? 10_000;
    this.undoExitHook = flushOnBeforeExit(this);
  }

  get idle(): boolean {
    return this.pending.size === 0;
  }

  report(span: FinishedSpan): void {
    if (this.closed) {
      countExport('spansDroppedAfterShutdown');
      return;
    }
    let trace = this.pending.get(span.traceId);
    if (!trace) {
      trace = { spans: [], lastSeen: 0, remoteRootSince: undefined };
      this.pending.set(span.traceId, trace);
    }
    const remoteRoot = this.hasRemoteParent(span, trace);
    trace.spans.push(span);
    trace.lastSeen = monotonicMs();
    if (remoteRoot && trace.remoteRootSince === undefined) trace.remoteRootSince = trace.lastSeen;
    this.buffered++;
    if (span.parentId === undefined) this.print(span.traceId);
    else if (this.buffered > this.maxBufferedSpans) this.print(this.pending.keys().next().value!);
    else this.armSweeper();
  }

  async flush(): Promise<void> {
    for (const traceId of [...this.pending.keys()]) this.print(traceId);
  }

  flushAtExit(): Promise<void> {
    return this.flush();
  }

  async shutdown(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.undoExitHook();
    if (this.sweeper) stopInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** A server or consumer span whose parent this reporter has not seen: the root of this process's part of the trace, so far. */
  private hasRemoteParent(span: FinishedSpan, trace: PendingTrace): boolean {
    if (span.parentId === undefined) return false;
    const kind = span.tags['span.kind'];
    if (kind !== 'server' && kind !== 'consumer') return false;
    return !trace.spans.some((s) => s.spanId === span.parentId);
  }

  private print(traceId: string): void {
    const trace = this.pending.get(traceId);
    if (!trace) return;
    this.pending.delete(traceId);
    this.buffered -= trace.spans.length;
    try {
      this.stream.write(renderTrace(trace.spans, { color: this.color }));
      countExport('spansExported', trace.spans.length);
    } catch {
      countExport('reporterErrors');
    }
  }

  /** One unref'd timer for all traces, running only while some are buffered. */
  private armSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = startInterval(() => this.sweep(), Math.max(10, Math.min(this.idleMs, this.remoteParentGraceMs) / 2));
    this.sweeper.unref();
  }

  private sweep(): void {
    const now = monotonicMs();
    for (const [traceId, trace] of this.pending) {
      const waited = now - trace.lastSeen;
      const since = trace.remoteRootSince;
      if (waited >= this.idleMs || (since !== undefined && (waited >= this.remoteParentGraceMs || now - since >= this.idleMs))) this.print(traceId);
    }
    if (this.pending.size === 0 && this.sweeper) {
      stopInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}
