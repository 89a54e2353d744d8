/**
 * spanweave's problems as TypeScript diagnostics, so tspc prints them like its
 * own and exits non-zero on an error.
 */
import type * as ts from 'typescript';
import type { OptionProblem } from './options';

/**
 * Diagnostic codes: 99501 options, 99502 an unused rule, 99503 a fault while
 * transforming, 99504 a file from outside the program (emitted without spans),
 * 99505 a TypeScript older than spanweave supports, 99506 a CommonJS file that
 * declares its own `require` (emitted without spans).
 */
export const DIAGNOSTIC_CODES = { option: 99501, unusedRule: 99502, fault: 99503, outsideProgram: 99504, typescriptVersion: 99505, ownRequire: 99506 } as const;

export function toDiagnostic(tsi: typeof ts, problem: OptionProblem, code: number, node?: ts.Node): ts.Diagnostic {
  const file = node?.getSourceFile();
  return {
    category: problem.severity === 'error' ? tsi.DiagnosticCategory.Error : tsi.DiagnosticCategory.Warning,
    code,
    file,
    start: node && file ? node.getStart(file) : undefined,
    length: node && file ? node.getWidth(file) : undefined,
    messageText: `spanweave: ${problem.message}`,
    source: 'spanweave',
  };
}
