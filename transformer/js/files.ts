/**
 * Instruments emitted JavaScript on disk, with its source maps: the work of
 * `spanweave instrument <dir or files> [--out <dir>]`, the post-build step
 * for tsgo, esbuild and swc (`tsgo -p . && spanweave instrument dist`).
 *
 * Each `.js`, `.mjs` and `.cjs` file is rewritten in place, or into `--out`
 * at the same relative path. Its map comes from its `sourceMappingURL`
 * comment (a file beside it, or inline); the new map replaces it the same
 * way, chained so that it still leads to the original `.ts` source.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OWN_REQUIRE_MESSAGE } from '../own-require';
import { writeReport } from '../report';
import { JsInstrumenter, type JsInstrumenterOptions } from './instrumenter';
import type { ModuleFormat } from './module-format';
import type { RawSourceMap } from './source-map';

/** What `instrumentFiles` did. */
export interface InstrumentFilesResult {
  /** Files rewritten (their output paths). */
  changed: string[];
  /** Files left as they were, with the reason. */
  unchanged: { file: string; reason: string }[];
  /** Files that could not be instrumented (copied unchanged when `outDir` is set), with the error. */
  failed: { file: string; error: string }[];
  /** Warnings: option problems that are not errors, rules that matched nothing. */
  warnings: string[];
}

export interface InstrumentFilesOptions extends JsInstrumenterOptions {
  /** Folders (searched recursively, node_modules excepted) and files. */
  inputs: string[];
  /** Where to write; default: in place. Relative paths under it mirror those under each input folder. */
  outDir?: string;
}

const SCRIPT = /\.[cm]?js$/;
const MAP_COMMENT = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/;

export function instrumentFiles(options: InstrumentFilesOptions): InstrumentFilesResult {
  const { inputs, outDir, ...instrumenterOptions } = options;
  const instrumenter = new JsInstrumenter(instrumenterOptions);
  const result: InstrumentFilesResult = { changed: [], unchanged: [], failed: [], warnings: [...instrumenter.warnings] };
  for (const { file, base } of inputs.flatMap(listScripts)) {
    const target = outDir === undefined ? file : path.join(path.resolve(outDir), path.relative(base, file));
    try {
      const done = instrumentOne(instrumenter, file, target);
      if (done === undefined) result.changed.push(target);
      else result.unchanged.push({ file, reason: done });
      if (done === 'declares its own require') result.warnings.push(`spanweave: ${path.relative('.', file)}: ${OWN_REQUIRE_MESSAGE}`);
    } catch (error) {
      result.failed.push({ file, error: error instanceof Error ? error.message : String(error) });
      if (target !== file) copyWithMap(file, target);
    }
  }
  result.warnings.push(...instrumenter.unusedRules());
  if (instrumenter.options.report !== undefined) {
    writeReport(path.resolve(options.projectDir ?? '.', instrumenter.options.report), instrumenter.report());
  }
  return result;
}

/** Instruments `file` into `target`; returns why it was left unchanged, or undefined when it changed. */
function instrumentOne(instrumenter: JsInstrumenter, file: string, target: string): string | undefined {
  const code = fs.readFileSync(file, 'utf8');
  const mapRef = MAP_COMMENT.exec(code)?.[1];
  const mapFile = mapRef !== undefined && !mapRef.startsWith('data:') ? path.resolve(path.dirname(file), decodeURIComponent(mapRef)) : undefined;
  const inputMap = mapFile !== undefined && fs.existsSync(mapFile) ? (JSON.parse(fs.readFileSync(mapFile, 'utf8')) as RawSourceMap) : undefined;
  const result = instrumenter.instrument(code, { filename: file, inputSourceMap: inputMap, format: packageFormat(file) });
  if (!result.changed) {
    if (target !== file) copyWithMap(file, target);
    return result.unchangedBecause;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const map = result.map === undefined ? undefined : relocated(result.map, path.dirname(file), path.dirname(target));
  if (map === undefined || mapRef === undefined) {
    fs.writeFileSync(target, result.code);
  } else if (mapFile === undefined) {
    const inline = `data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
    fs.writeFileSync(target, result.code.replace(MAP_COMMENT, `//# sourceMappingURL=${inline}`));
  } else {
    fs.writeFileSync(target, result.code);
    fs.writeFileSync(path.resolve(path.dirname(target), decodeURIComponent(mapRef)), JSON.stringify(map));
  }
  return undefined;
}

/** Folders become their scripts (node_modules skipped); files stay. Each with the folder its output path is relative to. */
function listScripts(input: string): { file: string; base: string }[] {
  const resolved = path.resolve(input);
  if (!fs.statSync(resolved).isDirectory()) return [{ file: resolved, base: path.dirname(resolved) }];
  return scriptsUnder(resolved).map((file) => ({ file, base: resolved }));
}

/** The scripts under `dir`, sorted; node_modules and symbolic links to folders are not entered. */
function scriptsUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : scriptsUnder(full);
      return entry.isFile() && SCRIPT.test(entry.name) ? [full] : [];
    });
}

/** A map's sources are relative to its folder: moved with the code, they are rewritten to stay right. */
function relocated(map: RawSourceMap, from: string, to: string): RawSourceMap {
  if (from === to) return map;
  const root = map.sourceRoot ?? '';
  const sources = map.sources.map((s) => (s === null || /^[a-z]+:/i.test(s) ? s : path.relative(to, path.resolve(from, root, s)).split(path.sep).join('/')));
  return { ...map, sourceRoot: undefined, sources };
}

/** A file and its map copied unchanged to `target`, with the map's sources made right for its new place. */
function copyWithMap(file: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(file, target);
  const mapRef = MAP_COMMENT.exec(fs.readFileSync(file, 'utf8'))?.[1];
  if (mapRef === undefined || mapRef.startsWith('data:')) return;
  const mapFile = path.resolve(path.dirname(file), decodeURIComponent(mapRef));
  if (!fs.existsSync(mapFile)) return;
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as RawSourceMap;
  fs.writeFileSync(path.resolve(path.dirname(target), decodeURIComponent(mapRef)), JSON.stringify(relocated(map, path.dirname(file), path.dirname(target))));
}

/**
 * `.mjs` and `.cjs` say it themselves; a `.js` file is what the nearest
 * package.json's `type` says, and with no `type` its own syntax decides.
 */
export function packageFormat(file: string): ModuleFormat | undefined {
  if (!file.endsWith('.js')) return undefined;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const type = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
      return type === 'module' ? 'module' : type === 'commonjs' ? 'commonjs' : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
