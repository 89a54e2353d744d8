/**
 * The selection for a whole program, made once before emit: which function
 * nodes get a span and with what static facts, and what the report and the
 * unused-rule warnings say. Emitting then only looks nodes up.
 */
import type * as ts from 'typescript';
import type { ResolvedOptions } from '../options';
import type { FunctionReport, SkippedReport } from '../report';
import { NodeRole, nodeRoles } from '../syntax';
import { describeFunction, type FunctionFacts, type InstrumentableFunction } from './describe';
import { exportedDeclarations } from './exports';
import { FileSelector } from './files';
import { markBefore, type Mark } from './marks';
import { mayReturnThenable } from './returns';
import { FunctionSelector } from './rules';

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
  /** A plain function that may return a thenable: its returns go through the promise-aware path. */
  promiseAware: boolean;
  rule: string;
}

export class ProgramPlan {
  readonly functions = new Map<ts.Node, SelectedFunction>();
  readonly instrumentedReport: FunctionReport[] = [];
  readonly skippedReport: SkippedReport[] = [];
  readonly files: FileSelector;
  readonly selector: FunctionSelector;
  private readonly planned = new WeakSet<ts.SourceFile>();

  /**
   * Plans every selected file at once when something reads the choices of the
   * whole program: the report, and the warnings about rules that matched no
   * function. Otherwise each file is planned when it is first emitted, so a
   * rebuild that emits a few files (watch mode, an incremental build, ts-jest
   * compiling one test file) does not choose for the whole program.
   */
  constructor(
    private readonly tsi: typeof ts,
    readonly program: ts.Program,
    readonly options: ResolvedOptions,
    projectDir: string,
  ) {
    this.files = new FileSelector(projectDir, options);
    this.selector = new FunctionSelector(options);
    if (options.report !== undefined || Array.isArray(options.functions)) {
      for (const file of program.getSourceFiles()) this.select(file);
    }
  }

  /** Whether the transform instruments `file`; its functions are chosen the first time it is asked. */
  select(file: ts.SourceFile): boolean {
    if (!this.files.selects(this.program, file)) return false;
    if (!this.planned.has(file)) {
      this.planned.add(file);
      this.planFile(this.program.getTypeChecker(), file);
    }
    return true;
  }

  private planFile(checker: ts.TypeChecker, file: ts.SourceFile): void {
    const exported = this.options.functions === 'none' ? new Set<ts.Node>() : exportedDeclarations(this.tsi, checker, file);
    planFunctions(this.tsi, { file, relative: this.files.relative(file), exported, checker }, this.selector, this);
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
}

/** Where the choices for a file go. */
export type PlanSink = Pick<ProgramPlan, 'functions' | 'instrumentedReport' | 'skippedReport'>;

/** Applies the rules and marks to every function of one file. */
export function planFunctions(tsi: typeof ts, planned: PlannedFile, selector: FunctionSelector, sink: PlanSink): void {
  const { file, relative, exported, checker } = planned;
  const lineOf = planned.lineOf ?? ((node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1);
  const text = file.text;
  const classMarks = new Map<ts.Node, Mark | undefined>();
  const roles = nodeRoles(tsi);
  const forEachChild = tsi.forEachChild;
  const visit = (node: ts.Node): void => {
    const role = roles[node.kind];
    if (role === NodeRole.Inert || planned.skip?.(node)) return;
    const facts = role === NodeRole.Function ? describeFunction(tsi, node) : undefined;
    if (facts !== undefined) {
      let mark = markBefore(tsi, facts.markAnchor, text);
      if (mark === undefined && facts.owningClass !== undefined) {
        if (!classMarks.has(facts.owningClass)) classMarks.set(facts.owningClass, markBefore(tsi, facts.owningClass, text));
        mark = classMarks.get(facts.owningClass);
      }
      const isExported = facts.exportAnchor !== undefined && exported.has(facts.exportAnchor) && (facts.owningClass === undefined || facts.publicMember || facts.kind === 'constructor');
      const choice = selector.choose({ facts, file: relative, exported: isExported, mark });
      const line = lineOf(node);
      const where = { name: facts.qualifiedName ?? facts.functionName, file: relative, line, kind: facts.kind };
      if (choice?.selected) {
        const fn = node as InstrumentableFunction;
        const plain = !facts.async && !facts.generator && facts.kind !== 'constructor' && facts.kind !== 'setter';
        sink.functions.set(node, {
          facts,
          spanName: choice.spanName,
          file: relative,
          line,
          captureArgs: choice.captureArgs,
          captureReturn: choice.captureReturn,
          promiseAware: plain && (checker === undefined || mayReturnThenable(tsi, checker, fn)),
          rule: choice.rule,
        });
        sink.instrumentedReport.push({ ...where, rule: choice.rule });
      } else if (choice !== undefined) {
        sink.skippedReport.push({ ...where, rule: choice.rule, reason: choice.reason });
      }
    }
    forEachChild(node, visit);
  };
  forEachChild(file, visit);
}
