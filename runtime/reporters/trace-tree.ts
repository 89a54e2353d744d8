/**
 * Pure text rendering of one trace's finished spans as an indented tree, for
 * the console reporter. Nothing here does I/O, so it is tested directly.
 *
 *   trace 4bf92f3577b34da6a3ce929d0e0e4736 · checkout · 3 spans · 12.3 ms
 *   GET /orders/:id  12.3 ms  [server]  200
 *   ├─ OrderService.load  8.1 ms  +0.4 ms
 *   │  └─ GET  5.0 ms  +1.0 ms  [client]  503  ✗ Service Unavailable
 *   └─ render  1.2 ms  +10.9 ms
 */
import type { FinishedSpan } from '../model';
import { fieldText } from './plain-json';

/** How the tree is drawn. */
export interface TreeStyle {
  /** ANSI colours (errors red, timings dim). */
  color: boolean;
}

interface Node {
  span: FinishedSpan;
  children: Node[];
}

/** The text of one trace: a header line, then one line per span, children under their parent by start time. */
export function renderTrace(spans: readonly FinishedSpan[], style: TreeStyle = { color: false }): string {
  if (spans.length === 0) return '';
  const roots = buildForest(spans);
  let traceStart = Infinity;
  let traceEnd = -Infinity;
  for (const s of spans) {
    traceStart = Math.min(traceStart, s.startTime);
    traceEnd = Math.max(traceEnd, s.startTime + s.duration);
  }
  const paint = painter(style);
  const lines = [header(spans, traceEnd - traceStart, paint)];
  for (const root of roots) {
    lines.push(spanLine(root.span, traceStart, paint, true));
    drawChildren(root, '', traceStart, paint, lines);
  }
  return lines.join('\n') + '\n';
}

/** Parents and children by id; a span whose parent is not among `spans` (remote, or not finished yet) is a root. */
function buildForest(spans: readonly FinishedSpan[]): Node[] {
  const nodes = new Map<string, Node>();
  for (const span of spans) nodes.set(span.spanId, { span, children: [] });
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentId === undefined ? undefined : nodes.get(node.span.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byStart = (a: Node, b: Node): number => a.span.startTime - b.span.startTime;
  for (const node of nodes.values()) node.children.sort(byStart);
  return roots.sort(byStart);
}

function drawChildren(node: Node, indent: string, traceStart: number, paint: Paint, lines: string[]): void {
  node.children.forEach((child, i) => {
    const last = i === node.children.length - 1;
    lines.push(indent + (last ? '└─ ' : '├─ ') + spanLine(child.span, traceStart, paint, false));
    drawChildren(child, indent + (last ? '   ' : '│  '), traceStart, paint, lines);
  });
}

function header(spans: readonly FinishedSpan[], total: number, paint: Paint): string {
  const first = spans[0]!;
  const services = [...new Set(spans.map((s) => s.service))].join(', ');
  const count = `${spans.length} span${spans.length === 1 ? '' : 's'}`;
  return paint.bold(`trace ${first.traceId}`) + ` · ${services} · ${count} · ${formatDuration(total)}`;
}

function spanLine(span: FinishedSpan, traceStart: number, paint: Paint, isRoot: boolean): string {
  const parts = [span.operationName, paint.dim(formatDuration(span.duration))];
  if (!isRoot) parts.push(paint.dim(`+${formatDuration(span.startTime - traceStart)}`));
  else if (span.parentId !== undefined) parts.push(paint.dim(`(parent ${span.parentId})`));
  const kind = span.tags['span.kind'];
  if (kind !== undefined) parts.push(`[${String(kind)}]`);
  const status = span.tags['http.status_code'];
  if (status !== undefined) parts.push(String(status));
  if (isError(span)) parts.push(paint.red(`✗ ${errorMessage(span) ?? 'error'}`));
  return parts.join('  ');
}

/** OpenTracing marks errors with the `error` tag set to true (or the string "true" from some tracers). */
export function isError(span: FinishedSpan): boolean {
  return span.tags.error === true || span.tags.error === 'true';
}

/** The message of the span's `error` log, if it has one. */
export function errorMessage(span: FinishedSpan): string | undefined {
  for (const log of span.logs) {
    if (log.fields.event !== 'error') continue;
    const message = log.fields.message ?? log.fields['error.object'];
    if (message !== undefined) return fieldText(message);
  }
  return undefined;
}

/** Microseconds as text a reader takes in at a glance: 850 µs, 12.3 ms, 2.41 s. */
export function formatDuration(micros: number): string {
  if (micros < 1000) return `${Math.round(micros)} µs`;
  if (micros < 1_000_000) return `${(micros / 1000).toFixed(1)} ms`;
  return `${(micros / 1_000_000).toFixed(2)} s`;
}

interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
}

function painter(style: TreeStyle): Paint {
  const wrap = (open: number, close: number) => (text: string) =>
    style.color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39) };
}
