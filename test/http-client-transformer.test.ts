/**
 * fixtures/http-client/app through the real transformer: every client and
 * calling form, built plain and with spanweave; both builds must return the
 * same, and only the spanweave one makes client spans and sends trace
 * headers. The emitted shape is checked on the built text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import ts from 'typescript';
import { startTestServer, type TestServer } from './support/http-client-server';
import { clientSpans, finishedClientSpans, memory, setUpTracing } from './support/http-client-tracing';
import { createTransformer } from 'spanweave/transformer';
import { buildFixture, fixtureOptions, type FixtureBuild } from './transformer/fixture-build';
import { tspcFixture } from './transformer/harness';

/** How many call sites of fixtures/http-client/app/src/calls.ts are traced. */
const TRACED_CALLS = 39;

type Fixture = { scenarios: Record<string, (origin: string) => Promise<unknown>> };

let server: TestServer;
let plainBuild: FixtureBuild;
let tracedBuild: FixtureBuild;
let tspcOutDir: string;
let plain: Fixture;
let traced: Fixture;

before(async () => {
  // Built first: tspc runs synchronously, and no connection should sit idle meanwhile.
  tspcOutDir = tspcFixture('http-client/app', 'tspc');
  server = await startTestServer();
  plainBuild = buildFixture('http-client/app', 'plain');
  tracedBuild = buildFixture('http-client/app', 'traced', { functions: 'none' });
  plain = require(path.join(plainBuild.outDir, 'calls.js'));
  traced = require(path.join(tracedBuild.outDir, 'calls.js'));
  setUpTracing();
});
after(() => server.close());

/** The `?name` query each scenario puts on its URL tells which request it made. */
function headersOf(name: string) {
  return server.received.find((r) => r.path.endsWith(`?${name}`))?.headers;
}

/** Waits (polling) for the client spans `run` makes to finish. */
async function spansOf(run: () => Promise<unknown>, expected: number): Promise<{ value: unknown; spans: ReturnType<typeof clientSpans> }> {
  memory.clear();
  const value = await run();
  for (let i = 0; i < 1000 && clientSpans().length < expected; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setImmediate(resolve));
  return { value, spans: clientSpans() };
}

const components: Record<string, string> = {
  fetchGlobal: 'fetch',
  fetchGlobalThis: 'fetch',
  fetchTypedAlias: 'fetch',
  httpGetCallback: 'http',
  httpRequestOptions: 'http',
  httpReexported: 'http',
  httpsRefused: 'http',
  axiosGet: 'axios',
  axiosCall: 'axios',
  axiosInstance: 'axios',
  axiosReexported: 'axios',
  undiciRequest: 'undici',
  undiciFetch: 'undici',
  undiciStream: 'undici',
  undiciClient: 'undici',
  optionalReceiver: 'axios',
  optionalModule: 'http',
  optionalFunction: 'fetch',
  parenthesizedOptional: 'axios',
  nonNullCallee: 'axios',
  chainedMember: 'axios',
  optionalMethod: 'axios',
  chainContinues: 'axios',
  chainedModule: 'http',
};

describe('each client and calling form, built with spanweave, behaves as the plain build and is traced', () => {
  for (const name of [...Object.keys(components), 'notHttp']) {
    test(name, async () => {
      server.received.length = 0;
      const expected = await plain.scenarios[name]!(server.origin);
      const plainHeaders = headersOf(name);
      if (plainHeaders) assert.equal(plainHeaders.traceparent, undefined, 'the plain build sends no trace header');
      server.received.length = 0;
      const { value, spans } = await spansOf(() => traced.scenarios[name]!(server.origin), name === 'notHttp' ? 0 : 1);
      assert.deepEqual(value, expected);
      if (name === 'notHttp') return assert.equal(spans.length, 0, 'a local fetch and an object get are left alone');
      assert.equal(spans.length, 1, `one client span for ${name}`);
      assert.equal(spans[0]!.tags.component, components[name]);
      if (name === 'httpsRefused') return assert.equal(spans[0]!.tags.error, true);
      const sent = headersOf(name);
      assert.ok(sent, `the server received ${name}`);
      assert.equal(String(sent.traceparent).split('-')[2], spans[0]!.spanId, 'the request carried the client span');
    });
  }
});

