/**
 * A fixture's module compiled as tsc compiles one file (no type check, so
 * in milliseconds), with its map in a file beside it, as a build leaves it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** `<fixture>/src/<name>.ts` compiled to `<outDir>/<name><extension>` and its `.map`; returns the output's path. */
export function transpileTo(fixture: string, name: string, outDir: string, module: ts.ModuleKind, extension = '.js'): string {
  const source = path.join(fixture, 'src', `${name}.ts`);
  const compilerOptions = { module, target: ts.ScriptTarget.ES2022, sourceMap: true };
  const { outputText, sourceMapText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), { compilerOptions, fileName: source });
  const out = path.join(outDir, `${name}${extension}`);
  const map = { ...(JSON.parse(sourceMapText!) as object), file: path.basename(out), sources: [path.relative(outDir, source)] };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(out, outputText.replace(/\/\/# sourceMappingURL=.*$/, `//# sourceMappingURL=${path.basename(out)}.map`));
  fs.writeFileSync(`${out}.map`, JSON.stringify(map));
  return out;
}
