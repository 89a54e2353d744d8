/**
 * The OTLP/HTTP reporter: finished spans go to a bounded queue and are sent
 * in batches to an OpenTelemetry collector (or Jaeger, Tempo, any OTLP/HTTP
 * receiver) as protobuf or JSON. See docs/export.md.
 */
import type { FinishedSpan, Reporter } from '../model';
import { BatchQueue } from '../export/batch-queue';
import { countExport } from '../export/counters';
import { decodePartialSuccess, encodeBatch } from '../export/otlp-encoding';
import { OtlpHttpSender, type Delivery } from '../export/otlp-http';
import { resolveOtlpConfig, type OtlpConfig, type OtlpExporterOptions } from '../export/otlp-config';
import type { ExportSource } from '../export/otlp-mapping';
import { exportSource, SPANWEAVE_VERSION } from '../export/otlp-resource';
import { flushOnBeforeExit, flushOnSigterm, type ExitFlushable } from '../export/process-exit';
import { monotonicMs } from '../own-time';

export type { OtlpExporterOptions } from '../export/otlp-config';

/** Sends finished spans over OTLP/HTTP. Never blocks or throws into the app. */
export class OtlpReporter implements Reporter, ExitFlushable {
  /** The settings in force, options and environment merged. */
  readonly config: Readonly<OtlpConfig>;
  private readonly source: ExportSource;
  private readonly sender: OtlpHttpSender;
  private readonly queue: BatchQueue<FinishedSpan>;
  private readonly undoHooks: (() => void)[] = [];
  private closed = false;
  /**
   * While flushing at exit: one deadline for the whole flush, so a silent
   * collector delays exit by `timeoutMs` at most. It starts when the first
   * body is ready, so loading the encoder and encoding never eat the only attempt.
   */
  private exitDeadline: number | undefined;

  /** @param env where the OTEL_* variables are read; options win over them. */
  constructor(options: OtlpExporterOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    this.config = resolveOtlpConfig(options, env);
    this.source = exportSource(this.config.resourceAttributes);
    this.sender = new OtlpHttpSender({ ...this.config, userAgent: `spanweave/${SPANWEAVE_VERSION}` });
    this.queue = new BatchQueue(this.config, (batch) => this.exportBatch(batch));
    if (this.config.flushOnBeforeExit) this.undoHooks.push(flushOnBeforeExit(this));
    if (this.config.flushOnSigterm) this.undoHooks.push(flushOnSigterm(this));
  }

  get idle(): boolean {
    return this.queue.idle;
  }

  report(span: FinishedSpan): void {
    if (this.closed) countExport('spansDroppedAfterShutdown');
    else this.queue.add(span);
  }

  /** Sends everything queued, with retries, and waits for it (the process is kept alive meanwhile). */
  flush(): Promise<void> {
    return this.flushIn('shutdown');
  }

  /** Sends what is queued with one attempt per batch, all within `timeoutMs`: what `beforeExit` and SIGTERM call. */
  async flushAtExit(): Promise<void> {
    this.exitDeadline = Infinity;
    try {
      await this.flushIn('exit');
    } finally {
      this.exitDeadline = undefined;
    }
  }

  /** Flushes, then drops later spans and closes the connection. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const undo of this.undoHooks.splice(0)) undo();
    await this.flush();
    this.queue.clear();
    this.sender.close();
  }

  private async flushIn(mode: 'exit' | 'shutdown'): Promise<void> {
    this.sender.setMode(mode);
    try {
      await this.queue.flush();
    } finally {
      this.sender.setMode('background');
    }
  }

  private async exportBatch(batch: FinishedSpan[]): Promise<void> {
    let delivery: Delivery | undefined;
    try {
      const { body, contentType } = encodeBatch(batch, this.source, this.config.protocol);
      if (this.exitDeadline === Infinity) this.exitDeadline = monotonicMs() + this.config.timeoutMs;
      delivery = await this.sender.send(body, contentType, this.config.exportTimeoutMs, this.exitDeadline);
    } catch {
      countExport('reporterErrors');
    }
    if (!delivery) return countExport('spansDroppedExportFailed', batch.length);
    const partial = decodePartialSuccess(delivery.body, delivery.contentType);
    const rejected = Math.min(partial?.rejectedSpans ?? 0, batch.length);
    if (partial) this.sender.warnOnce(`partly succeeded: ${partial.rejectedSpans} spans rejected (${partial.errorMessage})`);
    countExport('spansRejected', rejected);
    countExport('spansExported', batch.length - rejected);
  }
}
