/**
 * `node --import spanweave/register app.js`: instruments the application's
 * modules as they load, ES modules and CommonJS, with inline source maps for
 * `--enable-source-maps`. Options: the tsconfig's spanweave plugin entry
 * (`SPANWEAVE_PROJECT`, default ./tsconfig.json) and `SPANWEAVE_OPTIONS`.
 *
 * Where Node has `module.registerHooks` (22.15 and later), one synchronous
 * hook in this thread serves `import` and `require`. On Node 20 the ES
 * module hooks go through `module.register` (another thread), and CommonJS
 * modules are instrumented by wrapping the `.js`/`.cjs` compile step, the
 * way require hooks have long done it.
 *
 * When the process exits, the `report` option's file is written and each
 * rule that matched no function loaded is a warning on stderr.
 */
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loaderData, type LoaderProgress, ModuleInstrumenter } from './load';
import type { ModuleFormat } from './module-format';

const installed = Symbol.for('spanweave.register');
const host = globalThis as { [installed]?: boolean };

if (host[installed] !== true) {
  host[installed] = true;
  const data = loaderData();
  const instrumenter = new ModuleInstrumenter(data);
  const withRegisterHooks = nodeModule as typeof nodeModule & { registerHooks?: (hooks: { load: SyncLoad }) => unknown };
  if (typeof withRegisterHooks.registerHooks === 'function') {
    withRegisterHooks.registerHooks({ load: syncLoad(instrumenter) });
  } else {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (progress: LoaderProgress) => instrumenter.absorb(progress));
    port1.unref();
    nodeModule.register(pathToFileURL(require.resolve('./esm-hooks')).href, { data: { ...data, port: port2 }, transferList: [port2] });
    hookCommonJs(instrumenter);
  }
  // Written synchronously: nothing asynchronous runs once the process exits.
  process.on('exit', () => {
    const warn = (warning: string): void => void fs.writeSync(2, `warning: ${warning}\n`);
    try {
      instrumenter.finish(warn);
    } catch (error) {
      warn(`spanweave: the report could not be written: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

interface SyncLoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | Uint8Array | null;
}
type SyncLoad = (url: string, context: unknown, nextLoad: (url: string, context?: unknown) => SyncLoadResult) => SyncLoadResult;

function syncLoad(instrumenter: ModuleInstrumenter): SyncLoad {
  return (url, context, nextLoad) => {
    const result = nextLoad(url, context);
    const format = formatOf(url, result.format);
    if (format === undefined || !url.startsWith('file:') || result.source == null) return result;
    const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
    return { ...result, source: instrumenter.transform(source, fileURLToPath(url), format) };
  };
}

/** `require()` hands the hook no format (Node 24): a `.js` or `.cjs` file it loads is CommonJS. */
function formatOf(url: string, format: string | null | undefined): ModuleFormat | undefined {
  if (format === 'module' || format === 'commonjs') return format;
  return format == null && /\.c?js$/.test(url) ? 'commonjs' : undefined;
}

interface CompilingModule {
  _compile(content: string, filename: string): unknown;
}
type Extensions = Record<string, (module: CompilingModule, filename: string) => unknown>;

/** Wraps the compile step of `.js` and `.cjs` files: Node still reads them and decides their format. */
function hookCommonJs(instrumenter: ModuleInstrumenter): void {
  const extensions = (nodeModule as unknown as { Module: { _extensions: Extensions } }).Module._extensions;
  for (const extension of ['.js', '.cjs']) {
    const load = extensions[extension];
    if (load === undefined) continue;
    extensions[extension] = (module, filename) => {
      if (instrumenter.owns(filename)) {
        const compile = module._compile;
        module._compile = function (content: string, file: string) {
          module._compile = compile;
          return compile.call(this, instrumenter.transform(content, file, 'commonjs'), file);
        };
      }
      return load(module, filename);
    };
  }
}
