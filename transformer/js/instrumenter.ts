/**
 * The JavaScript instrumenter: the transformer's selection and emitters
 * applied to a file parsed alone (JavaScript, or TypeScript syntax), without
 * a program or a type checker, as text edits that keep the user's code where
 * it was and a source map chained to the one the file came with.
 */
import * as path from 'node:path';
import MagicString from 'magic-string';
import type * as ts from 'typescript';
import { leadingDirectives } from '../emit/directives';
import { ownRequireDeclaration } from '../own-require';
import { type ResolvedOptions, resolveOptions, type SpanweaveOptions } from '../options';
import type { BuildReport } from '../report';
import { FileSelector } from '../select/files';
import { planFunctions, type PlanSink, type SelectedFunction } from '../select/plan';
import { FunctionSelector } from '../select/rules';
import { SourceTextReads } from '../select/source-text-reads';
import { isCompilerArtifact } from './artifacts';
import { JsFileContext } from './context';
import { EditList } from './edits';
import { syntacticExports } from './exports';
import { HttpBindings } from './http-bindings';
import { HttpCallRewriter } from './http-calls';
import { HttpServerRewriter } from './http-servers';
import { isInstrumented } from './marker';
import { type ModuleFormat, moduleFormatOf } from './module-format';
import { rewriteFile } from './rewrite';
import { inputMapOf, OriginalPlaces, outputMap, type RawSourceMap, type SourceMapInput } from './source-map';
import { TemplatePrinter } from './templates';

/** Options of an instrumenter: the transformer's plugin options, and where paths are relative to. */
export interface JsInstrumenterOptions extends SpanweaveOptions {
  /**
   * The folder `include`, `exclude`, rule `file` globs and `code.filepath`
   * are relative to, as the tsconfig's folder is for the transformer.
   * Default: the current directory.
   */
  projectDir?: string;
}

/** One file to instrument. */
export interface JsFileInput {
  /** The file's path (absolute, or relative to the current directory). Its extension says JS or TS syntax. */
  filename: string;
  /** The map the code came with; default: an inline `sourceMappingURL` data comment, if any. */
  inputSourceMap?: SourceMapInput | null;
  /** How the file is run, which decides `require` or `import` of the runtime. Default: see module-format.ts. */
  format?: ModuleFormat;
  /**
   * Whether the output map is chained to the input map, and so leads to the
   * original source (default), or maps the output to `code` as given, for
   * bundlers that chain the maps of their steps themselves (Rollup, Vite).
   * The input map gives `code.filepath` and `code.lineno` either way.
   */
  chainInputMap?: boolean;
}

/** The instrumented file. */
export interface JsInstrumentResult {
  /** The new code; the input itself when nothing changed. */
  code: string;
  /** The map of `code` to the original source; the input map (or none) when nothing changed. */
  map: RawSourceMap | undefined;
  /** Whether anything was instrumented. */
  changed: boolean;
  /**
   * Why nothing changed, when it did not: the file is not selected, already
   * instrumented, has nothing selected, or is CommonJS and declares its own
   * `require`, which the runtime import would call (`OWN_REQUIRE_MESSAGE`; the
   * command, the loader and the bundler plugins print it as a warning).
   */
  unchangedBecause?: 'not selected' | 'already instrumented' | 'nothing selected' | 'declares its own require';
}

/** Thrown for invalid options and for code that does not parse; the message starts with `spanweave:`. */
export class JsInstrumentError extends Error {
  override readonly name = 'JsInstrumentError';
}

/**
 * Instruments many files with one set of options, and keeps the report of
 * all of them (`report()`, `unusedRules()`), as one tspc build does.
 */
