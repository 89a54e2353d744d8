/**
 * The spanweave entry the CLI, the loader and the bundler plugin read from a
 * tsconfig: found as tspc finds it, whatever names the transformer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectOptions } from '../../transformer/js/cli';

function project(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-project-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

const transformerEntry = path.resolve(__dirname, '../../transformer/index.js');

const transforms = { 'spanweave/transformer': 'spanweave/transformer', 'the path of its entry file': transformerEntry, 'the path of its folder': path.dirname(transformerEntry) };
for (const [label, transform] of Object.entries(transforms)) {
  test(`an entry whose transform is ${label}, inherited through extends, gives its options`, () => {
    const dir = project({
      'tsconfig.base.json': { compilerOptions: { plugins: [{ transform: 'other-plugin' }, { transform, runtime: './rt.js', functions: 'all' }] } },
      'tsconfig.json': { extends: './tsconfig.base.json', compilerOptions: { outDir: 'out' } },
    });
    const { options, projectDir } = projectOptions(path.join(dir, 'tsconfig.json'));
    assert.equal(projectDir, dir);
    assert.deepEqual(options, { runtime: './rt.js', functions: 'all' });
  });
}

test('another plugin at a path is not taken for spanweave', () => {
  const dir = project({ 'tsconfig.json': { compilerOptions: { plugins: [{ transform: './my-plugin.js', functions: 'all' }] } } });
  assert.deepEqual(projectOptions(path.join(dir, 'tsconfig.json')).options, {});
});
