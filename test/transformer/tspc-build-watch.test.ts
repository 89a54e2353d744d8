/**
 * Smoke tests of the real `tspc` in build mode (-b) and watch mode: the
 * transformer instruments on every (re)build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runtimePath, tempProject, transformerPath, tspc } from './harness';

function project(): string {
  return tempProject({
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'commonjs',
        rootDir: 'src',
        outDir: 'out',
        composite: true,
        types: [],
        plugins: [{ transform: transformerPath, runtime: runtimePath, functions: 'all' }],
      },
      include: ['src'],
    }),
    'src/a.ts': 'export interface Shape {\n  width: number;\n}\nexport function first(): number {\n  return 1;\n}\n',
    'src/b.ts': "import { first, type Shape } from './a';\nexport function area(shape: Shape): number {\n  return shape.width * first();\n}\n",
  });
}

test('tspc -b instruments, and an up-to-date second build emits nothing new', () => {
  const dir = project();
  const first = tspc(dir, ['-b']);
  assert.equal(first.status, 0, first.output);
  const out = path.join(dir, 'out', 'a.js');
  assert.match(fs.readFileSync(out, 'utf8'), /functionSites\("src\/a.ts", \[4, "first"\]\)/);
  const before = fs.statSync(out).mtimeMs;
  const second = tspc(dir, ['-b']);
  assert.equal(second.status, 0, second.output);
  assert.equal(fs.statSync(out).mtimeMs, before);
});

// b.ts does not change, but it imports the edited a.ts, so the rebuild emits
// it again from the same parse tree the first build wrapped.
test('tspc --watch instruments the first build and a rebuild after an edit, the edited file and the files that import it', async () => {
  const dir = project();
  const bin = path.join(repoRoot, 'node_modules', 'ts-patch', 'bin', 'tspc.js');
  const child = spawn(process.execPath, [bin, '--watch', '--preserveWatchOutput'], { cwd: dir });
  let output = '';
  const builds = (): number => (output.match(/Watching for file changes/g) ?? []).length;
  const waitForBuild = (n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (builds() >= n) resolve();
        else if (child.exitCode !== null) reject(new Error(`tspc --watch exited: ${output}`));
        else setTimeout(check, 50);
      };
      check();
    });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    await waitForBuild(1);
    assert.match(output, /Found 0 errors/);
    const emitted = (name: string): string => fs.readFileSync(path.join(dir, 'out', name), 'utf8');
    assert.match(emitted('a.js'), /\[4, "first"\]/);
    assert.match(emitted('b.js'), /functionSites\("src\/b.ts", \[2, "area"\]\)/);
    const bBefore = fs.statSync(path.join(dir, 'out', 'b.js')).mtimeMs;
    const edited = fs.readFileSync(path.join(dir, 'src', 'a.ts'), 'utf8').replace('width: number;', 'width: number;\n  height?: number;');
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), `${edited}export function second(): number {\n  return 2;\n}\n`);
    await waitForBuild(2);
    assert.match(emitted('a.js'), /\[5, "first", 8, "second"\]/);
    assert.notEqual(fs.statSync(path.join(dir, 'out', 'b.js')).mtimeMs, bBefore, 'b.js was emitted again');
    assert.match(emitted('b.js'), /functionSites\("src\/b.ts", \[2, "area"\]\)/);
  } finally {
    child.kill();
  }
});
