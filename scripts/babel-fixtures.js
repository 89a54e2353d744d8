'use strict';
// Compiles Babel's TypeScript and JavaScript test fixtures with the TypeScript
// compiler API, plainly and with spanweave (`functions: "all"`), and compares:
// every fixture must compile without a spanweave fault (warnings are listed)
// and to output that still parses; every `exec` fixture (a script of `expect` assertions) must end the
// same way, with the same output, in both builds (tracing on). Not part of
// `npm test`: it downloads Babel's fixtures and jest's `expect`. See
// docs/realworld.md, "Babel's fixtures".
//
//   npm run build && node scripts/babel-fixtures.js [es2022|es2017|...]   (default es2022)
//
// BF_WORK: scratch folder (default /tmp/spanweave-babel-fixtures).
// BF_MIRROR: a bare git mirror of babel/babel to read instead of fetching.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ts, repositoryWith, extract, linkSpanweave, singleFileCompiler, compileCorpus, runNode, forEachConcurrently, printDifferences } = require('./lib/corpus');

const WORK = process.env.BF_WORK || '/tmp/spanweave-babel-fixtures';
const COMMIT = '1da3cfa1a25503c7ecba7304f8738933e6d16dca';
const FIXTURE = /\/(exec\.(js|mjs)|input\.(ts|tsx|mts|cts))$/;
const EXEC = /\/exec\.(js|mjs)$/;

/** The fixtures' files in WORK/corpus, from the mirror or a shallow fetch of the pinned commit. */
function checkout() {
  const corpus = path.join(WORK, 'corpus');
  if (fs.existsSync(path.join(corpus, '.complete'))) return corpus;
  const repo = repositoryWith(COMMIT, { mirror: process.env.BF_MIRROR, url: 'https://github.com/babel/babel.git', work: WORK, name: 'babel' });
  const names = execFileSync('git', ['-C', repo, 'ls-tree', '-r', '--name-only', COMMIT, 'packages'], { maxBuffer: 1 << 28 })
    .toString().split('\n').filter((name) => FIXTURE.test(name));
  extract(repo, COMMIT, names, corpus);
  fs.writeFileSync(path.join(corpus, '.complete'), COMMIT);
  return corpus;
}

/** jest's `expect` and `jest-mock` in WORK, and `spanweave` resolving to this checkout for the traced outputs. */
function installTools() {
  if (!fs.existsSync(path.join(WORK, 'node_modules', 'expect'))) {
    fs.writeFileSync(path.join(WORK, 'package.json'), '{ "name": "spanweave-babel-fixtures", "private": true }');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', 'expect@29', 'jest-mock@29'], { cwd: WORK, stdio: 'inherit' });
  }
  linkSpanweave(WORK);
  const setup = path.join(WORK, 'expect-globals.js');
  fs.writeFileSync(setup, `const { expect } = require('expect');
const { ModuleMocker } = require('jest-mock');
const mocker = new ModuleMocker(globalThis);
globalThis.expect = expect;
globalThis.jest = { fn: (impl) => mocker.fn(impl), spyOn: (object, method) => mocker.spyOn(object, method) };
`);
  return setup;
}

/** Compiles each fixture alone (a program of one file), plainly and traced, into WORK/out-<target>/{plain,traced}. */
function compileAll(corpus, target) {
  const files = fs.readdirSync(corpus, { recursive: true }).filter((f) => FIXTURE.test('/' + f)).sort();
  const out = path.join(WORK, `out-${target}`);
  fs.rmSync(out, { recursive: true, force: true });
  const options = {
    target: ts.ScriptTarget[Object.keys(ts.ScriptTarget).find((k) => k.toLowerCase() === target)],
    module: ts.ModuleKind.CommonJS, allowJs: true, jsx: ts.JsxEmit.ReactJSX, types: [], lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'],
    outDir: path.join(WORK, 'unused'), rootDir: corpus, noResolve: true, skipLibCheck: true, ignoreDeprecations: '6.0',
  };
  if (options.target === undefined) throw new Error(`unknown target ${target}`);
  const compile = singleFileCompiler(options);
  const { counts, problems, warnings } = compileCorpus(files, (file) => compile(path.join(corpus, file)), (file, variant, text) => {
    const js = path.join(out, variant, file.replace(/\.(ts|tsx|mts|cts|js)$/, '.js'));
    fs.mkdirSync(path.dirname(js), { recursive: true });
    fs.writeFileSync(js, text);
  });
  return { out, counts, problems, warnings };
}

/** Runs every compiled exec fixture in both builds, two at a time. */
async function runExecFixtures(out, setup) {
  const files = fs.readdirSync(path.join(out, 'plain'), { recursive: true }).filter((f) => EXEC.test('/' + f)).sort();
  const differences = [];
  let passing = 0;
  const run = (file, variant) => runNode(['--require', setup, path.join(out, variant, file)], { cwd: WORK, dir: path.join(out, variant), traced: variant === 'traced' });
  await forEachConcurrently(files, 2, async (file) => {
    const plain = await run(file, 'plain');
    const traced = await run(file, 'traced');
    if (plain.end === 'exit 0') passing++;
    if (plain.end !== traced.end || plain.output !== traced.output) differences.push({ file, plain, traced });
  });
  return { ran: files.length, passing, differences };
}

async function main() {
  const target = process.argv[2] || 'es2022';
  fs.mkdirSync(WORK, { recursive: true });
  const corpus = checkout();
  const setup = installTools();
  const { out, counts, problems, warnings } = compileAll(corpus, target);
  console.log(`target ${target}: ${JSON.stringify(counts)}`);
  for (const line of [...problems, ...warnings]) console.log(line);
  const { ran, passing, differences } = await runExecFixtures(out, setup);
  console.log(`exec fixtures: ${ran} run, ${passing} pass in the plain build, ${differences.length} end or print otherwise traced`);
  printDifferences(differences);
  process.exitCode = problems.length > 0 || differences.length > 0 ? 1 : 0;
}

main();
