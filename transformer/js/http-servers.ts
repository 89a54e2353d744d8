/**
 * HTTP server call sites, rewritten to what the transformer emits for them
 * (transformer/emit/http-server.ts) without moving the user's code: the
 * server made, the receiver of a `'request'` registration, and the result of
 * `express()` or `fastify()` are wrapped where they stand.
 *
 *   http.createServer(listener)        =>   rt.instrumentServer(http.createServer(listener))
 *   server.on('request', listener)     =>   rt.instrumentServer(server).on('request', listener)
 *   server?.on('request', listener)    =>   server?.on('request', rt.instrumentRequestListener(listener))
 *   express()                          =>   rt.instrumentExpressApp(express())
 *   fastify({ logger: true })          =>   rt.instrumentFastify(fastify({ logger: true }))
 */
import type * as ts from 'typescript';
import { continuesOptionalChain, instrumentedServerOf, nestApplicationOf, requestListenerOf, serverObjectOf } from '../emit/http-server';
import { wrappableCallee } from '../emit/receiver';
import { CallSiteRewriter, someNode } from './call-site-rewriter';
import type { HttpBindings } from './http-bindings';

export class HttpServerRewriter extends CallSiteRewriter {
  /** Whether the file has at least one server call site. */
  static any(tsi: typeof ts, file: ts.SourceFile, bindings: HttpBindings): boolean {
    return someNode(tsi, file, (node) => (tsi.isCallExpression(node) || tsi.isNewExpression(node)) && bindings.serverSiteOf(node) !== undefined);
  }

  rewrite(call: ts.CallExpression | ts.NewExpression, depth: number): void {
    const site = this.bindings.serverSiteOf(call);
    if (site === undefined) return;
    const tsi = this.file.ts;
    // A result wrapped inside a chain that goes on would cut it (transformer/emit/http-server.ts).
    if (site.kind !== 'registration' && site.kind !== 'nest' && continuesOptionalChain(tsi, call)) return;
    if (site.kind === 'express' || site.kind === 'fastify' || site.kind === 'koa') {
      this.wrap(call, depth, this.printer.pieces(serverObjectOf(this.file, site.kind, this.printer.hole())));
      return;
    }
    const server = this.printer.pieces(instrumentedServerOf(this.file, this.printer.hole()));
    if (site.kind === 'server') {
      this.wrap(call, depth, server);
      return;
    }
    const callee = tsi.isCallExpression(call) ? wrappableCallee(tsi, call) : undefined;
    if (site.kind === 'nest') {
      if (callee !== undefined) this.wrap(callee.expression, depth + 1, this.printer.pieces(nestApplicationOf(this.file, this.printer.hole())));
      return;
    }
    if (callee !== undefined) {
      this.wrap(callee.expression, depth + 1, server);
      return;
    }
    const listener = call.arguments?.[site.argumentIndex];
    if (listener !== undefined) this.wrap(listener, depth + 1, this.printer.pieces(requestListenerOf(this.file, this.printer.hole())));
  }

  /** `open` before `node` and `close` after it; the node's text stays where it is. */
  private wrap(node: ts.Node, depth: number, [open, close]: string[]): void {
    this.edits.surround(node.getStart(this.file.sourceFile), node.end, depth, open!, close!);
  }
}
