/**
 * The ES module hooks of `spanweave/register` for `module.register` (Node
 * 20, where they run in the loader's own thread): ES modules of the
 * application are instrumented as they load. CommonJS modules are left to
 * the CommonJS hook in register.ts.
 */
import { fileURLToPath } from 'node:url';
import { type LoaderData, ModuleInstrumenter } from './load';

let instrumenter: ModuleInstrumenter | undefined;
let port: LoaderData['port'];

export function initialize(data: LoaderData): void {
  instrumenter = new ModuleInstrumenter(data);
  port = data.port;
}

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}

type NextLoad = (url: string, context?: unknown) => Promise<LoadResult>;

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (instrumenter === undefined || result.format !== 'module' || !url.startsWith('file:') || result.source == null) return result;
  const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
  const transformed = instrumenter.transform(source, fileURLToPath(url), 'module');
  // The main thread writes the report and the warnings when the process exits.
  if (transformed !== source) port?.postMessage(instrumenter.progress());
  return { ...result, source: transformed };
}
