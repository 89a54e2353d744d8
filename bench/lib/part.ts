import type { NodeRuntime } from './nodes';
import type { HotFrame } from './profile';

/** What every part of the benchmark is given. */
export interface BenchContext {
  nodes: readonly NodeRuntime[];
  /** Short runs for developing the harness; the numbers are not worth keeping. */
  quick: boolean;
  /** Fresh processes per case; the report gives their median, min and max. */
  runs: number;
}

/** One target of issue 7, checked against a measurement. */
export interface TargetCheck {
  target: string;
  /** The Node it was measured under, when the part runs under several. */
  node?: string;
  measured: string;
  /** Undefined when it could not be measured (said in `measured`). */
  met: boolean | undefined;
  /** Where a target is missed: the hottest frames of a profile of the case. */
  hotFrames?: HotFrame[];
  /** What `hotFrames` lists, when it is not simply the hottest frames of the whole process. */
  hotFramesTitle?: string;
}

/** What a part hands back to bench/main.ts. */
export interface PartReport {
  title: string;
  /** The part's section of docs/benchmarks.md, without its heading. */
  markdown: string;
  /** The same results for the terminal. */
  text: string;
  checks: TargetCheck[];
}
