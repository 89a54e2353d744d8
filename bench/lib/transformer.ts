import ts from 'typescript';

/** The ts-patch program-transformer signature spanweave/transformer exports. */
type ProgramTransformer = (
  program: ts.Program,
  config: Record<string, unknown>,
  extras: { ts: typeof ts; addDiagnostic: (d: ts.Diagnostic) => void },
) => ts.TransformerFactory<ts.SourceFile> | { before?: ts.TransformerFactory<ts.SourceFile> };

export type BeforeTransformer = (program: ts.Program, addDiagnostic: (d: ts.Diagnostic) => void) => ts.TransformerFactory<ts.SourceFile>;

/**
 * spanweave's transformer as a `before` transformer for the compiler API, the
 * way ts-patch calls it, with `options` as its tsconfig plugin entry. Undefined
 * (with the reason) while the package has no transformer.
 */
export function spanweaveTransformer(options: Record<string, unknown>): BeforeTransformer | string {
  let entry: ProgramTransformer | undefined;
  try {
    const loaded = require('spanweave/transformer') as ProgramTransformer | { default?: ProgramTransformer };
    entry = typeof loaded === 'function' ? loaded : loaded.default;
  } catch (error) {
    return `spanweave/transformer does not load: ${(error as Error).message.split('\n')[0]}`;
  }
  if (typeof entry !== 'function') return 'spanweave/transformer exports no transformer yet';
  const transformer = entry;
  return (program, addDiagnostic) => {
    const made = transformer(program, { transform: 'spanweave/transformer', ...options }, { ts, addDiagnostic });
    const before = typeof made === 'function' ? made : made.before;
    if (!before) throw new Error('bench: spanweave/transformer returned no before-transformer');
    return before;
  };
}
