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

/** Which frames a list of hot frames keeps, by the script they belong to (`node:…`, a file URL, or empty for native code). */
export type FrameFilter = (url: string) => boolean;

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? ` ${url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where}`;
}

const GARBAGE_COLLECTOR = '(garbage collector)';

/**
 * The frames with the most self time in a `.cpuprofile`, idle time left out;
 * shares are of every non-idle sample. With `keep`, only the frames it keeps
 * are listed, after one line that sums all of them, and then the garbage
 * collector's share: what the kept code allocates and keeps alive is paid
 * there, outside its own frames.
 */
export function topFrames(profile: CpuProfile, count: number, keep?: { filter: FrameFilter; total: string }): HotFrame[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  let kept = 0;
  let collecting = 0;
  for (const id of profile.samples) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    total++;
    if (node.callFrame.functionName === GARBAGE_COLLECTOR) collecting++;
    if (keep !== undefined && !keep.filter(node.callFrame.url)) continue;
    kept++;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const share = (samples: number) => (100 * samples) / Math.max(total, 1);
  const frames = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, samples]) => ({ frame, selfPercent: share(samples) }));
  if (keep === undefined) return frames;
  return [{ frame: keep.total, selfPercent: share(kept) }, ...frames, { frame: `${GARBAGE_COLLECTOR}, for everything`, selfPercent: share(collecting) }];
}

/**
 * Runs `body` with a copy of `run` that writes a CPU profile, then returns the
 * hottest frames of the profile the child wrote (see `topFrames`).
 */
export async function withCpuProfile(
  run: ChildRun,
  body: (profiled: ChildRun) => Promise<unknown>,
  count = 8,
  keep?: { filter: FrameFilter; total: string },
): Promise<HotFrame[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-bench-prof-'));
  try {
    await body({ ...run, execArgv: [...(run.execArgv ?? []), '--cpu-prof', '--cpu-prof-dir', dir] });
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('bench: the profiled child wrote no .cpuprofile');
    return topFrames(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile, count, keep);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a child to completion under `--cpu-prof` and returns its hottest frames. */
export function profileChild(run: ChildRun, count = 8): Promise<HotFrame[]> {
  return withCpuProfile(run, (profiled) => runChild(profiled), count);
}
