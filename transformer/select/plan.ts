/**
 * The selection: which function nodes get a span and with what static facts,
 * and what the report and the unused-rule warnings say. Made for the whole
 * program before emit when the report or the rules need it, otherwise one
 * function at a time as the visitor reaches it.
 */
import type * as ts from 'typescript';
import type { ResolvedOptions } from '../options';
import type { FunctionReport, SkippedReport } from '../report';
import { lineOfNode, NodeRole, nodeRoles } from '../syntax';
import { blockConflict } from './block-conflicts';
import { describeFunction, type FunctionFacts, type InstrumentableFunction } from './describe';
import { exportedDeclarations } from './exports';
import { FileSelector } from './files';
import { markBefore, type Mark, mayHoldMarks } from './marks';
import { asyncMayReturnThenable, mayReturnThenable } from './returns';
import { FunctionSelector } from './rules';
import { SourceTextReads } from './source-text-reads';

/** One function to instrument, with everything the emitted descriptor holds. */
export interface SelectedFunction {
  facts: FunctionFacts;
  spanName: string;
  /** Path relative to the tsconfig's folder. */
  file: string;
  /** 1-based line of the function's start. */
  line: number;
  captureArgs: boolean;
  captureReturn: boolean;
  /** A plain function that may return a thenable, or an async one that may return one (its promise adopts it): its returns go through the promise-aware path. */
  promiseAware: boolean;
  rule: string;
}

export class ProgramPlan {
  readonly functions = new Map<ts.Node, SelectedFunction>();
  readonly instrumentedReport: FunctionReport[] = [];
  readonly skippedReport: SkippedReport[] = [];
  readonly files: FileSelector;
  readonly selector: FunctionSelector;
  /** Whether every file was planned up front; otherwise each function is chosen when the visitor first reaches it. */
  private readonly planned: boolean;
  private readonly filePlans = new WeakMap<ts.SourceFile, FilePlan>();
  private readonly considered = new WeakSet<ts.Node>();
  private textReads: SourceTextReads | undefined;

  /**
   * Plans every selected file at once when something reads the choices of the
   * whole program: the report, and the warnings about rules that matched no
   * function. Otherwise nothing is chosen before emit: each function is chosen
   * when the visitor reaches it, so a rebuild that emits a few files (watch
   * mode, an incremental build, ts-jest compiling one test file) does not
   * choose for the whole program, and a full build walks each file once, not
   * twice.
   */
  constructor(
    private readonly tsi: typeof ts,
    readonly program: ts.Program,
    readonly options: ResolvedOptions,
    projectDir: string,
  ) {
    this.files = new FileSelector(projectDir, options);
    this.selector = new FunctionSelector(options);
    this.planned = options.report !== undefined || Array.isArray(options.functions);
    if (this.planned) {
      for (const file of program.getSourceFiles()) {
        if (this.select(file)) planFunctions(this.tsi, this.plannedFile(file), this.selector, this);
      }
    }
  }

  /** Whether the transform instruments `file`. */
  select(file: ts.SourceFile): boolean {
    return this.files.selects(this.program, file);
  }

  /** The choice for `node`, a parse-tree function of `file` (a file `select` accepted). */
  selection(node: ts.Node, file: ts.SourceFile): SelectedFunction | undefined {
    if (!this.planned && !this.considered.has(node)) {
      this.considered.add(node);
      let filePlan = this.filePlans.get(file);
      // Nothing reads the report lists in such a build: only the selection is kept.
      if (filePlan === undefined) this.filePlans.set(file, (filePlan = new FilePlan(this.tsi, this.plannedFile(file), this.selector, { functions: this.functions })));
      filePlan.consider(node);
    }
    return this.functions.get(node);
  }

  private plannedFile(file: ts.SourceFile): PlannedFile {
    const checker = this.program.getTypeChecker();
    // Only the "exported" preset and rules read it: "none" selects nothing, "all" everything named.
    const readsExports = this.options.functions !== 'none' && this.options.functions !== 'all';
    const exported = readsExports ? exportedDeclarations(this.tsi, checker, file) : new Set<ts.Node>();
    return { file, relative: this.files.relative(file), exported, checker, textReads: this.sourceTextReads() };
  }

  /** Where the program reads the text of its functions: searched once, in all its own files, when the first file is planned. */
  private sourceTextReads(): SourceTextReads {
    if (this.textReads === undefined) {
      const own = this.program.getSourceFiles().filter((f) => !f.isDeclarationFile && !this.program.isSourceFileFromExternalLibrary(f));
      const describe = (read: ts.Node): string => {
        const file = read.getSourceFile();
        return `${this.files.relative(file)}:${lineOfNode(file, read)}`;
      };
      this.textReads = new SourceTextReads(this.tsi, own, this.program.getTypeChecker(), describe);
    }
    return this.textReads;
  }
}

