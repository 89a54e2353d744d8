/**
 * Source maps in and out: the map the input came with (from tsc, esbuild,
 * swc, or an inline `sourceMappingURL` comment), the original positions it
 * gives for `code.filepath` and `code.lineno`, and the output map chained to
 * it so that positions lead back to the original source.
 */
import * as path from 'node:path';
import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type MagicString from 'magic-string';

/** A source map as JSON text or as the parsed object (version 3). */
export type SourceMapInput = string | RawSourceMap;

/** The fields of a version 3 source map that spanweave reads and writes. */
export interface RawSourceMap {
  version: number;
  file?: string;
  sourceRoot?: string;
  sources: (string | null)[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
}

// The package's own .d.cts does not parse under TypeScript 6 (`export = function`), so its one call is typed here.
const remapping: (maps: readonly RawSourceMap[], loader: () => null) => { toString(): string } = require('@jridgewell/remapping');

const INLINE_MAP = /\/\/[#@] sourceMappingURL=data:application\/json(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)\s*$/;

/** The map given, else the one inlined at the end of `code`, parsed; undefined when there is none. */
export function inputMapOf(code: string, given: SourceMapInput | null | undefined): RawSourceMap | undefined {
  if (given !== undefined && given !== null) return typeof given === 'string' ? (JSON.parse(given) as RawSourceMap) : given;
  const inline = INLINE_MAP.exec(code.slice(-Math.min(code.length, 4 * 1024 * 1024)));
  return inline === null ? undefined : (JSON.parse(Buffer.from(inline[1]!, 'base64').toString('utf8')) as RawSourceMap);
}

/** Where a generated position came from: an absolute path (when the map gives a file) and a 1-based line. */
export interface OriginalPlace {
  file: string | undefined;
  line: number;
}

/** Original places for positions of a generated file, through its input map. */
export class OriginalPlaces {
  private readonly trace: TraceMap;

  /** `mapFile`: where the map lives (its sources are relative to it). */
  constructor(map: RawSourceMap, mapFile: string) {
    this.trace = new TraceMap(map as ConstructorParameters<typeof TraceMap>[0], mapFile);
  }

  /** The original place of a 1-based line and 0-based column, or undefined when nothing maps there. */
  at(line: number, column: number): OriginalPlace | undefined {
    for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
      const found = originalPositionFor(this.trace, { line, column, bias });
      if (found.line !== null) return { file: found.source === null ? undefined : toPath(found.source), line: found.line };
    }
    return undefined;
  }

  /** The one source of the map as a path (a file compiled alone), else undefined. */
  singleSource(): string | undefined {
    const sources = this.trace.resolvedSources.filter((s): s is string => s !== null);
    return new Set(sources).size === 1 ? toPath(sources[0]!) : undefined;
  }
}

/** trace-mapping resolves sources as URLs; a `file://` URL is turned back into a path. */
function toPath(source: string): string {
  return source.startsWith('file://') ? new URL(source).pathname : source;
}

/**
 * The map of the edited code: high resolution (every character), chained to
 * `input` when there is one, so it maps straight to the original source.
 * Its sources stay relative to the folder of `filename`, as the input's were.
 */
export function outputMap(code: MagicString, filename: string, input: RawSourceMap | undefined): RawSourceMap {
  const base = path.basename(filename);
  const edited = code.generateMap({ hires: true, source: base, file: base, includeContent: input === undefined });
  const own = JSON.parse(edited.toString()) as RawSourceMap;
  if (input === undefined) return own;
  const chained = remapping([own, input], () => null);
  return { ...(JSON.parse(chained.toString()) as RawSourceMap), file: base };
}
