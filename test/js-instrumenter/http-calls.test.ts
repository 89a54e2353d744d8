/**
 * Outgoing HTTP calls found by the JavaScript instrumenter without a type
 * checker: which call sites are recognised in the module forms compilers
 * and people write, and a tsc-built program (fixtures/js-http) run against a
 * real server on 127.0.0.1 with the same client spans as the transformer's
 * build.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { init, MemoryReporter } from 'spanweave/runtime';
import { instrumentJs } from 'spanweave/instrument';
import { instrumentFiles } from '../../transformer/js/files';
import { startTestServer, type TestServer } from '../support/http-client-server';
import { buildFixture } from '../transformer/fixture-build';
import { repoRoot, settlementsRead } from '../transformer/harness';
import { comparable } from './fixture-runs';

/** The APIs of the emitted `httpClientCall`s, in order. */
function apis(code: string, filename = '/project/src/a.js'): string[] {
  const { code: out } = instrumentJs(code, { filename, projectDir: '/project', functions: 'none' });
  return [...out.matchAll(/httpClientCall\("([^"]+)"/g)].map((m) => m[1]!);
}

describe('HTTP call sites without a checker', () => {
  test('ES module imports: default, namespace, named and aliased; axios.create(); the global fetch', () => {
    const code = `
      import http from 'node:http';
      import * as https from 'https';
      import { request as undiciRequest, fetch as undiciFetch } from 'undici';
      import axios from 'axios';
      const api = axios.create();
      const get = http.get;
      http.get(u); get(u); https.request(u); undiciRequest(u); undiciFetch(u);
      axios.get(u); api.post(u); axios(u); api(u); axios['delete'](u);
      fetch(u); globalThis.fetch(u);`;
    assert.deepEqual(apis(code), ['http.get', 'http.get', 'https.request', 'undici.request', 'undici.fetch', 'axios.get', 'axios.post', 'axios', 'axios', 'axios.delete', 'fetch', 'fetch']);
  });

  test("CommonJS as tsc, esbuild and people write it: require, destructuring, interop helpers, (0, f)()", () => {
    const code = `
      var __importDefault = (this && this.__importDefault) || function (mod) { return mod && mod.__esModule ? mod : { default: mod }; };
      var http_1 = require("http");
      const axios_1 = __importDefault(require("axios"));
      const { get: httpsGet } = require('node:https');
      const undici = require('undici');
      const axios = require('axios');
      (0, http_1.request)(u); axios_1.default.get(u); (0, axios_1.default)(u); httpsGet(u); undici.stream(u); axios.put(u);`;
    assert.deepEqual(apis(code), ['http.request', 'axios.get', 'axios', 'https.get', 'undici.stream', 'axios.put']);
  });

  test('names that are not the clients are left alone', () => {
    const code = `
      import { fetch as ownFetch } from './own-fetch';
      import axios from './not-axios';
      function withParameter(fetch) { return fetch(u); }
      { const fetch = () => 1; fetch(u); }
      const client = makeClient();
      ownFetch(u); axios.get(u); client.get(u); http.get(u);
      const https = require('https');
      https.createServer(); client?.get(u); holder?.http.get(u);`;
    assert.deepEqual(apis(code), []);
  });

  test('optional chains are rewritten whole, at their end, as the transformer rewrites them', () => {
    const code = `
      const https = require('https');
      const axios = require('axios');
      https?.get(u); https.get?.(u); axios?.get(u).then(f); fetch?.(u); (axios?.get)(u); axios['get']?.(u, ...rest);
      (axios?.x.get)(u); axios?.get(u).then?.(f); axios?.get(u).data;`;
    const { code: out } = instrumentJs(code, { filename: '/project/src/a.js', projectDir: '/project', functions: 'none' });
    assert.deepEqual([...out.matchAll(/httpClientCall\("([^"]+)"/g)].map((m) => m[1]), ['https.get', 'https.get', 'axios.get', 'fetch', 'axios.get', 'axios.get']);
    assert.match(out, /\(\(receiver_1 = axios\) == null \? void 0 : spanweave_1\.httpClientCall\("axios\.get", receiver_1, receiver_1\.get, u\)\.then\(f\)\);/);
    assert.match(out, /\(\(callee_1 = \(receiver_1 = https\)\.get\) == null \? void 0 : spanweave_1\.httpClientCall\("https\.get", receiver_1, callee_1, u\)\);/);
    assert.match(out, /spanweave_1\.httpClientCall\("axios\.get", receiver_1 = axios, receiver_1\?\.get, u\);/);
    assert.match(out, /\(\(callee_1 = \(receiver_1 = axios\)\['get'\]\) == null \? void 0 : spanweave_1\.httpClientCall\("axios\.get", receiver_1, callee_1, u, \.\.\.rest\)\);/);
    assert.match(out, / \(axios\?\.x\.get\)\(u\); axios\?\.get\(u\)\.then\?\.\(f\); axios\?\.get\(u\)\.data;/, 'the chains it cannot keep exactly are left alone');
  });

  test('http.client: false turns it off', () => {
    const { changed } = instrumentJs('fetch(u);', { filename: '/p/a.js', projectDir: '/p', functions: 'none', http: { client: false } });
    assert.equal(changed, false);
  });
});

describe('fixtures/js-http through tsc and the JavaScript instrumenter', () => {
  const memory = new MemoryReporter();
  let server: TestServer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let transformed: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let instrumented: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let plain: any;

  before(async () => {
    server = await startTestServer();
    const plainBuild = buildFixture('js-http', 'plain');
    const reference = buildFixture('js-http', 'transformer', { functions: 'all' });
    const out = path.join(repoRoot, 'fixtures', 'js-http', 'out', 'instrumented');
    fs.rmSync(out, { recursive: true, force: true });
    const result = instrumentFiles({ inputs: [plainBuild.outDir], outDir: out, projectDir: path.join(repoRoot, 'fixtures', 'js-http'), functions: 'all' });
    assert.deepEqual(result.failed, []);
    transformed = require(path.join(reference.outDir, 'client.js'));
    instrumented = require(path.join(out, 'client.js'));
    plain = require(path.join(plainBuild.outDir, 'client.js'));
  });

  after(async () => {
    init({ enabled: false });
    await server.close();
  });

  test('each client call is a client span with the tags the transformer build gives, and the context reaches the server', async () => {
    init({ reporters: [memory], sampler: 'always_on', propagators: ['tracecontext'] });
    const spansOf = async (module: { callAll(origin: string): Promise<unknown> }) => {
      memory.clear();
      const result = await module.callAll(server.origin);
      await settlementsRead();
      return { result, spans: comparable(memory.spans()) };
    };
    const reference = await spansOf(transformed);
    const actual = await spansOf(instrumented);
    assert.deepEqual(actual.result, [200, 201, 502, 202, 203]);
    assert.deepEqual(actual, reference);
    const clients = actual.spans.filter((s) => s.tags['span.kind'] === 'client');
    assert.deepEqual(clients.map((s) => s.tags.component), ['fetch', 'axios', 'axios', 'undici', 'http']);
    assert.match(String(server.headersAt('/status/203').traceparent), /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]$/);
    assert.equal(instrumented.notHttp(), 'fetched x');
  });

  test('client calls in optional chains: the same results and spans as the transformer build, and the same skips and errors', async () => {
    init({ reporters: [memory], sampler: 'always_on', propagators: ['tracecontext'] });
    const spansOf = async (module: { callChains(origin: string): Promise<unknown> }) => {
      memory.clear();
      const result = await module.callChains(server.origin);
      for (let i = 0; i < 400 && memory.spans().filter((s) => s.tags['span.kind'] === 'client').length < 5; i++) await new Promise((r) => setTimeout(r, 5));
      return { result, spans: comparable(memory.spans()) };
    };
    const reference = await spansOf(transformed);
    const actual = await spansOf(instrumented);
    assert.deepEqual(actual.result, [200, 201, 202, 203, 204]);
    assert.deepEqual(actual, reference);
    assert.deepEqual(actual.spans.filter((s) => s.tags['span.kind'] === 'client').map((s) => s.tags.component).sort(), ['axios', 'axios', 'axios', 'fetch', 'http']);
    memory.clear();
    const expected = [undefined, undefined, ['TypeError', '(intermediate value) is not a function'], ['parenthesized']];
    assert.deepEqual(plain.missingFetch(), expected);
    assert.deepEqual(instrumented.missingFetch(), expected);
    assert.deepEqual(transformed.missingFetch(), expected);
    assert.deepEqual(memory.spans().filter((s) => s.tags['span.kind'] === 'client'), []);
  });
});
