/**
 * Whether a function's body can go inside the wrapper's `try` block as it is.
 *
 * The wrapper moves the body into a block, and in a block a function
 * declaration is scoped to the block. Three things the language allows at a
 * function's top level then change meaning or stop parsing:
 *
 * - a `var` of the same name anywhere in the body (outside nested
 *   functions): a syntax error in a block;
 * - two declarations of one function name: a syntax error in a strict block;
 * - a parameter of the same name: at the top level the function replaces the
 *   parameter's value, which sloppy code's `arguments` shows; in a block it
 *   only hides it.
 *
 * TypeScript reports all three in its own files; JavaScript files compiled
 * with `allowJs`, and those given to the JavaScript instrumenter, can hold
 * them (test262 does). Moving the declarations out of the block instead is
 * no way out: they would lose sight of the body's `let`, `const` and
 * `class` declarations they close over. Such a function is left unwrapped.
 */
import type * as ts from 'typescript';
import { boundNames } from '../syntax';

/** Why `fn`'s body cannot be wrapped in a block, or undefined when it can. */
export function blockConflict(tsi: typeof ts, fn: ts.SignatureDeclaration & { body?: ts.ConciseBody }): string | undefined {
  const body = fn.body;
  if (body === undefined || !tsi.isBlock(body)) return undefined;
  const declared = new Set<string>();
  for (const statement of body.statements) {
    if (!tsi.isFunctionDeclaration(statement) || statement.name === undefined || statement.body === undefined) continue;
    const name = statement.name.text;
    if (declared.has(name)) return `its body declares function ${name} twice`;
    declared.add(name);
  }
  if (declared.size === 0) return undefined;
  for (const parameter of fn.parameters) {
    for (const name of boundNames(tsi, parameter.name)) {
      if (declared.has(name)) return `its body declares function ${name}, the name of a parameter`;
    }
  }
  const clash = varNameAmong(tsi, body, declared);
  return clash === undefined ? undefined : `its body declares function ${clash} and a var of that name`;
}

/** The first `var`-declared name of `node` (not looking into nested functions) that is in `names`. */
function varNameAmong(tsi: typeof ts, node: ts.Node, names: ReadonlySet<string>): string | undefined {
  let found: string | undefined;
  const visit = (child: ts.Node): boolean | undefined => {
    if (tsi.isFunctionLike(child) || tsi.isClassLike(child)) return undefined;
    if (tsi.isVariableDeclarationList(child) && (child.flags & tsi.NodeFlags.BlockScoped) === 0) {
      for (const declaration of child.declarations) {
        found = boundNames(tsi, declaration.name).find((name) => names.has(name));
        if (found !== undefined) return true;
      }
    }
    return tsi.forEachChild(child, visit);
  };
  tsi.forEachChild(node, visit);
  return found;
}
