/**
 * Which declarations of a file its module exports, however they are exported
 * (`export function`, `export { f }`, `export default`, `export =`).
 */
import type * as ts from 'typescript';

/** The declarations in `file` that the file's module exports. Empty for a script. */
export function exportedDeclarations(tsi: typeof ts, checker: ts.TypeChecker, file: ts.SourceFile): ReadonlySet<ts.Node> {
  const exported = new Set<ts.Node>();
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (moduleSymbol === undefined) return exported;
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & tsi.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    for (const declaration of [...(symbol.declarations ?? []), ...(target.declarations ?? [])]) {
      if (declaration.getSourceFile() === file) exported.add(declaration);
    }
  }
  return exported;
}
