/**
 * Instrumenting a module as Node loads it (`spanweave/register`): the
 * instrumenter for the loader's options, and the step shared by the CommonJS
 * and ES module hooks. The result carries its source map inline, so
 * `node --enable-source-maps` maps stack traces to the original source.
 * Nothing here may break the application: a file that cannot be
 * instrumented is loaded as it is, and a warning says why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OWN_REQUIRE_MESSAGE } from '../own-require';
import { type BuildReport, type FunctionReport, type SkippedReport, writeReport } from '../report';
import { projectOptions } from './cli';
import { JsInstrumenter } from './instrumenter';
import type { ModuleFormat } from './module-format';
import type { RawSourceMap } from './source-map';

/** What the main thread hands to the ES module hooks (they may run in another thread). */
export interface LoaderData {
  projectDir: string;
  options: Record<string, unknown>;
  /** Where the hooks' thread sends its {@link LoaderProgress} (Node 20). */
  port?: { postMessage(progress: LoaderProgress): void };
}

/** What the ES module hooks' thread (Node 20) tells the main thread after each module, for the report and the warnings. */
export interface LoaderProgress {
  /** Report entries since the last message. */
  instrumented: FunctionReport[];
  skipped: SkippedReport[];
  /** How many functions each rule matched so far. */
  ruleHits: number[];
}

/**
 * The loader's options: the spanweave entry of the tsconfig named by
 * `SPANWEAVE_PROJECT` (default ./tsconfig.json, if any), with
 * `SPANWEAVE_OPTIONS` (JSON) over it.
 */
export function loaderData(env: NodeJS.ProcessEnv = process.env): LoaderData {
  const { options, projectDir } = projectOptions(env.SPANWEAVE_PROJECT);
  const overrides = env.SPANWEAVE_OPTIONS === undefined || env.SPANWEAVE_OPTIONS === '' ? {} : (JSON.parse(env.SPANWEAVE_OPTIONS) as Record<string, unknown>);
  return { projectDir, options: { ...options, ...overrides } };
}

const MAP_FILE_COMMENT = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/;

/** Instruments modules under the project folder as they load. */
export class ModuleInstrumenter {
  private readonly instrumenter: JsInstrumenter;
  private readonly projectDir: string;
  private readonly warned = new Set<string>();
  private sent = { instrumented: 0, skipped: 0 };
  private readonly absorbed: BuildReport = { instrumented: [], skipped: [] };
  private absorbedHits: readonly number[] = [];

  constructor(data: LoaderData) {
    this.projectDir = path.resolve(data.projectDir);
    this.instrumenter = new JsInstrumenter({ ...data.options, projectDir: this.projectDir });
  }

  /** Whether a file is the application's own: under the project folder, outside node_modules. */
  owns(filename: string): boolean {
    return isApplicationFile(this.projectDir, filename);
  }

  /** The source to run for `filename`: instrumented with an inline map, or `source` itself. */
  transform(source: string, filename: string, format: ModuleFormat): string {
    if (!this.owns(filename)) return source;
    try {
      const result = this.instrumenter.instrument(source, { filename, inputSourceMap: mapFileOf(source, filename), format });
      if (result.unchangedBecause === 'declares its own require') this.warn(filename, OWN_REQUIRE_MESSAGE);
      if (!result.changed || result.map === undefined) return result.code;
      const inline = Buffer.from(JSON.stringify(result.map)).toString('base64');
      return `${withoutMapFileComment(result.code)}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${inline}\n`;
    } catch (error) {
      this.warn(filename, error);
      return source;
    }
  }

  /** What this instrumenter did since the last call, for the main thread. */
  progress(): LoaderProgress {
    const { instrumented, skipped } = this.instrumenter.report();
    const news = { instrumented: instrumented.slice(this.sent.instrumented), skipped: skipped.slice(this.sent.skipped), ruleHits: this.instrumenter.ruleHits() };
    this.sent = { instrumented: instrumented.length, skipped: skipped.length };
    return news;
  }

  /** Takes in what the hooks' thread did. */
  absorb(progress: LoaderProgress): void {
    this.absorbed.instrumented.push(...progress.instrumented);
    this.absorbed.skipped.push(...progress.skipped);
    this.absorbedHits = progress.ruleHits;
  }

  /** When the process exits: a warning for each rule that matched no function loaded, and the `report` file. */
  finish(warn: (message: string) => void): void {
    for (const warning of this.instrumenter.unusedRules(this.absorbedHits)) warn(warning);
    const file = this.instrumenter.options.report;
    if (file === undefined) return;
    const own = this.instrumenter.report();
    writeReport(path.resolve(this.projectDir, file), {
      instrumented: [...own.instrumented, ...this.absorbed.instrumented],
      skipped: [...own.skipped, ...this.absorbed.skipped],
    });
  }

  private warn(filename: string, error: unknown): void {
    if (this.warned.has(filename)) return;
    this.warned.add(filename);
    process.emitWarning(`spanweave: ${filename} is run uninstrumented: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The code without its `sourceMappingURL` comment: the map it names is that of the code before instrumenting. */
export function withoutMapFileComment(code: string): string {
  return code.replace(MAP_FILE_COMMENT, '');
}

/** Whether `filename` is the application's own: under `projectDir`, outside node_modules. */
export function isApplicationFile(projectDir: string, filename: string): boolean {
  const relative = path.relative(projectDir, filename);
  return !relative.startsWith('..') && !path.isAbsolute(relative) && !/[\\/]node_modules[\\/]/.test(filename);
}

/** The map in a file beside the module that its `sourceMappingURL` comment names (inline maps are read by the instrumenter). */
export function mapFileOf(source: string, filename: string): RawSourceMap | undefined {
  const ref = MAP_FILE_COMMENT.exec(source)?.[1];
  if (ref === undefined || ref.startsWith('data:')) return undefined;
  const file = path.resolve(path.dirname(filename), decodeURIComponent(ref));
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as RawSourceMap) : undefined;
}
