/**
 * Outgoing HTTP call sites, rewritten to the transformer's emitted call
 * (transformer/emit/http-client.ts, `httpClientCallOf`) without moving the
 * user's code: the receiver (or callee) and each argument stay where they
 * are, and only the punctuation between them is replaced by the pieces of
 * the emitted call.
 *
 *   api.get(url, config)   =>   rt.httpClientCall("axios.get", receiver_1 = api, receiver_1.get, url, config)
 *   fetch(url)             =>   rt.httpClientCall("fetch", void 0, fetch, url)
 */
import type * as ts from 'typescript';
import { httpClientCallOf } from '../emit/http-client';
import { CallSiteRewriter, someNode } from './call-site-rewriter';
import type { HttpBindings } from './http-bindings';

export class HttpCallRewriter extends CallSiteRewriter {
  /** Whether the file has at least one call to rewrite. */
  static any(tsi: typeof ts, file: ts.SourceFile, bindings: HttpBindings): boolean {
    return someNode(tsi, file, (node) => tsi.isCallExpression(node) && !isOptional(tsi, node) && bindings.apiOf(node) !== undefined);
  }

  rewrite(call: ts.CallExpression, depth: number): void {
    const tsi = this.file.ts;
    const { factory, sourceFile } = this.file;
    if (isOptional(tsi, call)) return;
    const api = this.bindings.apiOf(call);
    if (api === undefined) return;
    let callee: ts.Expression = call.expression;
    while (tsi.isParenthesizedExpression(callee)) callee = callee.expression;
    const member = tsi.isPropertyAccessExpression(callee) || (tsi.isElementAccessExpression(callee) && tsi.isStringLiteralLike(callee.argumentExpression));
    const receiver = member ? (callee as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression : undefined;
    const holeCallee: ts.Expression = !member
      ? this.printer.hole()
      : tsi.isPropertyAccessExpression(callee)
        ? factory.createPropertyAccessExpression(this.printer.hole(), callee.name.text)
        : factory.createElementAccessExpression(this.printer.hole(), factory.createStringLiteral(((callee as ts.ElementAccessExpression).argumentExpression as ts.StringLiteral).text));
    const emitted = httpClientCallOf(this.file, api, factory.createCallExpression(holeCallee, undefined, call.arguments.map(() => this.printer.hole())));
    if (emitted === undefined) return;
    const parts: ts.Node[] = [receiver ?? call.expression, ...call.arguments];
    const pieces = this.printer.pieces(emitted);
    if (pieces.length !== parts.length + 1) return;
    let from = call.getStart(sourceFile);
    parts.forEach((part, i) => {
      this.between(from, part.getStart(sourceFile), pieces[i]!, depth);
      from = part.end;
    });
    this.between(from, call.end, pieces[parts.length]!, depth);
  }

  private between(from: number, to: number, text: string, depth: number): void {
    if (from === to) this.edits.open(from, depth, text);
    else this.edits.replace(from, to, text);
  }
}

/** `client?.get()` and `fetch?.()` are left alone, as by the transformer. */
function isOptional(tsi: typeof ts, call: ts.CallExpression): boolean {
  return call.questionDotToken !== undefined || (call.flags & tsi.NodeFlags.OptionalChain) !== 0;
}
