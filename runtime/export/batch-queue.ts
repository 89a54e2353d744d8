/**
 * A bounded queue that hands items to an export function in batches: when a
 * batch is full, or `scheduledDelayMs` after the first item waited, and never
 * two exports at once. When the queue is full, new items are dropped and
 * counted; `add` costs one array push, so the app never waits on the export.
 */
import { countExport } from './counters';
import { startTimeout, stopTimeout } from '../own-time';

export interface BatchQueueSettings {
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMs: number;
}

/** Sends one batch. Must not reject: failures are the export function's to count. */
export type ExportBatch<T> = (batch: T[]) => Promise<void>;

export class BatchQueue<T> {
  private queue: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private exporting: Promise<void> | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly settings: BatchQueueSettings,
    private readonly exportBatch: ExportBatch<T>,
  ) {}

  /** Items waiting, plus whether a batch is being sent. */
  get idle(): boolean {
    return this.queue.length === 0 && this.exporting === undefined;
  }

  add(item: T): void {
    if (this.queue.length >= this.settings.maxQueueSize) {
      countExport('spansDroppedQueueFull');
      return;
    }
    this.queue.push(item);
    if (this.queue.length >= this.settings.maxExportBatchSize) this.start();
    else this.arm();
  }

  /**
   * Sends everything queued when called (and waits for the batch in flight).
   * Concurrent calls share one flush, so a flush started on `beforeExit` is
   * not started again each time the event emits.
   */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Drops what is queued and stops the timer. */
  clear(): void {
    this.queue = [];
    if (this.timer) stopTimeout(this.timer);
    this.timer = undefined;
  }

  private async drain(): Promise<void> {
    // The batches queued now, plus the one in flight: items added meanwhile wait for the next round.
    let rounds = Math.ceil(this.queue.length / this.settings.maxExportBatchSize) + 1;
    while (rounds-- > 0 && !this.idle) {
      this.start();
      await this.exporting;
    }
  }

  /** Starts an export unless one is running; it goes on while full batches wait. */
  private start(): void {
    if (this.exporting || this.queue.length === 0) return;
    if (this.timer) stopTimeout(this.timer);
    this.timer = undefined;
    this.exporting = this.exportWhileFull().finally(() => {
      this.exporting = undefined;
      this.arm();
    });
  }

  private async exportWhileFull(): Promise<void> {
    do {
      const batch = this.queue.splice(0, this.settings.maxExportBatchSize);
      try {
        await this.exportBatch(batch);
      } catch {
        countExport('reporterErrors');
      }
    } while (this.queue.length >= this.settings.maxExportBatchSize);
  }

  /** One unref'd timer: the queue never keeps the process alive. */
  private arm(): void {
    if (this.timer || this.exporting || this.queue.length === 0) return;
    this.timer = startTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.settings.scheduledDelayMs);
    this.timer.unref();
  }
}
