/**
 * Whether a file is run as CommonJS or as an ES module, which decides how it
 * imports the runtime (`require` or `import`). Known from the loader, from
 * the extension (.mjs/.mts, .cjs/.cts), or else from the file's own syntax:
 * `import`/`export` make it a module. A `.js` file without either in a
 * `"type": "module"` package must be told (`format: "module"`): the CLI and
 * the loader do that from the package.json.
 */
import type * as ts from 'typescript';

/** How a file is run. */
export type ModuleFormat = 'module' | 'commonjs';

export function moduleFormatOf(tsi: typeof ts, file: ts.SourceFile, given: ModuleFormat | undefined): ModuleFormat {
  if (given !== undefined) return given;
  if (/\.m[jt]sx?$/.test(file.fileName)) return 'module';
  if (/\.c[jt]sx?$/.test(file.fileName)) return 'commonjs';
  return tsi.isExternalModule(file) ? 'module' : 'commonjs';
}
