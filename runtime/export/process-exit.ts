/**
 * Flushing reporters when the process ends on its own (`beforeExit`) and,
 * when asked, on SIGTERM. One listener per event for all reporters, installed
 * on first use.
 *
 * `beforeExit` emits again after the work its listeners start has finished;
 * reporters report whether they still have something to send, so this ends.
 */

/** What a reporter offers to the exit hooks. */
export interface ExitFlushable {
  /** True when nothing is queued or in flight. */
  readonly idle: boolean;
  /** Sends what is queued, best effort (no retry waits, a short deadline); never rejects. */
  flushAtExit(): Promise<void>;
}

const atBeforeExit = new Set<ExitFlushable>();
const atSigterm = new Set<ExitFlushable>();
let beforeExitInstalled = false;

/** Flushes `reporter` when the event loop empties. Returns the undo. */
export function flushOnBeforeExit(reporter: ExitFlushable): () => void {
  atBeforeExit.add(reporter);
  if (!beforeExitInstalled) {
    beforeExitInstalled = true;
    process.on('beforeExit', onBeforeExit);
  }
  return () => atBeforeExit.delete(reporter);
}

function onBeforeExit(): void {
  for (const reporter of atBeforeExit) {
    if (!reporter.idle) void reporter.flushAtExit();
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
