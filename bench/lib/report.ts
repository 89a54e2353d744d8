import fs from 'node:fs';
import path from 'node:path';
import { markdownTable } from './format';
import type { Machine } from './machine';
import type { NodeRuntime } from './nodes';
import type { PartReport, TargetCheck } from './part';

const NOTES_START = '<!-- notes: kept when the benchmark rewrites this file -->';
const NOTES_END = '<!-- end of notes -->';

/** The hand-written notes of the current report, carried over into the next one. */
function keptNotes(file: string): string {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = old.indexOf(NOTES_START);
  const end = old.indexOf(NOTES_END);
  return start >= 0 && end > start ? old.slice(start + NOTES_START.length, end).trim() : '';
}

function verdict(check: TargetCheck): string {
  return check.met === undefined ? 'not measured' : check.met ? 'met' : '**missed**';
}

function shortfalls(checks: readonly TargetCheck[]): string {
  const missed = checks.filter((c) => c.met === false);
  if (missed.length === 0) return 'Every target measured was met in this run.';
  return missed
    .map((c) => {
      const frames = (c.hotFrames ?? []).map((f) => `   - ${f.selfPercent.toFixed(1)}% \`${f.frame}\``).join('\n');
      const title = c.hotFramesTitle ?? 'Hottest frames (self time) in a CPU profile of the case';
      return `- ${c.target}${c.node ? ` (${c.node})` : ''}: measured ${c.measured}.` + (frames ? ` ${title}:\n${frames}` : '');
    })
    .join('\n');
}

/** Writes docs/benchmarks.md: the machine, the targets, each part, the shortfalls and the kept notes. */
export function writeReport(
  file: string,
  machine: Machine,
  nodes: readonly NodeRuntime[],
  parts: readonly PartReport[],
  run: { command: string; quick: boolean },
): void {
  const checks = parts.flatMap((p) => p.checks);
  const date = machine.startedAt.toISOString().replace('T', ' ').slice(0, 16);
  const minutes = ((machine.finishedAt!.getTime() - machine.startedAt.getTime()) / 60_000).toFixed(1);
  const header = [
    '# Benchmarks',
    '',
    `Written by \`${run.command}\` (see README, "Benchmarks"). Run it again to replace the numbers; the notes at the end are kept.`,
    ...(run.quick ? ['', '**A quick run: short timings and few runs, to try the harness. The numbers are rough.**'] : []),
    '',
    `- Date: ${date} UTC, ${minutes} minutes`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`,
    `- Node: ${nodes.map((n) => n.label).join(' and ')}`,
    `- Load average (1 min) at the start and the end: ${machine.loadAtStart.toFixed(2)}, ${machine.loadAtEnd?.toFixed(2)}` +
      (Math.max(machine.loadAtStart, machine.loadAtEnd ?? 0) > machine.cores
        ? ' — more than the cores: other work was running, the numbers are disturbed'
        : ''),
  ];
  const targets = markdownTable(
    ['target', 'Node', 'measured', 'verdict'],
    checks.map((c) => [c.target, c.node ?? '', c.measured, verdict(c)]),
  );
  const body = parts.map((p) => `### ${p.title}\n\n${p.markdown}`).join('\n\n');
  const notes = keptNotes(file);
  const text = [
    ...header,
    '',
    '## Targets',
    '',
    targets,
    '',
    '## Where we fall short',
    '',
    shortfalls(checks),
    '',
    '## Results',
    '',
    body,
    '',
    '## Notes',
    '',
    NOTES_START,
    notes,
    NOTES_END,
    '',
  ].join('\n');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
