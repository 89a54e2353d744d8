/**
 * Which declaration a name refers to, from the syntax alone: every
 * declaration of the file is indexed by name with the node that scopes it
 * (`var` and parameters: the function; `let`, `const`, `class`: the block;
 * imports: the file), and a reference resolves to the innermost one whose
 * scope holds it. A name with no declaration in the file is a global.
 */
import type * as ts from 'typescript';

interface Declared {
  declaration: ts.Node;
  scope: ts.Node;
}

export class Scopes {
  private readonly byName = new Map<string, Declared[]>();

  constructor(private readonly tsi: typeof ts, file: ts.SourceFile) {
    const visit = (node: ts.Node): void => {
      this.index(node);
      tsi.forEachChild(node, visit);
    };
    visit(file);
  }

  /** The declaration `name` refers to at `reference`, or undefined for a global. */
  resolve(reference: ts.Identifier): ts.Node | undefined {
    let best: Declared | undefined;
    for (const candidate of this.byName.get(reference.text) ?? []) {
      if (!contains(candidate.scope, reference)) continue;
      if (best === undefined || contains(best.scope, candidate.scope)) best = candidate;
    }
    return best?.declaration;
  }

  /** Whether the file declares `name` anywhere (a quick test before resolving). */
  declares(name: string): boolean {
    return this.byName.has(name);
  }

  private index(node: ts.Node): void {
    const tsi = this.tsi;
    if (tsi.isVariableDeclaration(node)) {
      const list = node.parent;
      const blockScoped = tsi.isVariableDeclarationList(list) && (list.flags & (tsi.NodeFlags.Let | tsi.NodeFlags.Const)) !== 0;
      const scope = tsi.isCatchClause(list) ? list : blockScoped ? blockScope(tsi, list) : functionScope(tsi, node);
      this.addBinding(node.name, node, scope);
    } else if (tsi.isParameter(node)) {
      this.addBinding(node.name, node, node.parent);
    } else if (tsi.isFunctionDeclaration(node) || tsi.isClassDeclaration(node)) {
      if (node.name !== undefined) this.add(node.name.text, node, blockScope(tsi, node));
    } else if ((tsi.isFunctionExpression(node) || tsi.isClassExpression(node)) && node.name !== undefined) {
      this.add(node.name.text, node, node);
    } else if (tsi.isImportClause(node) && node.name !== undefined) {
      this.add(node.name.text, node, node.getSourceFile());
    } else if (tsi.isNamespaceImport(node) || tsi.isImportSpecifier(node) || tsi.isImportEqualsDeclaration(node)) {
      this.add(node.name.text, node, node.getSourceFile());
    }
  }

  /** Every name a binding (identifier or destructuring pattern) declares, each with its own element. */
  private addBinding(name: ts.BindingName, declaration: ts.Node, scope: ts.Node): void {
    const tsi = this.tsi;
    if (tsi.isIdentifier(name)) return this.add(name.text, declaration, scope);
    for (const element of name.elements) {
      if (tsi.isBindingElement(element)) this.addBinding(element.name, tsi.isIdentifier(element.name) ? element : declaration, scope);
    }
  }

  private add(name: string, declaration: ts.Node, scope: ts.Node): void {
    const list = this.byName.get(name);
    if (list === undefined) this.byName.set(name, [{ declaration, scope }]);
    else list.push({ declaration, scope });
  }
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return outer.pos <= inner.pos && inner.end <= outer.end;
}

/** The function (or file) a `var` or a parameter belongs to. */
function functionScope(tsi: typeof ts, node: ts.Node): ts.Node {
  let up = node.parent;
  while (!tsi.isSourceFile(up) && !tsi.isFunctionLike(up) && !tsi.isClassStaticBlockDeclaration(up)) up = up.parent;
  return up;
}

/** The block, loop, `case` block, function or file a block-scoped declaration belongs to. */
function blockScope(tsi: typeof ts, node: ts.Node): ts.Node {
  let up = node.parent;
  while (!tsi.isSourceFile(up) && !tsi.isBlock(up) && !tsi.isCaseBlock(up) && !tsi.isModuleBlock(up) && !tsi.isForStatement(up) && !tsi.isForInStatement(up) && !tsi.isForOfStatement(up) && !tsi.isFunctionLike(up)) {
    up = up.parent;
  }
  return up;
}
