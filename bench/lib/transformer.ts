import type ts from 'typescript';
import { createTransformer, type SpanweaveOptions } from 'spanweave/transformer';

export type BeforeTransformer = (program: ts.Program, addDiagnostic: (d: ts.Diagnostic) => void) => ts.TransformerFactory<ts.SourceFile>;

/**
 * spanweave's transformer as a `before` transformer for the compiler API,
 * with `options` as its tsconfig plugin entry. Its warnings are kept with the
 * errors, so a benchmark subject that spanweave would not instrument fully
 * fails to compile instead of being measured half-done.
 */
export function spanweaveTransformer(options: SpanweaveOptions): BeforeTransformer {
  return (program, addDiagnostic) => createTransformer(program, options, { addDiagnostic, reportWarning: addDiagnostic });
}
