import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Pinned like .ci/run: the npm registry's `node` package ships a real Node binary. */
export const NODE24_VERSION = '24.21.0';

/** A Node binary the per-call and HTTP parts run under. */
export interface NodeRuntime {
  /** `Node 20.20.2` */
  label: string;
  bin: string;
}

function versionOf(bin: string): string {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
}

/**
 * Node 24 from the npm registry, installed into a temp prefix. The prefix is
 * kept between runs (it is named after the version), so only the first
 * `npm run bench` on a machine pays for the download.
 */
function node24(): NodeRuntime {
  const prefix = path.join(os.tmpdir(), `spanweave-bench-node-${NODE24_VERSION}`);
  const bin = path.join(prefix, 'node_modules', 'node', 'bin', 'node');
  const installed = fs.existsSync(bin) && versionOf(bin) === NODE24_VERSION;
  if (!installed) {
    console.log(`installing node@${NODE24_VERSION} into ${prefix}`);
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--prefix', prefix, `node@${NODE24_VERSION}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return { label: `Node ${versionOf(bin)}`, bin };
}

/** The machine's Node (the one running the benchmark) and Node 24. */
export function nodeRuntimes(): NodeRuntime[] {
  return [{ label: `Node ${process.versions.node}`, bin: process.execPath }, node24()];
}
