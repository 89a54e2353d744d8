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
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const WORK = process.env.BF_WORK || '/tmp/spanweave-babel-fixtures';
const COMMIT = '1da3cfa1a25503c7ecba7304f8738933e6d16dca';
const FIXTURE = /\/(exec\.(js|mjs)|input\.(ts|tsx|mts|cts))$/;
const EXEC = /\/exec\.(js|mjs)$/;
const ts = require(path.join(ROOT, 'node_modules', 'typescript'));
const { createTransformer } = require(path.join(ROOT, 'dist', 'transformer', 'index.js'));

/** The fixtures' files in WORK/corpus, from the mirror or a shallow fetch of the pinned commit. */
function checkout() {
  const corpus = path.join(WORK, 'corpus');
  if (fs.existsSync(path.join(corpus, '.complete'))) return corpus;
  let repo = process.env.BF_MIRROR;
  if (!repo) {
    repo = path.join(WORK, 'babel.git');
    if (!fs.existsSync(repo)) {
      execFileSync('git', ['init', '--quiet', '--bare', repo]);
      // The one commit, whole (about 40 MB of files): `git archive` cannot fetch the blobs a filtered fetch leaves out.
      execFileSync('git', ['-C', repo, 'fetch', '--quiet', '--depth', '1', 'https://github.com/babel/babel.git', COMMIT]);
    }
  }
  const names = execFileSync('git', ['-C', repo, 'ls-tree', '-r', '--name-only', COMMIT, 'packages'], { maxBuffer: 1 << 28 })
    .toString().split('\n').filter((name) => FIXTURE.test(name));
  fs.rmSync(corpus, { recursive: true, force: true });
  fs.mkdirSync(corpus, { recursive: true });
  const archive = execFileSync('git', ['-C', repo, 'archive', COMMIT, ...names], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', corpus], { input: archive });
  fs.writeFileSync(path.join(corpus, '.complete'), COMMIT);
  return corpus;
}

/** jest's `expect` and `jest-mock` in WORK, and `spanweave` resolving to this checkout for the traced outputs. */
function installTools() {
  if (!fs.existsSync(path.join(WORK, 'node_modules', 'expect'))) {
    fs.writeFileSync(path.join(WORK, 'package.json'), '{ "name": "spanweave-babel-fixtures", "private": true }');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', 'expect@29', 'jest-mock@29'], { cwd: WORK, stdio: 'inherit' });
  }
  fs.rmSync(path.join(WORK, 'node_modules', 'spanweave'), { force: true });
  fs.symlinkSync(ROOT, path.join(WORK, 'node_modules', 'spanweave'));
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
  // The default libraries are parsed once for all the programs.
  const host = ts.createCompilerHost(options);
  const libraries = new Map();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, ...rest) => {
    if (!name.startsWith(path.dirname(ts.getDefaultLibFilePath(options)))) return getSourceFile(name, ...rest);
    if (!libraries.has(name)) libraries.set(name, getSourceFile(name, ...rest));
    return libraries.get(name);
  };
  const counts = { fixtures: files.length, notParsed: 0, compilerCrashes: 0, compiled: 0, instrumented: 0, faults: 0, warnings: 0, unparsable: 0 };
  const problems = [];
  const warnings = [];
  for (const file of files) {
    const fileName = path.join(corpus, file);
    const program = ts.createProgram([fileName], options, host);
    const source = program.getSourceFile(fileName);
    if (source === undefined || program.getSyntacticDiagnostics(source).length > 0) {
      counts.notParsed++;
      continue;
    }
    const emit = (before) => {
      let js = '';
      program.emit(source, (name, text) => { if (/\.[cm]?js$/.test(name)) js = text; }, undefined, false, { before });
      return js;
    };
    let plain;
    try {
      plain = emit([]);
    } catch {
      counts.compilerCrashes++; // TypeScript's own transforms throw on a few decorator fixtures, plugin or not
      continue;
    }
    const diagnostics = [];
    const report = (d) => diagnostics.push(d);
    let traced;
    try {
      traced = emit([createTransformer(program, { functions: 'all', exclude: [] }, { ts, addDiagnostic: report, reportWarning: report })]);
    } catch (error) {
      problems.push(`crash ${file}: ${error.stack}`);
      continue;
    }
    counts.compiled++;
    if (traced !== plain) counts.instrumented++;
    for (const d of diagnostics) {
      const fault = d.category === ts.DiagnosticCategory.Error;
      counts[fault ? 'faults' : 'warnings']++;
      (fault ? problems : warnings).push(`${fault ? 'fault' : 'warning'} ${file}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
    if (parseErrors(plain).length === 0 && parseErrors(traced).length > 0) {
      counts.unparsable++;
      problems.push(`unparsable ${file}: ${parseErrors(traced).join('; ')}`);
    }
    const js = file.replace(/\.(ts|tsx|mts|cts|js)$/, '.js');
    for (const [variant, text] of [['plain', plain], ['traced', traced]]) {
      fs.mkdirSync(path.dirname(path.join(out, variant, js)), { recursive: true });
      fs.writeFileSync(path.join(out, variant, js), text);
    }
  }
  return { out, counts, problems, warnings };
}

function parseErrors(js) {
  return ts.createSourceFile('output.js', js, ts.ScriptTarget.ESNext, false, ts.ScriptKind.JS).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

/**
 * What a run printed, less what may differ without a difference in behaviour:
 * paths and positions, stack frames, the source excerpt Node prints above an
 * uncaught error (the traced build's shows spanweave's rethrow, or for an
 * unhandled rejection at times the line of Node's own that raises it), and the code
 * frames of `expect`'s messages (the traced output has more lines), which
 * Node prints again in the error's `matcherResult`.
 */
function comparable(output, dir) {
  return output
    .split(dir + path.sep).join('')
    .replace(/^\s+matcherResult: \{[^]*?^\s{2}\}\n/gm, '')
    .replace(/^(?:.*\.m?js|node:internal\/[\w/]+):\d+\n.*\n\s*\^+\s*\n/gm, '')
    .split('\n')
    .filter((line) => !/^\s*at /.test(line) && !/^\s*>?\s*\d+ \|/.test(line) && !/^\s*\|/.test(line))
    .join('\n')
    .replace(/:\d+(:\d+)?/g, ':N');
}

function run(file, dir, setup, traced) {
  const env = traced ? { ...process.env, OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER: 'always_on', SPANWEAVE_DEBUG: '1' } : process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', setup, path.join(dir, file)], { cwd: WORK, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ end: signal ?? `exit ${code}`, output: comparable(output, dir) });
    });
  });
}

/** Runs every compiled exec fixture in both builds, two at a time. */
async function runExecFixtures(out, setup) {
  const files = fs.readdirSync(path.join(out, 'plain'), { recursive: true }).filter((f) => EXEC.test('/' + f)).sort();
  const differences = [];
  let passing = 0;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const plain = await run(file, path.join(out, 'plain'), setup, false);
      const traced = await run(file, path.join(out, 'traced'), setup, true);
      if (plain.end === 'exit 0') passing++;
      if (plain.end !== traced.end || plain.output !== traced.output) differences.push({ file, plain, traced });
    }
  };
  await Promise.all([worker(), worker()]);
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
  for (const { file, plain, traced } of differences) {
    console.log(`\n${file}: plain ${plain.end}, traced ${traced.end}\n  plain:  ${plain.output.trim().slice(0, 600).replace(/\n/g, '\n          ')}\n  traced: ${traced.output.trim().slice(0, 600).replace(/\n/g, '\n          ')}`);
  }
  process.exitCode = problems.length > 0 || differences.length > 0 ? 1 : 0;
}

main();
