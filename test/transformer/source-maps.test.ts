/**
 * Stack traces of instrumented code point at the user's original lines under
 * `node --enable-source-maps`, with external and inline source maps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import ts from 'typescript';
import { compile, runtimePath, tempProject } from './harness';

const source = [
  'export function outer(n: number): number {', // 1
  '  const doubled = n * 2;', // 2
  '  return inner(doubled);', // 3
  '}', // 4
  '', // 5
  'export async function inner(n: number): Promise<number> {', // 6
  '  await null;', // 7
  '  if (n > 0) throw new Error(`boom ${n}`);', // 8
  '  return n;', // 9
  '}', // 10
  '',
].join('\n');

for (const inline of [false, true]) {
  test(`a stack trace points at the original line (${inline ? 'inlineSourceMap' : 'sourceMap'})`, () => {
    const dir = tempProject({ 'src/boom.ts': source });
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      rootDir: path.join(dir, 'src'),
      outDir: path.join(dir, 'out'),
      types: [],
      lib: ['lib.es2022.d.ts'],
      ...(inline ? { inlineSourceMap: true } : { sourceMap: true }),
    };
    compile([path.join(dir, 'src', 'boom.ts')], options, { functions: 'all', runtime: runtimePath }, true);
    const script = `require(${JSON.stringify(path.join(dir, 'out', 'boom.js'))}).outer(1).catch((e) => { console.log(e.stack); });`;
    const result = spawnSync(process.execPath, ['--enable-source-maps', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const frames = result.stdout.split('\n').filter((l) => l.includes('boom.ts'));
    assert.match(frames[0] ?? '', /src[\\/]boom\.ts:8:\d+/, result.stdout);
  });
}