test('the emitted calls pass the original callee and receiver', () => {
  const js = tracedBuild.outputs.get(path.join(tracedBuild.outDir, 'calls.js'))!;
  assert.ok(js, [...tracedBuild.outputs.keys()].join(', '));
  assert.match(js, /\.httpClientCall\("fetch", void 0, fetch, /);
  assert.match(js, /\.httpClientCall\("axios\.post", (receiver_\d+) = exports\.api, \1\.post, /);
  assert.match(js, /\.httpClientCall\("axios\.get", (receiver_\d+) = clients_1\.client, \1\['get'\], /);
  assert.doesNotMatch(js, /httpClientCall\("[^"]+", [^,]+, (0, )?clients_1\.fetch/);
  assert.equal(js.match(/\.httpClientCall\(/g)?.length, TRACED_CALLS);
});

test('an optional call keeps its short-circuit: the hook is called only when the client is there', () => {
  const js = tracedBuild.outputs.get(path.join(tracedBuild.outDir, 'calls.js'))!;
  assert.match(js, /\(\((receiver_\d+) = maybe\) == null \? void 0 : spanweave_\d+\.httpClientCall\("axios\.get", \1, \1\.get, /);
  assert.match(js, /\(\((callee_\d+) = fetch\) == null \? void 0 : spanweave_\d+\.httpClientCall\("fetch", void 0, \1, /);
  memory.clear();
  const missing = (build: FixtureBuild) => require(path.join(build.outDir, 'calls.js')).missingOptionalClients();
  assert.deepEqual(missing(tracedBuild), [undefined, undefined, 0]);
  assert.deepEqual(missing(tracedBuild), missing(plainBuild));
  assert.equal(clientSpans().length, 0);
});

test('a callee in parentheses, with `!` or a cast: the same order of evaluation, errors and `this` as the plain build', async () => {
  const js = tracedBuild.outputs.get(path.join(tracedBuild.outDir, 'calls.js'))!;
  assert.match(js, /\.httpClientCall\("axios\.get", (receiver_\d+) = noClient, \1\?\.get, /);
  assert.match(js, /\.httpClientCall\("axios\.get", (receiver_\d+) = noClient, \1\?\.\['get'\], /);
  assert.match(js, /\(holder\?\.client\.get\)\(arg\('longer chain'\)\)/, 'a longer chain in parentheses is left alone');
  const load = (build: FixtureBuild) => require(path.join(build.outDir, 'calls.js'));
  const expected = load(plainBuild).wrappedCalleesOnMissingClients();
  assert.deepEqual(expected[0], ['threw', 'TypeError', '(intermediate value) is not a function']);
  assert.deepEqual(load(tracedBuild).wrappedCalleesOnMissingClients(), expected);
  memory.clear();
  const thisKept = await load(tracedBuild).wrappedCalleesKeepThis();
  assert.deepEqual(thisKept, await load(plainBuild).wrappedCalleesKeepThis());
  assert.deepEqual(thisKept, Array(5).fill('same this'));
  assert.equal((await finishedClientSpans(5)).filter((s) => s.tags.component === 'axios').length, 5, 'each wrapped callee was traced');
});

test('an optional chain around a client call is rewritten whole: a missing link skips the call, its arguments and the rest', () => {
  const js = tracedBuild.outputs.get(path.join(tracedBuild.outDir, 'calls.js'))!;
  assert.match(js, /\(\((receiver_\d+) = maybe\) == null \? void 0 : spanweave_\d+\.httpClientCall\("axios\.get", \1, \1\.get, `\$\{origin\}\/status\/200\?chainContinues`\)\.then\(/);
  assert.match(js, /\(\((receiver_\d+) = holder\) == null \? void 0 : spanweave_\d+\.httpClientCall\("axios\.get", \1 = \1\.client, \1\.get, /);
  assert.match(js, /\(\((callee_\d+) = \((receiver_\d+) = client\)\.get\) == null \? void 0 : spanweave_\d+\.httpClientCall\("axios\.get", \2, \1, /);
  memory.clear();
  const load = (build: FixtureBuild) => require(path.join(build.outDir, 'calls.js'));
  const expected = load(plainBuild).chainsWithMissingLinks();
  assert.deepEqual(expected.slice(0, 4), [undefined, undefined, undefined, undefined]);
  assert.deepEqual(load(tracedBuild).chainsWithMissingLinks(), expected);
  assert.equal(clientSpans().length, 0);
});

test('built by the real tspc: the chains and wrapped callees behave as the plain build, and are traced', async () => {
  const built = require(path.join(tspcOutDir, 'calls.js'));
  const load = (build: FixtureBuild) => require(path.join(build.outDir, 'calls.js'));
  assert.deepEqual(built.chainsWithMissingLinks(), load(plainBuild).chainsWithMissingLinks());
  assert.deepEqual(built.wrappedCalleesOnMissingClients(), load(plainBuild).wrappedCalleesOnMissingClients());
  for (const name of ['chainContinues', 'chainedModule', 'optionalMethod', 'parenthesizedOptional']) {
    const { value, spans } = await spansOf(() => built.scenarios[name](server.origin), 1);
    assert.deepEqual(value, await plain.scenarios[name]!(server.origin), name);
    assert.equal(spans.length, 1, name);
    assert.equal(spans[0]!.tags.component, components[name]);
  }
});

test('listing the plugin twice does not wrap a call twice', () => {
  const { rootNames, options } = fixtureOptions('http-client/app', { outDir: path.join(tracedBuild.outDir, '..', 'twice') });
  const program = ts.createProgram(rootNames, options);
  let js = '';
  const before = [createTransformer(program, { functions: 'none' }, { ts }), createTransformer(program, { functions: 'none' }, { ts })];
  program.emit(undefined, (file, text) => file.endsWith('calls.js') && (js = text), undefined, false, { before });
  assert.equal(js.match(/\.httpClientCall\(/g)?.length, TRACED_CALLS);
});

test('the plugin option http.client: false leaves every call alone', () => {
  const off = buildFixture('http-client/app', 'client-off', { functions: 'none', http: { client: false } });
  const js = off.outputs.get(path.join(off.outDir, 'calls.js'))!;
  assert.doesNotMatch(js, /httpClientCall/);
});

test('an ES module build calls the hook with the imported bindings themselves', () => {
  const esm = buildFixture('http-client/app', 'esm', { functions: 'none' }, { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  const js = esm.outputs.get(path.join(esm.outDir, 'calls.js'))!;
  assert.match(js, /import \* as spanweave_1 from "spanweave\/runtime";/);
  assert.match(js, /\.httpClientCall\("http\.request", void 0, nodeRequest, /);
  assert.match(js, /\.httpClientCall\("undici\.stream", void 0, stream, /);
  assert.equal(js.match(/\.httpClientCall\(/g)?.length, TRACED_CALLS);
});

test("an 'error' nobody handles crashes the spanweave build as it crashes the plain one", () => {
  const run = (build: FixtureBuild) =>
    spawnSync(process.execPath, [path.join(build.outDir, 'unhandled.js'), `${server.refusedOrigin}/`], { encoding: 'utf8' });
  const plainRun = run(plainBuild);
  const tracedRun = run(tracedBuild);
  assert.notEqual(plainRun.status, 0);
  assert.equal(tracedRun.status, plainRun.status);
  assert.match(tracedRun.stderr, /ECONNREFUSED/);
  assert.match(tracedBuild.outputs.get(path.join(tracedBuild.outDir, 'unhandled.js'))!, /httpClientCall\("http\.get"/);
});
