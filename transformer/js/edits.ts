/**
 * The text edits of one file, collected while walking its syntax tree and
 * applied at the end in an order that keeps nesting right: where several
 * edits meet at one position, what closes a node comes before what opens
 * one; inner nodes close first and outer nodes open first. The user's text
 * is never moved; only keywords (`await`, `yield`) are replaced, by text
 * that contains them again.
 */
import type MagicString from 'magic-string';

interface Insertion {
  pos: number;
  text: string;
  closes: boolean;
  depth: number;
  seq: number;
}

export class EditList {
  private readonly insertions: Insertion[] = [];
  private readonly replacements: { start: number; end: number; text: string }[] = [];

  /** Text that opens a node at `depth`, inserted at `pos`. */
  open(pos: number, depth: number, text: string): void {
    this.insertions.push({ pos, text, closes: false, depth, seq: this.insertions.length });
  }

  /** Text that closes a node at `depth`, inserted at `pos`. */
  close(pos: number, depth: number, text: string): void {
    this.insertions.push({ pos, text, closes: true, depth, seq: this.insertions.length });
  }

  /**
   * Text around one node's text, from `start` to `end`: `opening` before,
   * `closing` after. A node with no text (the inside of `{}`) gets both as one
   * insertion, in that order: as two, the rule that closings come first at a
   * position would put them the wrong way round.
   */
  surround(start: number, end: number, depth: number, opening: string, closing: string): void {
    if (start === end) return this.open(start, depth, opening + closing);
    this.open(start, depth, opening);
    this.close(end, depth, closing);
  }

  /** Replaces the text from `start` to `end` (a keyword and the blanks after it; no user code inside). */
  replace(start: number, end: number, text: string): void {
    this.replacements.push({ start, end, text });
  }

  get empty(): boolean {
    return this.insertions.length === 0 && this.replacements.length === 0;
  }

  applyTo(code: MagicString): void {
    for (const { start, end, text } of this.replacements) code.update(start, end, text);
    for (const { pos, text } of [...this.insertions].sort(compare)) code.appendLeft(pos, text);
  }
}

function compare(a: Insertion, b: Insertion): number {
  if (a.pos !== b.pos) return a.pos - b.pos;
  if (a.closes !== b.closes) return a.closes ? -1 : 1;
  if (a.depth !== b.depth) return a.closes ? b.depth - a.depth : a.depth - b.depth;
  return a.seq - b.seq;
}
