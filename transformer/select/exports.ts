/**
 * Which declarations of a file its module exports, however they are exported
 * (`export function`, `export { f }`, `export default`, `export =`), and the
 * exported members of the namespaces it exports (`export namespace N {
 * export function f() {} }`: `N.f` is as public as an exported function).
 */
import type * as ts from 'typescript';

/** The declarations in `file` that the file's module exports. Empty for a script. */
export function exportedDeclarations(tsi: typeof ts, checker: ts.TypeChecker, file: ts.SourceFile): ReadonlySet<ts.Node> {
  const exported = new Set<ts.Node>();
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (moduleSymbol === undefined) return exported;
  // `export = f` makes `f` the module itself: the checker's exports of the
  // module are then the members of `f`, so the assignment is read on its own.
  const assigned = moduleSymbol.exports?.get('export=' as ts.__String);
  const symbols = assigned === undefined ? checker.getExportsOfModule(moduleSymbol) : [assigned, ...checker.getExportsOfModule(moduleSymbol)];
  const namespacesSeen = new Set<ts.Symbol>();
  const add = (symbols: readonly ts.Symbol[]): void => {
    for (const symbol of symbols) {
      const target = symbol.flags & tsi.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      for (const declaration of [...(symbol.declarations ?? []), ...(target.declarations ?? [])]) {
        if (declaration.getSourceFile() === file) exported.add(declaration);
      }
      if (target.flags & tsi.SymbolFlags.Module && !namespacesSeen.has(target)) {
        namespacesSeen.add(target);
        add(checker.getExportsOfModule(target));
      }
    }
  };
  add(symbols);
  return exported;
}
