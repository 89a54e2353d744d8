/**
 * HTTP servers found by the JavaScript instrumenter without a type checker:
 * which call sites are recognised in the module forms compilers and people
 * write, and fixtures/http-server (the transformer's server fixture)
 * compiled as tsc and as esbuild compile it, instrumented, and served on
 * 127.0.0.1 with the server spans the transformer's build gives.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { init, type MemoryReporter } from 'spanweave/runtime';
import { instrumentJs } from 'spanweave/instrument';
import ts from 'typescript';
import { type ChosenServers, chosenServerTests, type FixtureServers, serverFixtureTests } from '../support/http-server-fixture';
import { recordSpans } from '../support/http-server-harness';
import { repoRoot } from '../transformer/harness';

/** The server hooks the instrumented code calls, with the text each wraps. */
function hooks(code: string): string[] {
  const { code: out } = instrumentJs(code, { filename: '/project/src/a.js', projectDir: '/project', functions: 'none' });
  return [...out.matchAll(/\w+\.(instrumentRequestListener|instrumentExpressApp|instrumentFastify)\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)].map((m) => `${m[1]}: ${m[2]}`);
}

describe('HTTP server call sites without a checker', () => {
  test('ES module imports: listeners of createServer, new Server and on("request"); express() and fastify()', () => {
    const code = `
      import http, { createServer } from 'node:http';
      import * as https from 'https';
      import express from 'express';
      import Fastify, { fastify } from 'fastify';
      http.createServer(handle);
      createServer({ keepAlive: true }, handle);
      new https.Server(options, handle);
      const server = createServer();
      server.on('request', late).once('request', once);
      server.on('connection', notARequest);
      express();
      Fastify({ logger: false });
      fastify();`;
    assert.deepEqual(hooks(code), [
      'instrumentRequestListener: handle',
      'instrumentRequestListener: handle',
      // Without types an identifier may be the listener: the hook passes what is no function through.
      'instrumentRequestListener: options',
      'instrumentRequestListener: handle',
      'instrumentRequestListener: late',
      'instrumentRequestListener: once',
      'instrumentExpressApp: express()',
      'instrumentFastify: Fastify({ logger: false })',
      'instrumentFastify: fastify()',
    ]);
  });

  test('CommonJS as tsc and esbuild write it: require, interop helpers, (0, f)()', () => {
    const code = `
      var __importStar = (this && this.__importStar) || function (mod) { return mod; };
      var __importDefault = (this && this.__importDefault) || function (mod) { return mod && mod.__esModule ? mod : { default: mod }; };
      var __toESM = (mod) => mod;
      const http = __importStar(require("node:http"));
      const express_1 = __importDefault(require("express"));
      var import_fastify = __toESM(require("fastify"));
      const { createServer } = require('https');
      http.createServer(handle); (0, express_1.default)(); (0, import_fastify.default)(); createServer(handle);`;
    assert.deepEqual(hooks(code), [
      'instrumentRequestListener: handle',
      'instrumentExpressApp: (0, express_1.default)()',
      'instrumentFastify: (0, import_fastify.default)()',
      'instrumentRequestListener: handle',
    ]);
  });

  test("HTTP/2 servers, and a server creator with a fallback, as Hono's Node adapter writes it", () => {
    const code = `
      import { createServer as createServerHTTP } from 'node:http';
      import * as http2 from 'node:http2';
      http2.createServer(handle);
      http2.createSecureServer(options, handle);
      http2.createServer().on('request', late);
      const createServer = options.createServer || createServerHTTP;
      createServer({}, viaOption);
      (settings.serverFactory ?? http2.createServer)(viaNullish);
      const notCreators = local.createServer || other.createServer;
      notCreators(left);
      (makeServer() || createServerHTTP)(left);`;
    assert.deepEqual(hooks(code), [
      'instrumentRequestListener: handle',
      'instrumentRequestListener: options',
      'instrumentRequestListener: handle',
      'instrumentRequestListener: late',
      'instrumentRequestListener: viaOption',
      'instrumentRequestListener: viaNullish',
    ]);
  });

  test('look-alikes are left alone', () => {
    const code = `
      import express from './express';
      const local = { createServer: (h) => h() };
      local.createServer(handle);
      function serve(fastify) { return fastify(); }
      const http = require('http');
      http.createServer(...handlers);
      const app = express();
      unknownServer.on('request', handle);
      createServer(handle);`;
    assert.deepEqual(hooks(code), []);
  });

  test('http.server: false turns it off', () => {
    const { changed } = instrumentJs(`require('express')();`, { filename: '/p/a.js', projectDir: '/p', functions: 'none', http: { server: false } });
    assert.equal(changed, false);
  });
});

const fixture = path.join(repoRoot, 'fixtures', 'http-server');

/** fixtures/http-server/src/<name>.ts compiled by `compile`, instrumented, written to out/<variant>/<name>.js. */
function instrumented(variant: string, compile: (source: string, filename: string) => string, name = 'servers'): { file: string; code: string } {
  const source = path.join(fixture, 'src', `${name}.ts`);
  const file = path.join(fixture, 'out', variant, `${name}.js`);
  const { code, changed } = instrumentJs(compile(fs.readFileSync(source, 'utf8'), source), { filename: file, projectDir: fixture, functions: 'none', format: 'commonjs' });
  assert.ok(changed);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  return { file, code };
}

const compilers: [string, (source: string, filename: string) => string][] = [
  ['tsc', (source, fileName) => ts.transpileModule(source, { fileName, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText],
  ['esbuild', (source, sourcefile) => esbuild.transformSync(source, { loader: 'ts', format: 'cjs', platform: 'node', target: 'es2022', sourcefile }).code],
];

for (const [compiler, compile] of compilers) {
  describe(`fixtures/http-server compiled by ${compiler} and instrumented: the transformer's server spans`, () => {
    let memory: MemoryReporter;
    let servers: FixtureServers;
    let code: string;
    let chosen: { file: string; code: string };

    before(() => {
      memory = recordSpans();
      const built = instrumented(`js-${compiler}`, compile);
      code = built.code;
      servers = require(built.file) as FixtureServers;
      chosen = instrumented(`js-${compiler}`, compile, 'chosen');
    });

    after(() => init({ enabled: false }));

    test('the same hooks as the transformer emits: four listeners, two express apps, one fastify', () => {
      assert.equal(code.match(/\.instrumentRequestListener\(/g)?.length, 4);
      assert.equal(code.match(/\.instrumentExpressApp\(/g)?.length, 2);
      assert.equal(code.match(/\.instrumentFastify\(/g)?.length, 1);
    });

    serverFixtureTests(() => servers, () => memory);

    describe("chosen.ts: Hono's `options.createServer || createServerHTTP`", () => {
      test('the listener is routed through the runtime hook', () => {
        assert.equal(chosen.code.match(/\.instrumentRequestListener\(listener\)/g)?.length, 1);
      });

      chosenServerTests(() => require(chosen.file) as ChosenServers, () => memory);
    });
  });
}
