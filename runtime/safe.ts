/**
 * The one safe-execute helper: nothing spanweave does may throw into user
 * code. Every hook runs its own logic through `safely` (or catches and calls
 * `countFault`), so a fault is swallowed and counted in `diagnostics()`.
 */
import { counters } from './diagnostics';

/** Set `SPANWEAVE_DEBUG=1` to also print each fault to stderr while developing. */
const printFaults = process.env.SPANWEAVE_DEBUG === '1' || process.env.SPANWEAVE_DEBUG === 'true';

/** Counts a fault that spanweave swallowed; `where` names the place, e.g. `hooks.http-client`. */
export function countFault(where: string, error: unknown): void {
  counters.instrumentationFaults++;
  counters.faultsByPlace[where] = (counters.faultsByPlace[where] ?? 0) + 1;
  if (printFaults) {
    try {
      console.error(`spanweave: fault in ${where}:`, error);
    } catch {
      // stderr itself failed: nothing more to do without risking the host
    }
  }
}

/** Runs `fn`; returns its result, or undefined after counting the fault when it throws. */
export function safely<T>(where: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    countFault(where, error);
    return undefined;
  }
}
