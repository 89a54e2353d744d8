'use strict';
// Runs test262, ECMAScript's conformance suite, on code instrumented by
// spanweave (`functions: "all"`): each test, with its harness, is compiled
// plainly and traced, and both are run as scripts in fresh Node processes
// (tracing on); they must end the same way and print the same. The tests of
// the language's functions, classes, generators, async functions, `arguments`,
// `super` and `new.target` check exactly what an instrumented function must
// keep. Not part of `npm test`: it reads a test262 checkout. See
// docs/realworld.md, "test262".
//
//   npm run build && node scripts/test262.js [--via=esnext|es2022|es2017|es2015|js] [test/language/... ...]
//
// --via: the TypeScript target of both builds (default esnext), or `js`: the
// test's own text plainly, and instrumented by `spanweave/instrument`.
// Without paths, the folders of DEFAULT_FOLDERS.
// T262_WORK: scratch folder (default /tmp/spanweave-test262).
// T262_MIRROR: a git repository of tc39/test262 (a bare mirror or a clone)
// holding COMMIT, to read instead of fetching that commit into T262_WORK.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, ts, repositoryWith, extract, linkSpanweave, singleFileCompiler, compileCorpus, runNode, forEachConcurrently, printDifferences } = require('./lib/corpus');
const { instrumentJs, JsInstrumentError } = require(path.join(ROOT, 'dist', 'transformer', 'js', 'index.js'));

const COMMIT = 'be13516fb6441b950ba8a3df97eb34062c186972';
const WORK = process.env.T262_WORK || '/tmp/spanweave-test262';
const DEFAULT_FOLDERS = [
  'test/language/statements/function', 'test/language/expressions/function',
  'test/language/expressions/arrow-function', 'test/language/expressions/async-arrow-function',
  'test/language/statements/async-function', 'test/language/expressions/async-function',
  'test/language/statements/generators', 'test/language/expressions/generators',
  'test/language/statements/async-generator', 'test/language/expressions/async-generator',
  'test/language/statements/class', 'test/language/expressions/class',
  'test/language/expressions/object', 'test/language/expressions/super',
  'test/language/expressions/new.target', 'test/language/expressions/yield', 'test/language/expressions/await',
  'test/language/arguments-object', 'test/language/function-code', 'test/language/rest-parameters',
  'test/language/statements/return', 'test/language/statements/try',
  'test/language/statements/for-await-of', 'test/language/statements/await-using', 'test/language/statements/using',
  'test/built-ins/Function/prototype/apply', 'test/built-ins/Function/prototype/bind', 'test/built-ins/Function/prototype/call',
  'test/built-ins/Function/prototype/toString',
];

/** The files of `folders` and the harness at COMMIT, under WORK/corpus. */
function checkout(folders) {
  const repo = repositoryWith(COMMIT, { mirror: process.env.T262_MIRROR, url: 'https://github.com/tc39/test262.git', work: WORK, name: 'test262' });
  const corpus = path.join(WORK, 'corpus');
  extract(repo, COMMIT, ['harness', ...folders], corpus);
  return corpus;
}

/** A test's frontmatter: its includes, flags and negative phase. */
function metadata(source) {
  const block = /\/\*---([^]*?)---\*\//.exec(source)?.[1] ?? '';
  const list = (key) => {
    const inline = new RegExp(`^${key}:\\s*\\[([^\\]]*)\\]`, 'm').exec(block);
    if (inline) return inline[1].split(',').map((s) => s.trim()).filter(Boolean);
    const items = new RegExp(`^${key}:\\s*\\n((?:\\s+-.*\\n?)+)`, 'm').exec(block);
    return items ? items[1].split('\n').map((s) => s.replace(/^\s*-\s*/, '').trim()).filter(Boolean) : [];
  };
  const negative = /^negative:\s*\n\s+phase:\s*(\w+)/m.exec(block)?.[1];
  return { includes: list('includes'), flags: list('flags'), negativePhase: negative };
}

/**
 * The tests that run as one script: not modules, not the files other tests
 * import, and not those meant to fail before running (a parse or early
 * error: those test the parser, which spanweave leaves to TypeScript).
 */
