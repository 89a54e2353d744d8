import type { FinishedSpan, Reporter } from '../model';

/**
 * Keeps finished spans in memory, in the order they finished: for tests, and
 * for programs that inspect their own traces.
 */
export class MemoryReporter implements Reporter {
  private finished: FinishedSpan[] = [];

  report(span: FinishedSpan): void {
    this.finished.push(span);
  }

  /** The spans reported so far (a copy of the list). */
  spans(): FinishedSpan[] {
    return this.finished.slice();
  }

  /** Forgets every span reported so far. */
  clear(): void {
    this.finished = [];
  }

  async flush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
