/**
 * TypeScript 5 with ts-patch 3: both are installed into a temp prefix (kept
 * between runs), and the real tspc of that pair builds and instruments a small
 * program. Skipped when they cannot be installed (offline).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runtimePath, tempProject, transformerPath } from './harness';

// The oldest TypeScript 5: no program.getEmitModuleFormatOfFile, older factory signatures.
const prefix = path.join(os.tmpdir(), 'spanweave-typescript-5.0-ts-patch-3');
const tspc5 = path.join(prefix, 'node_modules', 'ts-patch', 'bin', 'tspc.js');

function installed(): boolean {
  if (fs.existsSync(tspc5)) return true;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--prefix', prefix, 'typescript@5.0', 'ts-patch@3'], { encoding: 'utf8', timeout: 180_000 });
  return result.status === 0 && fs.existsSync(tspc5);
}

test('TypeScript 5.0 with ts-patch 3 builds and instruments (module node16)', (t) => {
  if (!installed()) {
    t.skip('typescript@5.0 and ts-patch@3 could not be installed (offline?)');
    return;
  }
  const dir = tempProject({
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'es2017',
        module: 'node16',
        moduleResolution: 'node16',
        strict: true,
        rootDir: 'src',
        outDir: 'out',
        types: [],
        lib: ['es2020'],
        plugins: [{ transform: transformerPath, runtime: runtimePath, functions: 'all' }],
      },
      include: ['src'],
    }),
    'src/main.ts': [
      'export async function total(values: number[]): Promise<number> {',
      '  let sum = 0;',
      '  for (const v of values) sum += await Promise.resolve(v);',
      '  return sum;',
      '}',
      'export class Box { constructor(readonly size: number) {} twice(): number { return this.size * 2; } }',
      '',
    ].join('\n'),
  });
  const build = spawnSync(process.execPath, [tspc5, '-p', dir], { encoding: 'utf8' });
  assert.equal(build.status, 0, `${build.stdout}${build.stderr}`);
  const js = fs.readFileSync(path.join(dir, 'out', 'main.js'), 'utf8');
  assert.match(js, /^var spanweave_\d+ = require\(/m);
  const script = `
    const { init, MemoryReporter } = require(${JSON.stringify(runtimePath)});
    const memory = new MemoryReporter();
    init({ reporters: [memory], sampler: 'always_on' });
    const m = require(${JSON.stringify(path.join(dir, 'out', 'main.js'))});
    m.total([1, 2]).then((sum) => console.log(JSON.stringify([sum, new m.Box(2).twice(), memory.spans().map((s) => s.operationName)])));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [3, 4, ['total', 'Box.constructor', 'Box.twice']]);
});