function runnableTests(corpus) {
  const tests = [];
  for (const name of fs.readdirSync(path.join(corpus, 'test'), { recursive: true })) {
    if (!name.endsWith('.js') || name.includes('_FIXTURE')) continue;
    const source = fs.readFileSync(path.join(corpus, 'test', name), 'utf8');
    const meta = metadata(source);
    if (meta.flags.includes('module') || (meta.negativePhase && meta.negativePhase !== 'runtime')) continue;
    tests.push({ name, source, meta });
  }
  return tests.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A test as the script test262 runs: its harness files, then its text; in strict mode if it says so. */
function script(corpus, { source, meta }) {
  if (meta.flags.includes('raw')) return source;
  const harness = ['assert.js', 'sta.js', ...(meta.flags.includes('async') ? ['doneprintHandle.js'] : []), ...meta.includes];
  const parts = harness.map((file) => fs.readFileSync(path.join(corpus, 'harness', file), 'utf8'));
  return (meta.flags.includes('onlyStrict') ? '"use strict";\n' : '') + [...parts, source].join('\n');
}

/** Node's side of test262's host interface, loaded before each script; the script runs in the main realm, as test262 runs a script. */
function writeHost() {
  const host = path.join(WORK, 'host.js');
  fs.writeFileSync(host, `const vm = require('node:vm');
globalThis.print = (message) => console.log(message);
globalThis.$262 = {
  global: globalThis,
  evalScript: (source) => vm.runInThisContext(source),
  detachArrayBuffer: (buffer) => { structuredClone(buffer, { transfer: [buffer] }); },
  gc: globalThis.gc,
  createRealm: () => { throw new Error('test262 host: no createRealm'); },
};
globalThis.require = require;
const file = process.argv[2];
vm.runInThisContext(require('node:fs').readFileSync(file, 'utf8'), { filename: file });
`);
  return host;
}

/** Compiles each test's script plainly and traced, through TypeScript at `via` or through `spanweave/instrument`. */
function compileTests(corpus, tests, via) {
  const out = path.join(WORK, `out-${via}`);
  const scripts = path.join(WORK, 'scripts');
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(scripts, { recursive: true, force: true });
  const target = ts.ScriptTarget[Object.keys(ts.ScriptTarget).find((k) => k.toLowerCase() === via)];
  if (via !== 'js' && target === undefined) throw new Error(`unknown --via ${via}`);
  const compileTs = via === 'js' ? undefined : singleFileCompiler({
    target, module: ts.ModuleKind.CommonJS, allowJs: true, alwaysStrict: false, types: [], lib: ['lib.esnext.d.ts'],
    outDir: path.join(WORK, 'unused'), rootDir: scripts, noResolve: true, skipLibCheck: true, ignoreDeprecations: '6.0',
  });
  const byName = new Map(tests.map((test) => [test.name, test]));
  const compile = (name) => {
    const text = script(corpus, byName.get(name));
    if (compileTs === undefined) return instrument(name, text);
    const fileName = path.join(scripts, name);
    fs.mkdirSync(path.dirname(fileName), { recursive: true });
    fs.writeFileSync(fileName, text);
    return compileTs(fileName);
  };
  const compiled = compileCorpus([...byName.keys()], compile, (name, variant, text) => {
    const js = path.join(out, variant, name);
    fs.mkdirSync(path.dirname(js), { recursive: true });
    fs.writeFileSync(js, text);
  });
  return { out, ...compiled };
}

/** The `compile` result of `spanweave/instrument` on a script's own text. */
function instrument(name, text) {
  try {
    const { code, unchangedBecause } = instrumentJs(text, { filename: name, functions: 'all', exclude: [], format: 'commonjs' });
    const warnings = unchangedBecause === 'declares its own require' ? [unchangedBecause] : [];
    return { status: 'compiled', plain: text, traced: code, faults: [], warnings };
  } catch (error) {
    return error instanceof JsInstrumentError ? { status: 'notParsed' } : { status: 'spanweaveCrash', error };
  }
}

/** Whether a plain run passed: ended well and, for an asynchronous test, said it completed. */
function passed(test, run) {
  if (test.meta.negativePhase === 'runtime') return run.end === 'exit 1';
  return run.end === 'exit 0' && (!test.meta.flags.includes('async') || run.output.includes('Test262:AsyncTestComplete'));
}

async function runTests(out, tests, host) {
  const compiled = tests.filter((test) => fs.existsSync(path.join(out, 'plain', test.name)));
  const differences = [];
  let passing = 0;
  const run = (test, variant) => runNode([host, path.join(out, variant, test.name)], { cwd: WORK, dir: path.join(out, variant), traced: variant === 'traced' });
  await forEachConcurrently(compiled, 2, async (test) => {
    const plain = await run(test, 'plain');
    const traced = await run(test, 'traced');
    if (passed(test, plain)) passing++;
    if (plain.end !== traced.end || plain.output !== traced.output) differences.push({ file: test.name, plain, traced });
  });
  return { ran: compiled.length, passing, differences };
}

async function main() {
  const args = process.argv.slice(2);
  const via = (args.find((a) => a.startsWith('--via='))?.slice(6) ?? 'esnext').toLowerCase();
  const folders = args.filter((a) => !a.startsWith('--'));
  fs.mkdirSync(WORK, { recursive: true });
  linkSpanweave(WORK);
  const corpus = checkout(folders.length > 0 ? folders : DEFAULT_FOLDERS);
  const tests = runnableTests(corpus);
  const { out, counts, problems, warnings } = compileTests(corpus, tests, via);
  console.log(`via ${via}: ${JSON.stringify(counts)}`);
  for (const line of [...problems, ...warnings]) console.log(line);
  const { ran, passing, differences } = await runTests(out, tests, writeHost());
  console.log(`tests: ${ran} run, ${passing} pass in the plain build, ${differences.length} end or print otherwise traced`);
  printDifferences(differences);
  process.exitCode = problems.length > 0 || differences.length > 0 ? 1 : 0;
}

main();