/** One file as the plan sees it; the JavaScript instrumenter (transformer/js) gives it without a checker. */
export interface PlannedFile {
  file: ts.SourceFile;
  /** Path relative to the tsconfig's folder (`code.filepath`). */
  relative: string;
  /** The declarations the module exports (for `exported` rules and the preset). */
  exported: ReadonlySet<ts.Node>;
  /** Without one, a plain function may return anything: it gets the runtime-checked promise path. */
  checker: ts.TypeChecker | undefined;
  /** 1-based line of a node (`code.lineno`); default: its line in `file`. */
  lineOf?: (node: ts.Node) => number;
  /** Subtrees not looked into: code a compiler added (its helpers), not the user's. */
  skip?: (node: ts.Node) => boolean;
  /** Where the program reads the source text of its functions: such a function is left unwrapped. */
  textReads: SourceTextReads;
}

/** Where the choices for a file go; without the report lists (a build nothing reports on), only the selection is kept. */
export type PlanSink = Pick<ProgramPlan, 'functions'> & Partial<Pick<ProgramPlan, 'instrumentedReport' | 'skippedReport'>>;

/** Applies the rules and marks to every function of one file. */
export function planFunctions(tsi: typeof ts, planned: PlannedFile, selector: FunctionSelector, sink: PlanSink): void {
  const filePlan = new FilePlan(tsi, planned, selector, sink);
  const roles = nodeRoles(tsi);
  const forEachChild = tsi.forEachChild;
  const visit = (node: ts.Node): void => {
    const role = roles[node.kind];
    if (role === NodeRole.Inert || planned.skip?.(node)) return;
    if (role === NodeRole.Function) filePlan.consider(node);
    forEachChild(node, visit);
  };
  forEachChild(planned.file, visit);
}

/** The choices for the functions of one file, made one function at a time. */
class FilePlan {
  private readonly classMarks = new Map<ts.Node, Mark | undefined>();
  private readonly lineOf: (node: ts.Node) => number;
  private readonly fileHoldsMarks: boolean;

  constructor(
    private readonly tsi: typeof ts,
    private readonly planned: PlannedFile,
    private readonly selector: FunctionSelector,
    private readonly sink: PlanSink,
  ) {
    const { file } = planned;
    this.lineOf = planned.lineOf ?? ((node: ts.Node) => lineOfNode(file, node));
    this.fileHoldsMarks = mayHoldMarks(file.text);
  }

  /** Applies the rules and marks to `node`, a node of a function kind, and records the choice. */
  consider(node: ts.Node): void {
    const { tsi, planned, sink } = this;
    const { relative, exported, checker } = planned;
    const facts = describeFunction(tsi, node);
    if (facts === undefined) return;
    const mark = this.fileHoldsMarks ? this.markOf(facts) : undefined;
    const isExported = facts.exportAnchor !== undefined && exported.has(facts.exportAnchor) && (facts.owningClass === undefined || facts.publicMember || facts.kind === 'constructor');
    const choice = this.selector.choose({ facts, file: relative, exported: isExported, mark });
    if (choice === undefined) return;
    const where = (line: number) => ({ name: facts.qualifiedName ?? facts.functionName, file: relative, line, kind: facts.kind });
    if (!choice.selected) {
      sink.skippedReport?.push({ ...where(this.lineOf(node)), rule: choice.rule, reason: choice.reason });
      return;
    }
    const fn = node as InstrumentableFunction;
    const unwrappable = this.unwrappable(fn, facts);
    if (unwrappable !== undefined) {
      sink.skippedReport?.push({ ...where(this.lineOf(node)), rule: choice.rule, reason: unwrappable });
      return;
    }
    const line = this.lineOf(node);
    const plain = !facts.async && !facts.generator && facts.kind !== 'constructor' && facts.kind !== 'setter';
    sink.functions.set(node, {
      facts,
      spanName: choice.spanName,
      file: relative,
      line,
      captureArgs: choice.captureArgs,
      captureReturn: choice.captureReturn,
      promiseAware: plain
        ? checker === undefined || mayReturnThenable(tsi, checker, fn)
        : facts.async && !facts.generator && (checker === undefined || asyncMayReturnThenable(tsi, checker, fn)),
      rule: choice.rule,
    });
    sink.instrumentedReport?.push({ ...where(line), rule: choice.rule });
  }

  /** The function's own mark, or else its class's. */
  private markOf(facts: FunctionFacts): Mark | undefined {
    const { tsi } = this;
    const text = this.planned.file.text;
    const own = markBefore(tsi, facts.markAnchor, text);
    const cls = facts.owningClass;
    if (own !== undefined || cls === undefined) return own;
    if (!this.classMarks.has(cls)) this.classMarks.set(cls, markBefore(tsi, cls, text));
    return this.classMarks.get(cls);
  }

  /** Why a selected function must stay as written: its text is read, or its body cannot go into a block. */
  private unwrappable(fn: InstrumentableFunction, facts: FunctionFacts): string | undefined {
    const read = this.planned.textReads.readOf(fn, facts.functionName);
    if (read !== undefined) return `its source text is read (${read}), which must not show the wrapper`;
    return blockConflict(this.tsi, fn);
  }
}
