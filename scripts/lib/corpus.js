'use strict';
// What the sweeps of other projects' test corpora share (scripts/babel-fixtures.js,
// scripts/test262.js): compiling one file plainly and with spanweave
// (`functions: "all"`) through the TypeScript compiler API, running the two
// outputs in fresh Node processes, and comparing what they printed.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const ts = require(path.join(ROOT, 'node_modules', 'typescript'));
const { createTransformer } = require(path.join(ROOT, 'dist', 'transformer', 'index.js'));

/** The environment of a traced run: every span recorded, none exported, spanweave's own faults printed. */
const TRACED_ENV = { OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER: 'always_on', SPANWEAVE_DEBUG: '1' };

/**
 * A git repository holding `commit`: `mirror` when given (a bare mirror or a
 * clone), else `<work>/<name>.git`, into which that one commit of `url` is
 * fetched whole, once (`git archive` cannot fill in the blobs a filtered
 * fetch leaves out).
 */
function repositoryWith(commit, { mirror, url, work, name }) {
  if (mirror) return mirror;
  const repo = path.join(work, `${name}.git`);
  if (!fs.existsSync(path.join(repo, 'shallow'))) {
    fs.rmSync(repo, { recursive: true, force: true });
    execFileSync('git', ['init', '--quiet', '--bare', repo]);
    execFileSync('git', ['-C', repo, 'fetch', '--quiet', '--depth', '1', url, commit]);
  }
  return repo;
}

/** Writes the files `paths` (files or folders) of `commit` in `repo` under `dest`, emptied first. */
function extract(repo, commit, paths, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const archive = execFileSync('git', ['-C', repo, 'archive', commit, ...paths], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dest], { input: archive });
}

/** Makes `spanweave` resolve to this checkout from `work`, for the traced outputs' `require("spanweave/runtime")`. */
function linkSpanweave(work) {
  fs.mkdirSync(path.join(work, 'node_modules'), { recursive: true });
  fs.rmSync(path.join(work, 'node_modules', 'spanweave'), { force: true });
  fs.symlinkSync(ROOT, path.join(work, 'node_modules', 'spanweave'));
}

/**
 * A compiler of single-file programs with `options`: `compile(fileName)` emits
 * the file plainly and with spanweave, and says how it went. The default
 * libraries are parsed once for all the programs.
 */
function singleFileCompiler(options) {
  const host = ts.createCompilerHost(options);
  const libraries = new Map();
  const libraryFolder = path.dirname(ts.getDefaultLibFilePath(options));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, ...rest) => {
    if (!name.startsWith(libraryFolder)) return getSourceFile(name, ...rest);
    if (!libraries.has(name)) libraries.set(name, getSourceFile(name, ...rest));
    return libraries.get(name);
  };
  /**
   * `{ status: 'notParsed' }` when TypeScript cannot parse the file,
   * `{ status: 'compilerCrash' }` when its plain emit throws,
   * `{ status: 'spanweaveCrash', error }` when only the traced emit throws,
   * else `{ status: 'compiled', plain, traced, faults, warnings }` (messages).
   */
  return function compile(fileName) {
    const program = ts.createProgram([fileName], options, host);
    const source = program.getSourceFile(fileName);
    if (source === undefined || program.getSyntacticDiagnostics(source).length > 0) return { status: 'notParsed' };
    const emit = (before) => {
      let js = '';
      program.emit(source, (name, text) => { if (/\.[cm]?js$/.test(name)) js = text; }, undefined, false, { before });
      return js;
    };
    let plain;
    try {
      plain = emit([]);
    } catch {
      return { status: 'compilerCrash' };
    }
    const diagnostics = [];
    const report = (d) => diagnostics.push(d);
    let traced;
    try {
      traced = emit([createTransformer(program, { functions: 'all', exclude: [] }, { ts, addDiagnostic: report, reportWarning: report })]);
    } catch (error) {
      return { status: 'spanweaveCrash', error };
    }
    const text = (d) => ts.flattenDiagnosticMessageText(d.messageText, ' ');
    return {
      status: 'compiled',
      plain,
      traced,
      faults: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map(text),
      warnings: diagnostics.filter((d) => d.category !== ts.DiagnosticCategory.Error).map(text),
    };
  };
}

/**
 * Compiles every name with `compile` (a `singleFileCompiler`'s, or one of the
 * same results), writes each compiled output with `write(name, variant, text)`
 * (variant `plain` or `traced`), and counts: the names, those not parsed,
 * the compiler's own crashes, those compiled, those spanweave changed, its
 * faults and warnings, and traced outputs that no longer parse. `problems`
 * lists spanweave's crashes and faults and the unparsable outputs.
 */
function compileCorpus(names, compile, write) {
  const counts = { files: names.length, notParsed: 0, compilerCrashes: 0, compiled: 0, instrumented: 0, faults: 0, warnings: 0, unparsable: 0 };
  const problems = [];
  const warnings = [];
  for (const name of names) {
    const result = compile(name);
    if (result.status === 'notParsed') {
      counts.notParsed++;
      continue;
    }
    if (result.status === 'compilerCrash') {
      counts.compilerCrashes++; // TypeScript's own transforms throw on a few of Babel's decorator fixtures, plugin or not
      continue;
    }
    if (result.status === 'spanweaveCrash') {
      problems.push(`crash ${name}: ${result.error.stack}`);
      continue;
    }
    const { plain, traced } = result;
    counts.compiled++;
    if (traced !== plain) counts.instrumented++;
    counts.faults += result.faults.length;
    counts.warnings += result.warnings.length;
    problems.push(...result.faults.map((message) => `fault ${name}: ${message}`));
    warnings.push(...result.warnings.map((message) => `warning ${name}: ${message}`));
    if (parseErrors(plain).length === 0 && parseErrors(traced).length > 0) {
      counts.unparsable++;
      problems.push(`unparsable ${name}: ${parseErrors(traced).join('; ')}`);
    }
    write(name, 'plain', plain);
    write(name, 'traced', traced);
  }
  return { counts, problems, warnings };
}

/** The syntax errors TypeScript's parser finds in `js`. */
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

/**
 * Runs `node ...args` in `cwd` (traced: with TRACED_ENV), killed after 15 s;
 * resolves to how it ended (`exit N` or the signal) and its comparable output.
 */
function runNode(args, { cwd, dir, traced }) {
  const env = traced ? { ...process.env, ...TRACED_ENV } : process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env });
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

/** Calls `work(item)` for every item, `concurrency` at a time. */
async function forEachConcurrently(items, concurrency, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Prints each run that ended or printed otherwise traced than plain. */
function printDifferences(differences) {
  for (const { file, plain, traced } of differences) {
    console.log(`\n${file}: plain ${plain.end}, traced ${traced.end}\n  plain:  ${plain.output.trim().slice(0, 600).replace(/\n/g, '\n          ')}\n  traced: ${traced.output.trim().slice(0, 600).replace(/\n/g, '\n          ')}`);
  }
}

module.exports = { ROOT, ts, repositoryWith, extract, linkSpanweave, singleFileCompiler, compileCorpus, parseErrors, runNode, forEachConcurrently, printDifferences };
