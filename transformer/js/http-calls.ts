/**
 * Outgoing HTTP call sites, rewritten to the transformer's emitted call
 * (transformer/emit/http-client.ts, `httpClientCallOf`) without moving the
 * user's code: the receiver (or callee) and each argument stay where they
 * are, and only the punctuation between them is replaced by the pieces of
 * the emitted call.
 *
 *   api.get(url, config)   =>   rt.httpClientCall("axios.get", receiver_1 = api, receiver_1.get, url, config)
 *   fetch(url)             =>   rt.httpClientCall("fetch", void 0, fetch, url)
 *   client?.get(url).then(f)   =>   ((receiver_1 = client) == null ? void 0 : rt.httpClientCall("axios.get", receiver_1, receiver_1.get, url).then(f))
 */
import type * as ts from 'typescript';
import { httpClientCallOf, temporaries } from '../emit/http-client';
import { chainLinks, endsOptionalChain, optionalChainCallOf } from '../emit/http-client-chain';
import { CallSiteRewriter, someNode } from './call-site-rewriter';
import type { HttpBindings } from './http-bindings';

export class HttpCallRewriter extends CallSiteRewriter {
  /** Whether the file has at least one call to rewrite. */
  static any(tsi: typeof ts, file: ts.SourceFile, bindings: HttpBindings): boolean {
    return someNode(tsi, file, (node) => tsi.isCallExpression(node) && bindings.apiOf(node) !== undefined);
  }

  rewrite(call: ts.CallExpression, depth: number): void {
    const tsi = this.file.ts;
    if ((call.flags & tsi.NodeFlags.OptionalChain) !== 0) return this.rewriteChain(call, depth);
    const { factory } = this.file;
    const api = this.bindings.apiOf(call);
    if (api === undefined) return;
    let callee: ts.Expression = call.expression;
    while (tsi.isParenthesizedExpression(callee)) callee = callee.expression;
    // `(client?.get)(url)`: the chain's `?.` stays on the member read; `(a?.b.get)(url)` is left alone, as by the transformer.
    let questionDot: ts.QuestionDotToken | undefined;
    if ((callee.flags & tsi.NodeFlags.OptionalChain) !== 0) {
      questionDot = (callee as ts.PropertyAccessExpression).questionDotToken;
      if (questionDot === undefined || ((callee as ts.PropertyAccessExpression).expression.flags & tsi.NodeFlags.OptionalChain) !== 0) return;
    }
    const member = tsi.isPropertyAccessExpression(callee) || (tsi.isElementAccessExpression(callee) && tsi.isStringLiteralLike(callee.argumentExpression));
    const receiver = member ? (callee as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression : undefined;
    const holeCallee: ts.Expression = !member
      ? this.printer.hole()
      : tsi.isPropertyAccessExpression(callee)
        ? questionDot
          ? factory.createPropertyAccessChain(this.printer.hole(), questionDot, callee.name.text)
          : factory.createPropertyAccessExpression(this.printer.hole(), callee.name.text)
        : this.elementRead(questionDot, ((callee as ts.ElementAccessExpression).argumentExpression as ts.StringLiteral).text);
    const emitted = httpClientCallOf(this.file, api, factory.createCallExpression(holeCallee, undefined, call.arguments.map(() => this.printer.hole())));
    if (emitted !== undefined) this.replaceAround(call, [receiver ?? call.expression, ...call.arguments], emitted, depth);
  }

  private elementRead(questionDot: ts.QuestionDotToken | undefined, key: string): ts.Expression {
    const { factory } = this.file;
    const literal = factory.createStringLiteral(key);
    return questionDot ? factory.createElementAccessChain(this.printer.hole(), questionDot, literal) : factory.createElementAccessExpression(this.printer.hole(), literal);
  }

  /**
   * An optional chain with client calls in it is rewritten whole, at its
   * end, as the transformer does (transformer/emit/http-client-chain.ts): the
   * chain is built again with a hole for each piece of user code in it (the
   * start, computed keys, arguments), in the order they are written.
   */
  private rewriteChain(end: ts.CallExpression, depth: number): void {
    const tsi = this.file.ts;
    if (!endsOptionalChain(tsi, end)) return;
    const parts: ts.Node[] = [];
    const template = this.withHoles(end, parts);
    const chain = template && chainLinks(tsi, end, template);
    if (chain === undefined) return;
    const emitted = optionalChainCallOf(this.file, chain.root, chain.links, (call) => this.bindings.apiOf(call), temporaries(this.file));
    if (emitted !== undefined) this.replaceAround(end, parts, emitted, depth);
  }

  /** `node` built again with holes where its user code goes, pushed to `parts` in order; undefined for a shape it does not rebuild. */
  private withHoles(node: ts.Expression, parts: ts.Node[]): ts.Expression | undefined {
    const tsi = this.file.ts;
    const { factory } = this.file;
    const hole = (part: ts.Node) => (parts.push(part), this.printer.hole());
    const inChain = (node.flags & tsi.NodeFlags.OptionalChain) !== 0;
    if (!inChain) {
      // The chain's start: a member read keeps its object apart, so a call of it keeps `this`.
      let start = node;
      while (tsi.isParenthesizedExpression(start)) start = start.expression;
      if (!tsi.isPropertyAccessExpression(start) && !tsi.isElementAccessExpression(start)) return hole(node);
      if (start.expression.kind === tsi.SyntaxKind.SuperKeyword || (start.flags & tsi.NodeFlags.OptionalChain) !== 0) return undefined;
      if (tsi.isElementAccessExpression(start)) return factory.createElementAccessExpression(hole(start.expression), hole(start.argumentExpression));
      return tsi.isIdentifier(start.name) ? factory.createPropertyAccessExpression(hole(start.expression), start.name.text) : undefined;
    }
    if (tsi.isNonNullExpression(node)) {
      const inner = this.withHoles(node.expression, parts);
      return inner && factory.createNonNullExpression(inner);
    }
    if (tsi.isPropertyAccessExpression(node)) {
      const inner = this.withHoles(node.expression, parts);
      return inner && tsi.isIdentifier(node.name) ? factory.createPropertyAccessExpression(inner, node.name.text) : undefined;
    }
    if (tsi.isElementAccessExpression(node)) {
      const inner = this.withHoles(node.expression, parts);
      return inner && factory.createElementAccessExpression(inner, hole(node.argumentExpression));
    }
    if (tsi.isCallExpression(node)) {
      const inner = this.withHoles(node.expression, parts);
      return inner && factory.createCallExpression(inner, undefined, node.arguments.map(hole));
    }
    return undefined;
  }

  /** Replaces the text of `call` around `parts` (its user code, in order) with the pieces of `emitted`. */
  private replaceAround(call: ts.CallExpression, parts: readonly ts.Node[], emitted: ts.Expression, depth: number): void {
    const { sourceFile } = this.file;
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
