import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild, type ChildRun } from './child';
import { ROOT } from './paths';

/** One frame of a CPU profile with the share of samples spent in it (self time). */
export interface HotFrame {
  frame: string;
  selfPercent: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? ` ${url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where}`;
}

/** The frames with the most self time in a `.cpuprofile`, idle time left out. */
export function topFrames(profile: CpuProfile, count: number): HotFrame[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + 1);
    total++;
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, samples]) => ({ frame, selfPercent: (100 * samples) / total }));
}

/** Runs a child under `--cpu-prof` and returns its hottest frames. */
export async function profileChild(run: ChildRun, count = 8): Promise<HotFrame[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-bench-prof-'));
  try {
    await runChild({ ...run, execArgv: [...(run.execArgv ?? []), '--cpu-prof', '--cpu-prof-dir', dir] });
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('bench: the profiled child wrote no .cpuprofile');
    return topFrames(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile, count);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
