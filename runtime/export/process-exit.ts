/**
 * Flushing reporters when the process ends on its own (`beforeExit`) and,
 * when asked, on SIGTERM. One listener per event for all reporters, installed
 * on first use.
 *
 * `beforeExit` emits again after the work its listeners start has finished;
 * reporters report whether they still have something to send, so this ends.
 * Work that still finishes spans when the program has nothing left to do
 * (reading how promises settled: runtime/settlement.ts) drains first.
 */
import { countFault } from '../safe';

/** What a reporter offers to the exit hooks. */
export interface ExitFlushable {
  /** True when nothing is queued or in flight. */
  readonly idle: boolean;
  /** Sends what is queued, best effort (no retry waits, a short deadline); never rejects. */
  flushAtExit(): Promise<void>;
}

/**
 * Work that finishes spans and so must come before the reporters' flush.
 * Returns true when it started promise reactions that will: they run as
 * microtasks right after the `beforeExit` listener, before Node looks at the
 * event loop again.
 */
export type ExitDrain = () => boolean;

const atBeforeExit = new Set<ExitFlushable>();
const drains = new Set<ExitDrain>();
const atSigterm = new Set<ExitFlushable>();
let beforeExitInstalled = false;
// Captured at load: a program's patch of Promise.prototype.then never sees spanweave's own microtask.
const nativeThen = Promise.prototype.then;
const RESOLVED = Promise.resolve();

/** Flushes `reporter` when the event loop empties. Returns the undo. */
export function flushOnBeforeExit(reporter: ExitFlushable): () => void {
  atBeforeExit.add(reporter);
  installBeforeExit();
  return () => atBeforeExit.delete(reporter);
}

/** Runs `drain` when the event loop empties, before the reporters flush. */
export function drainOnBeforeExit(drain: ExitDrain): void {
  drains.add(drain);
  installBeforeExit();
}

function installBeforeExit(): void {
  if (beforeExitInstalled) return;
  beforeExitInstalled = true;
  process.on('beforeExit', onBeforeExit);
}

function onBeforeExit(): void {
  let started = false;
  for (const drain of drains) {
    try {
      started = drain() || started;
    } catch (error) {
      countFault('exit.drain', error);
    }
  }
  // The drains' reactions were queued first, so a microtask queued now runs after the spans they finish have reached the reporters.
  if (started) void nativeThen.call(RESOLVED, flushReporters);
  else flushReporters();
}

function flushReporters(): void {
  for (const reporter of atBeforeExit) {
    try {
      if (!reporter.idle) void reporter.flushAtExit();
    } catch (error) {
      // Run from a microtask, a throw would be an unhandled rejection of the program's.
      countFault('exit.flush', error);
    }
  }
}

/**
 * Flushes `reporter` on SIGTERM. Listening to SIGTERM disables Node's default
 * (end the process), so once every reporter has flushed, the process ends by
 * the same signal, unless the app listens to SIGTERM itself: then ending the
 * process is the app's call, as it would be without spanweave. Returns the undo.
 */
export function flushOnSigterm(reporter: ExitFlushable): () => void {
  atSigterm.add(reporter);
  if (atSigterm.size === 1) process.on('SIGTERM', onSigterm);
  return () => {
    atSigterm.delete(reporter);
    if (atSigterm.size === 0) process.off('SIGTERM', onSigterm);
  };
}

function onSigterm(): void {
  const flushes = [...atSigterm].map((reporter) => reporter.flushAtExit());
  void Promise.allSettled(flushes).then(() => {
    process.off('SIGTERM', onSigterm);
    atSigterm.clear();
    if (process.listenerCount('SIGTERM') === 0) process.kill(process.pid, 'SIGTERM');
  });
}
