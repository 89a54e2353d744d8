/** What the running Node's JavaScript engine supports, for tests that need a syntax only newer engines run. */

/** Whether the engine runs `await using` itself (tsc's esnext output keeps it). */
export function runsAwaitUsing(): boolean {
  try {
    new Function('return async () => { await using x = null; }');
    return true;
  } catch {
    return false;
  }
}
