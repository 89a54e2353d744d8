/**
 * In-code marks: `@trace`, `@trace "span name"` and `@notrace` in a comment
 * just before a function, or before the class that holds it. They are read
 * from the source text, so they work whatever JSDoc parsing mode tsc runs in.
 */
import type * as ts from 'typescript';

/** What a mark says about one function. */
export type Mark = { trace: true; name?: string } | { trace: false };

/** The mark's word; a span name in quotes may follow it. */
const MARK_WORD = String.raw`@(notrace|trace)\b`;
const MARK = new RegExp(String.raw`${MARK_WORD}(?:[ \t]+"([^"\r\n]*)")?`, 'g');
const ANY_MARK = new RegExp(MARK_WORD);

/**
 * Whether `text`, a whole file, holds a mark anywhere (a comment or not).
 * Asked once a file, so a file without one, nearly every file, skips reading
 * the comments of each of its functions and classes (`markBefore` costs a few
 * microseconds a function; this search, a few milliseconds over effect's core).
 */
export function mayHoldMarks(text: string): boolean {
  return ANY_MARK.test(text);
}

/**
 * The mark in the comments that lead `node` (the last mark wins when several
 * comments carry one), or undefined.
 */
export function markBefore(tsi: typeof ts, node: ts.Node, text: string): Mark | undefined {
  const ranges = [...sameLineComments(tsi, node, text), ...(tsi.getLeadingCommentRanges(text, node.pos) ?? [])];
  let mark: Mark | undefined;
  for (const range of ranges) {
    for (const found of text.slice(range.pos, range.end).matchAll(MARK)) {
      mark = found[1] === 'notrace' ? { trace: false } : found[2] ? { trace: true, name: found[2] } : { trace: true };
    }
  }
  return mark;
}

/**
 * Comments between the previous token and `node` on one line
 * (`a() {} /** @notrace *\/ b() {}`): TypeScript counts them as the previous
 * token's trailing comments, but they sit right before `node`.
 */
function sameLineComments(tsi: typeof ts, node: ts.Node, text: string): ts.CommentRange[] {
  const ranges = tsi.getTrailingCommentRanges(text, node.pos) ?? [];
  const start = node.getStart();
  return ranges.filter((r) => !/[\r\n]/.test(text.slice(r.end, start)));
}
