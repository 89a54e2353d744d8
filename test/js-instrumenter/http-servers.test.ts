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

/** The server hooks the instrumented code calls, in the order they start, with the text each wraps (nested ones too). */
function hooks(code: string): string[] {
  const { code: out } = instrumentJs(code, { filename: '/project/src/a.js', projectDir: '/project', functions: 'none' });
  return [...out.matchAll(/\w+\.(instrumentServer|instrumentRequestListener|instrumentExpressApp|instrumentFastify|instrumentKoaApp|instrumentNestApplication)\(/g)].map((m) => {
    const start = m.index + m[0].length;
    let end = start;
    for (let depth = 1; depth > 0; end++) depth += out[end] === '(' ? 1 : out[end] === ')' ? -1 : 0;
    return `${m[1]}: ${out.slice(start, end - 1)}`;
  });
}

describe('HTTP server call sites without a checker', () => {
  test('ES module imports: the servers of createServer and new Server, the receivers of on("request"); express() and fastify()', () => {
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
      'instrumentServer: http.createServer(handle)',
      'instrumentServer: createServer({ keepAlive: true }, handle)',
      'instrumentServer: new https.Server(options, handle)',
      'instrumentServer: createServer()',
      // The receivers of the chained registrations: `server.on(...)` (it returns the server), then `server`.
      "instrumentServer: spanweave_1.instrumentServer(server).on('request', late)",
      'instrumentServer: server',
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
      'instrumentServer: http.createServer(handle)',
      'instrumentExpressApp: (0, express_1.default)()',
      'instrumentFastify: (0, import_fastify.default)()',
      'instrumentServer: createServer(handle)',
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
      'instrumentServer: http2.createServer(handle)',
      'instrumentServer: http2.createSecureServer(options, handle)',
      // The receiver of the registration, a server made where it stands (wrapped again: the hook does nothing the second time).
      'instrumentServer: spanweave_1.instrumentServer(http2.createServer())',
      'instrumentServer: http2.createServer()',
      'instrumentServer: createServer({}, viaOption)',
      'instrumentServer: (settings.serverFactory ?? http2.createServer)(viaNullish)',
    ]);
  });

  test('a registration whose receiver cannot be wrapped where it stands (an optional chain) wraps its listener', () => {
    const code = `
      import { createServer } from 'node:http';
      const server = createServer();
      server?.on('request', optional);`;
    assert.deepEqual(hooks(code), ['instrumentServer: createServer()', 'instrumentRequestListener: optional']);
  });

  test('new Koa() (also of a require), and a NestJS application where it starts, as tsc writes them', () => {
    const code = `
      var __importDefault = (this && this.__importDefault) || function (mod) { return mod && mod.__esModule ? mod : { default: mod }; };
      const koa_1 = __importDefault(require("koa"));
      const core_1 = require("@nestjs/core");
      const app = new koa_1.default();
      const other = new (require('koa'))();
      async function bootstrap() {
        const nest = await core_1.NestFactory.create(AppModule);
        await nest.init();
        await nest.listen(3000);
        nest.get(Service);
      }`;
    assert.deepEqual(hooks(code), [
      'instrumentKoaApp: new koa_1.default()',
      "instrumentKoaApp: new (require('koa'))()",
      'instrumentNestApplication: nest',
      'instrumentNestApplication: nest',
    ]);
  });

  test("the servers Hono's Node adapter makes: serve() and createAdaptorServer()", () => {
    const code = `
      import { serve, createAdaptorServer } from '@hono/node-server';
      const server = serve({ fetch: app.fetch, port: 3000 });
      createAdaptorServer({ fetch: app.fetch });
      getRequestListener(app.fetch);`;
    assert.deepEqual(hooks(code), ['instrumentServer: serve({ fetch: app.fetch, port: 3000 })', 'instrumentServer: createAdaptorServer({ fetch: app.fetch })']);
  });

  test('a server made inside an optional chain that goes on is left alone; one that ends the chain is wrapped', () => {
    const code = `
      const http = require('node:http');
      http?.createServer().on('request', listener);
      http?.createServer();`;
    assert.deepEqual(hooks(code), ['instrumentRequestListener: listener', 'instrumentServer: http?.createServer()']);
  });

  test('look-alikes are left alone', () => {
    const code = `
      import express from './express';
      const local = { createServer: (h) => h() };
      local.createServer(handle);
      function serve(fastify) { return fastify(); }
      const http = require('http');
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

    test('the same hooks as the transformer emits: six servers, two express apps, one fastify', () => {
      assert.equal(code.match(/\.instrumentServer\(/g)?.length, 6);
      assert.doesNotMatch(code, /instrumentRequestListener/);
      assert.equal(code.match(/\.instrumentExpressApp\(/g)?.length, 2);
      assert.equal(code.match(/\.instrumentFastify\(/g)?.length, 1);
    });

    serverFixtureTests(() => servers, () => memory);

    describe("chosen.ts: Hono's `options.createServer || createServerHTTP`", () => {
      test('the server it makes is routed through the runtime hook', () => {
        assert.equal(chosen.code.match(/\.instrumentServer\(createServer\(/g)?.length, 1);
      });

      chosenServerTests(() => require(chosen.file) as ChosenServers, () => memory);
    });
  });
}
