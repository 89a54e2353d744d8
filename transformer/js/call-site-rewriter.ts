/**
 * What the rewriters of HTTP call sites (http-calls.ts) and server sites
 * (http-servers.ts) share: the file they edit, the printer of the
 * transformer's emitted shapes, the edit list, and the module's bindings.
 */
import type * as ts from 'typescript';
import type { JsFileContext } from './context';
import type { EditList } from './edits';
import type { HttpBindings } from './http-bindings';
import type { TemplatePrinter } from './templates';

export abstract class CallSiteRewriter {
  constructor(
    protected readonly file: JsFileContext,
    protected readonly printer: TemplatePrinter,
    protected readonly edits: EditList,
    protected readonly bindings: HttpBindings,
  ) {}
}

/** Whether some node of `file` passes `test`: decided before anything is emitted, so an untouched file stays as it is. */
export function someNode(tsi: typeof ts, file: ts.SourceFile, test: (node: ts.Node) => boolean): boolean {
  const visit = (node: ts.Node): boolean => test(node) || tsi.forEachChild(node, visit) === true;
  return visit(file);
}
