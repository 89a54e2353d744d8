import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runtimePath, tempProject, transformerPath, tspc } from './harness';

function project(plugin: Record<string, unknown>): string {
  return tempProject({
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        rootDir: 'src',
        types: [],
        module: 'commonjs',
        strict: true,
        outDir: 'out',
        plugins: [{ transform: transformerPath, runtime: runtimePath, ...plugin }],
      },
      include: ['src'],
    }),
    'src/main.ts': 'export function twice(n: number): number {\n  return n * 2;\n}\nconsole.log(twice(21));\n',
  });
}

test('tspc loads the transformer from a plugin entry, instruments, and warns about a rule that matched nothing', () => {
  const dir = project({ functions: [{ match: 'twice' }, { match: 'Nothing.*' }] });
  const { status, output } = tspc(dir);
  assert.match(output, /warning TS99502: spanweave: rule functions\[1\] \{"match":"Nothing\.\*"\} matched no function\./);
  assert.equal(status, 0, output);
  const js = fs.readFileSync(path.join(dir, 'out', 'main.js'), 'utf8');
  assert.match(js, /require\(".*runtime[\\/]+index\.js"\)/);
  assert.match(js, /functionSites\("src\/main.ts", \[1, "twice"\]\)/);
  assert.match(js, /spanweave_enterFunction_\d+\(spanweave_sites_\d+\[0\]\)/);
});

test('a misspelled option makes tspc fail with a diagnostic that names it and the option meant', () => {
  const dir = project({ functoins: 'all', functions: 'al' });
  const { status, output } = tspc(dir);
  assert.notEqual(status, 0);
  assert.match(output, /error TS99501: spanweave: unknown option 'functoins'\. Did you mean 'functions'\?/);
  assert.match(output, /error TS99501: spanweave: option 'functions' must be "exported", "all", "none" or a list of rules; got "al"\. Did you mean 'all'\?/);
});
