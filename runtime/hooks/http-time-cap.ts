/**
 * The time cap on HTTP spans: a server request the app never answers, or a
 * client response nobody reads, has its span finished after
 * `serverSpanTimeoutMs` / `clientSpanTimeoutMs`. One unref'd timer serves
 * every open span of a kind, armed for the earliest deadline; a span that
 * finishes in time only leaves the set. (A timer per request, set, unref'd
 * and cleared, cost more than the rest of the server hook on a busy server.)
 */
import { safely } from '../safe';
import { withSpan } from '../scope';
import { monotonicMs, startTimeout, stopTimeout } from '../own-time';

const WHERE = 'hooks.http-time-cap';
/** The longest delay setTimeout takes; a later deadline is reached in several steps. */
const LONGEST_DELAY_MS = 2 ** 31 - 1;

/** Something with a deadline, on `monotonicMs()`'s clock. */
export interface Capped {
  deadline: number;
}

export interface TimeCap<T extends Capped> {
  /** Gives `entry` a deadline `ms` from now, if `ms` is a usable delay; false when it is not (no cap). */
  add(entry: T, ms: number): boolean;
  /** Takes `entry` out: it settled before its deadline. */
  remove(entry: T): void;
}

/** A time cap that calls `expire` (never twice) for each entry still in it at its deadline. */
export function timeCap<T extends Capped>(expire: (entry: T) => void): TimeCap<T> {
  const open = new Set<T>();
  let timer: ReturnType<typeof startTimeout> | undefined;
  let armedFor = Infinity;

  function arm(deadline: number): void {
    if (timer !== undefined) stopTimeout(timer);
    armedFor = deadline;
    const delay = Math.min(Math.max(deadline - monotonicMs(), 0), LONGEST_DELAY_MS);
    // Armed outside any span: the timer outlives the request that armed it.
    timer = withSpan(undefined, () => startTimeout(fire, delay));
    timer.unref();
  }

  function fire(): void {
    timer = undefined;
    armedFor = Infinity;
    const now = monotonicMs();
    let next = Infinity;
    for (const entry of open) {
      if (entry.deadline <= now) {
        open.delete(entry);
        safely(WHERE, () => expire(entry));
      } else if (entry.deadline < next) {
        next = entry.deadline;
      }
    }
    if (next !== Infinity) arm(next);
  }

  return {
    add(entry, ms) {
      if (!(ms > 0) || !Number.isFinite(ms)) return false;
      entry.deadline = monotonicMs() + ms;
      open.add(entry);
      if (entry.deadline < armedFor) arm(entry.deadline);
      return true;
    },
    remove(entry) {
      open.delete(entry);
    },
  };
}
