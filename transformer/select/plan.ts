/**
 * The selection for a whole program, made once before emit: which function
 * nodes get a span and with what static facts, and what the report and the
 * unused-rule warnings say. Emitting then only looks nodes up.
 */
import type * as ts from 'typescript';
import type { ResolvedOptions } from '../options';
import type { FunctionReport, SkippedReport } from '../report';
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

  constructor(
    private readonly tsi: typeof ts,
    readonly program: ts.Program,
    readonly options: ResolvedOptions,
    projectDir: string,
  ) {
    this.files = new FileSelector(projectDir, options);
    this.selector = new FunctionSelector(options);
    const checker = program.getTypeChecker();
    for (const file of program.getSourceFiles()) {
      if (this.files.selects(program, file)) this.planFile(checker, file);
    }
  }

  /** Whether the transform should look at `file` at all. */
  includes(file: ts.SourceFile): boolean {
    return this.files.selects(this.program, file);
  }

  private planFile(checker: ts.TypeChecker, file: ts.SourceFile): void {
    const tsi = this.tsi;
    const exported = this.options.functions === 'none' ? new Set<ts.Node>() : exportedDeclarations(tsi, checker, file);
    const relative = this.files.relative(file);
    const text = file.text;
    const classMarks = new Map<ts.Node, Mark | undefined>();
    const visit = (node: ts.Node): void => {
      const facts = describeFunction(tsi, node);
      if (facts !== undefined) {
        let mark = markBefore(tsi, facts.markAnchor, text);
        if (mark === undefined && facts.owningClass !== undefined) {
          if (!classMarks.has(facts.owningClass)) classMarks.set(facts.owningClass, markBefore(tsi, facts.owningClass, text));
          mark = classMarks.get(facts.owningClass);
        }
        const isExported = facts.exportAnchor !== undefined && exported.has(facts.exportAnchor) && (facts.owningClass === undefined || facts.publicMember || facts.kind === 'constructor');
        const choice = this.selector.choose({ facts, file: relative, exported: isExported, mark });
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        const where = { name: facts.qualifiedName ?? facts.functionName, file: relative, line, kind: facts.kind };
        if (choice?.selected) {
          const fn = node as InstrumentableFunction;
          const plain = !facts.async && !facts.generator && facts.kind !== 'constructor' && facts.kind !== 'setter';
          this.functions.set(node, {
            facts,
            spanName: choice.spanName,
            file: relative,
            line,
            captureArgs: choice.captureArgs,
            captureReturn: choice.captureReturn,
            promiseAware: plain && mayReturnThenable(tsi, checker, fn),
            rule: choice.rule,
          });
          this.instrumentedReport.push({ ...where, rule: choice.rule });
        } else if (choice !== undefined) {
          this.skippedReport.push({ ...where, rule: choice.rule, reason: choice.reason });
        }
      }
      tsi.forEachChild(node, visit);
    };
    tsi.forEachChild(file, visit);
  }
}
