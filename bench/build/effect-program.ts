import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/paths';
import { writeTsconfigs } from './tsconfigs';

/** effect's npm package, a devDependency pinned to one version: it ships the TypeScript sources its JavaScript is built from. */
const EFFECT = path.join(ROOT, 'node_modules', 'effect');

/** The installed effect's version, for the report. */
export function effectVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(EFFECT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Writes a real large program into `dir`: effect's core, that is every module
 * at the top of its `src/` and what they import (in 4.1.0, 249 modules and
 * 334,000 lines), or for a quick run only `Function.ts` and its imports.
 *
 * The sources are copied so the build's output stays out of node_modules. The
 * compiler options are those of effect's own build (strict, exact optional
 * properties, no unused locals, NodeNext, ES2022, `effect/…` self-imports
 * mapped to the sources, `.ts` import extensions rewritten on emit), except
 * that `@types/node` is left out (the core does not need it) and nothing but
 * JavaScript is emitted (no declarations, no source maps, no build info), as
 * in the generated programs' builds.
 */
export function writeEffectProgram(dir: string, quick: boolean): void {
  fs.cpSync(path.join(EFFECT, 'src'), path.join(dir, 'src'), { recursive: true });
  // The sources are ES modules, as in effect's own package.json.
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeTsconfigs(dir, {
    compilerOptions: {
      target: 'es2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      moduleDetection: 'force',
      isolatedModules: true,
      rewriteRelativeImportExtensions: true,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUnusedLocals: true,
      noFallthroughCasesInSwitch: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      skipLibCheck: true,
      lib: ['esnext', 'dom', 'dom.iterable'],
      types: [],
      paths: { effect: ['./src/index.ts'], 'effect/*': ['./src/*.ts'] },
      rootDir: 'src',
      outDir: 'out',
    },
    include: quick ? ['src/Function.ts'] : ['src/*.ts'],
  });
}