export class JsInstrumenter {
  readonly options: ResolvedOptions;
  /** Problems with the options that are not errors, for the CLI to print. */
  readonly warnings: string[] = [];
  private readonly tsi: typeof ts;
  private readonly projectDir: string;
  private readonly files: FileSelector;
  private readonly selector: FunctionSelector;
  private readonly printer: TemplatePrinter;
  private readonly reportSink: Required<Pick<PlanSink, 'instrumentedReport' | 'skippedReport'>> = { instrumentedReport: [], skippedReport: [] };

  constructor(options: JsInstrumenterOptions = {}, tsi: typeof ts = require('typescript')) {
    const { projectDir, ...pluginOptions } = options;
    const { options: resolved, problems } = resolveOptions(pluginOptions);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new JsInstrumentError(errors.map((p) => `spanweave: ${p.message}`).join('\n'));
    this.warnings.push(...problems.map((p) => `spanweave: ${p.message}`));
    this.options = resolved;
    this.tsi = tsi;
    this.projectDir = path.resolve(projectDir ?? '.');
    this.files = new FileSelector(this.projectDir, resolved);
    this.selector = new FunctionSelector(resolved);
    this.printer = new TemplatePrinter(tsi);
  }

  instrument(code: string, input: JsFileInput): JsInstrumentResult {
    const filename = path.resolve(input.filename);
    const inputMap = inputMapOf(code, input.inputSourceMap);
    const unchanged = (why: JsInstrumentResult['unchangedBecause']): JsInstrumentResult => ({ code, map: inputMap, changed: false, unchangedBecause: why });
    if (isInstrumented(code, this.options.runtime)) return unchanged('already instrumented');
    const places = inputMap === undefined ? undefined : new OriginalPlaces(inputMap, filename);
    const original = places?.singleSource() ?? filename;
    if (!this.selects(filename, original)) return unchanged('not selected');
    const sourceFile = this.parse(filename, code);
    const commonJs = moduleFormatOf(this.tsi, sourceFile, input.format) === 'commonjs';
    if (commonJs && ownRequireDeclaration(this.tsi, sourceFile) !== undefined) return unchanged('declares its own require');
    const lineOf = (node: ts.Node): number => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      return places?.at(line + 1, character)?.line ?? line + 1;
    };
    const functions = this.plan(sourceFile, this.files.relativePath(original), lineOf);
    const bindings = new HttpBindings(this.tsi, sourceFile);
    const hasCalls = this.options.http.client !== false && HttpCallRewriter.any(this.tsi, sourceFile, bindings);
    const hasServers = this.options.http.server !== false && HttpServerRewriter.any(this.tsi, sourceFile, bindings);
    if (functions.size === 0 && !hasCalls && !hasServers) return unchanged('nothing selected');
    const file = new JsFileContext(this.tsi, this.options, sourceFile, this.files.relativePath(original), this.printer, lineOf);
    const edits = new EditList();
    rewriteFile(file, functions, this.printer, edits, {
      calls: hasCalls ? new HttpCallRewriter(file, this.printer, edits, bindings) : undefined,
      servers: hasServers ? new HttpServerRewriter(file, this.printer, edits, bindings) : undefined,
    });
    const magic = new MagicString(code);
    edits.applyTo(magic);
    const prologue = file.prologue(commonJs);
    this.insertPrologue(magic, sourceFile, prologue);
    return { code: magic.toString(), map: outputMap(magic, filename, input.chainInputMap === false ? undefined : inputMap), changed: true };
  }

  /** The report of every file instrumented so far, in the transformer's `report` format. */
  report(): BuildReport {
    return { instrumented: [...this.reportSink.instrumentedReport], skipped: [...this.reportSink.skippedReport] };
  }

  /** How many functions each rule of `functions` matched so far, by index. */
  ruleHits(): number[] {
    return Array.from({ length: Array.isArray(this.options.functions) ? this.options.functions.length : 0 }, (_, i) => this.selector.hits[i] ?? 0);
  }

  /**
   * The rules that matched no function in any file so far, as warnings that
   * quote them; `otherHits` adds the {@link ruleHits} of another instrumenter
   * with the same options (the loader's other thread).
   */
  unusedRules(otherHits: readonly number[] = []): string[] {
    return this.selector
      .unusedRules()
      .filter(({ index }) => (otherHits[index] ?? 0) === 0)
      .map(({ index, rule }) => `spanweave: rule functions[${index}] ${JSON.stringify(rule)} matched no function.`);
  }

  /** Never node_modules, never declaration files; else the globs on the original source's path. */
  private selects(filename: string, original: string): boolean {
    if ([filename, original].some((f) => /[\\/]node_modules[\\/]/.test(f) || /\.d\.[cm]?ts$/.test(f))) return false;
    return this.files.matches(this.files.relativePath(original));
  }

  private parse(filename: string, code: string): ts.SourceFile {
    const tsi = this.tsi;
    // JSDoc is not parsed: marks are read from the comments' text (select/marks.ts), and skipping it parses JSDoc-heavy code faster.
    const options = { languageVersion: tsi.ScriptTarget.Latest, jsDocParsingMode: tsi.JSDocParsingMode?.ParseNone };
    const sourceFile = tsi.createSourceFile(filename, code, options, true, scriptKindOf(tsi, filename));
    const problems = (sourceFile as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    if (problems.length > 0) {
      const first = problems[0]!;
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
      const message = tsi.flattenDiagnosticMessageText(first.messageText, '\n');
      throw new JsInstrumentError(`spanweave: cannot parse ${filename}:${line + 1}:${character + 1}: ${message}`);
    }
    return sourceFile;
  }

  private plan(sourceFile: ts.SourceFile, relative: string, lineOf: (node: ts.Node) => number): Map<ts.Node, SelectedFunction> {
    const tsi = this.tsi;
    const functions = new Map<ts.Node, SelectedFunction>();
    const exported = this.options.functions === 'none' ? new Set<ts.Node>() : syntacticExports(tsi, sourceFile);
    const sink = { functions, ...this.reportSink };
    // One file, no checker: a function is read when a read in its file names it.
    const textReads = new SourceTextReads(tsi, [sourceFile], undefined, (read) => `${relative}:${lineOf(read)}`);
    planFunctions(tsi, { file: sourceFile, relative, exported, checker: undefined, lineOf, skip: (node) => isCompilerArtifact(tsi, node), textReads }, this.selector, sink);
    return functions;
  }

  /** After the directives (or a `#!` line), on the line already there: the user's lines keep their numbers. */
  private insertPrologue(magic: MagicString, sourceFile: ts.SourceFile, prologue: string): void {
    const text = sourceFile.text;
    const directives = leadingDirectives(this.tsi, sourceFile.statements);
    const last = directives[directives.length - 1];
    if (last !== undefined) {
      magic.appendLeft(last.end, `${text[last.end - 1] === ';' ? '' : ';'} ${prologue}`);
      return;
    }
    if (!text.startsWith('#!')) return void magic.appendLeft(0, `${prologue} `);
    const lineEnd = text.indexOf('\n');
    if (lineEnd < 0) magic.append(`\n${prologue}`);
    else magic.appendLeft(lineEnd + 1, `${prologue} `);
  }
}

/** Instruments one file with `options` (a one-file {@link JsInstrumenter}). */
export function instrumentJs(code: string, options: JsFileInput & JsInstrumenterOptions): JsInstrumentResult {
  const { filename, inputSourceMap, format, ...rest } = options;
  return new JsInstrumenter(rest).instrument(code, { filename, inputSourceMap, format });
}

function scriptKindOf(tsi: typeof ts, filename: string): ts.ScriptKind {
  if (/\.[cm]?ts$/.test(filename)) return tsi.ScriptKind.TS;
  if (/\.tsx$/.test(filename)) return tsi.ScriptKind.TSX;
  if (/\.jsx$/.test(filename)) return tsi.ScriptKind.JSX;
  return tsi.ScriptKind.JS;
}
