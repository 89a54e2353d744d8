/**
 * `spanweave/bundler`: the JavaScript instrumenter as a plugin for Vite,
 * Rollup, esbuild, webpack and Rspack, one definition adapted to each by
 * unplugin. Each module of the application (under the project folder,
 * outside node_modules) is instrumented in the bundler's transform step,
 * before its own TypeScript step (`enforce: 'pre'`), and the map returned
 * goes on into the bundle's map, so positions lead back to the source.
 *
 *   // vite.config.ts
 *   import { vite as spanweave } from 'spanweave/bundler';
 *   export default { plugins: [spanweave({ functions: 'exported' })] };
 *
 * Options: the tsconfig's spanweave plugin entry (`project`, default
 * ./tsconfig.json, as for `spanweave instrument`) with the options given
 * here over it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createUnplugin, type SourceMapCompact, type UnpluginFactory, type UnpluginInstance } from 'unplugin';
import { OWN_REQUIRE_MESSAGE } from '../own-require';
import { writeReport } from '../report';
import { projectOptions } from './cli';
import { JsInstrumenter, type JsInstrumenterOptions } from './instrumenter';
import { isApplicationFile, mapFileOf, withoutMapFileComment } from './load';

/** The plugin's options: the transformer's, and where to read more of them. */
export interface SpanweaveBundlerOptions extends JsInstrumenterOptions {
  /**
   * The tsconfig whose spanweave plugin entry (`compilerOptions.plugins`)
   * gives the options; those given here apply over it. Its folder is the
   * default `projectDir`. Default: ./tsconfig.json when there is one;
   * `false` reads none.
   */
  project?: string | false;
}

/** Scripts a bundler may hand over: JavaScript and TypeScript, with or without JSX. */
const SCRIPT = /\.[cm]?[jt]sx?$/;
const NOT_DEPENDENCIES = { id: { include: SCRIPT, exclude: /[\\/]node_modules[\\/]/ } };
/** Bundlers that chain the map of each step to the code the step was given, and read no `sourceMappingURL` comments. */
const CHAINING_BUNDLERS: ReadonlySet<string> = new Set(['rollup', 'vite', 'rolldown', 'unloader']);

/** The plugin definition unplugin adapts to each bundler. */
export const spanweaveFactory: UnpluginFactory<SpanweaveBundlerOptions | undefined, false> = (given = {}, meta) => {
  const { project, ...overrides } = given;
  const fromProject = project === false ? { options: {}, projectDir: process.cwd() } : projectOptions(project);
  const projectDir = path.resolve(overrides.projectDir ?? fromProject.projectDir);
  const instrumenter = new JsInstrumenter({ ...fromProject.options, ...overrides, projectDir });
  for (const warning of instrumenter.warnings) process.emitWarning(warning);
  const appFile = (id: string): string | undefined => {
    const file = fileOf(id);
    return file !== undefined && isApplicationFile(projectDir, file) ? file : undefined;
  };
  const chaining = CHAINING_BUNDLERS.has(meta.framework);
  return {
    name: 'spanweave',
    enforce: 'pre',
    // Rollup and Vite take a module's map from its load step only: a built file's own map is handed over there.
    load: chaining
      ? {
          filter: NOT_DEPENDENCIES,
          handler(id) {
            const filename = appFile(id);
            if (filename === undefined) return null;
            const code = fs.readFileSync(filename, 'utf8');
            const map = mapFileOf(code, filename);
            return map === undefined ? null : { code, map: map as SourceMapCompact };
          },
        }
      : undefined,
    transform: {
      filter: NOT_DEPENDENCIES,
      handler(code, id) {
        const filename = appFile(id);
        if (filename === undefined) return null;
        try {
          const result = instrumenter.instrument(code, { filename, inputSourceMap: mapFileOf(code, filename), chainInputMap: !chaining });
          if (result.unchangedBecause === 'declares its own require') this.warn(`${filename} is bundled uninstrumented: ${OWN_REQUIRE_MESSAGE}`);
          return result.changed ? { code: withoutMapFileComment(result.code), map: result.map as SourceMapCompact | undefined } : null;
        } catch (error) {
          this.warn(`${filename} is bundled uninstrumented: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        }
      },
    },
    buildEnd() {
      for (const warning of instrumenter.unusedRules()) process.emitWarning(warning);
      if (instrumenter.options.report !== undefined) writeReport(path.resolve(projectDir, instrumenter.options.report), instrumenter.report());
    },
  };
};

/** A module id as a file path; not a virtual module (`\0`) or one with a query (`?raw`), which are not the file's code. */
function fileOf(id: string): string | undefined {
  if (id.startsWith('\0') || id.includes('?') || !path.isAbsolute(id)) return undefined;
  return SCRIPT.test(id) ? id : undefined;
}

/** The plugin for every bundler unplugin knows. */
export const spanweave: UnpluginInstance<SpanweaveBundlerOptions | undefined, false> = createUnplugin(spanweaveFactory);

/** `plugins: [vite(options)]` in vite.config. */
export const vite = spanweave.vite;
/** `plugins: [rollup(options)]` in rollup.config. */
export const rollup = spanweave.rollup;
/** `plugins: [esbuild(options)]` in `esbuild.build()`. */
export const esbuild = spanweave.esbuild;
/** `plugins: [webpack(options)]` in webpack.config. */
export const webpack = spanweave.webpack;
/** `plugins: [rspack(options)]` in rspack.config. */
export const rspack = spanweave.rspack;
