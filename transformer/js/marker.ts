/**
 * Already-instrumented code (by the transformer, or by an earlier run of the
 * JavaScript instrumenter) is left as it is: it imports the runtime and
 * calls a name only emitted code calls (runtime/contract.ts).
 */
import { CONTRACT_NAMES } from '../../runtime/contract';

/** Names a user's own code has no reason to call (all but the `tracing` switch). */
const EMITTED_ONLY = CONTRACT_NAMES.filter((name) => name !== 'tracing');
const EMITTED_CALL = new RegExp(`\\.(?:${EMITTED_ONLY.join('|')})\\s*\\(`);

export function isInstrumented(code: string, runtime: string): boolean {
  return (code.includes(`"${runtime}"`) || code.includes(`'${runtime}'`)) && EMITTED_CALL.test(code);
}
