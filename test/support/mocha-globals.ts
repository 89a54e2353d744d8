/**
 * Mocha-style globals (describe, it, it.skip, beforeEach) mapped onto
 * node:test, for suites written for mocha such as opentracing's own API
 * compatibility checks.
 */
import { beforeEach, describe, it } from 'node:test';

type MochaGlobals = { describe: typeof describe; it: typeof it; beforeEach: typeof beforeEach };

/** Installs the globals; node:test's `it` already has `skip` and `only`. */
export function installMochaGlobals(): void {
  const target = globalThis as unknown as MochaGlobals;
  target.describe = describe;
  target.it = it;
  target.beforeEach = beforeEach;
}
