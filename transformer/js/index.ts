/**
 * `spanweave/instrument`: the JavaScript instrumenter, for code that no
 * TypeScript 6 program compiles (TypeScript 7, esbuild, swc, Vite, plain
 * JavaScript). The same options, selection and emitted code as the
 * transformer; docs/js-instrumenter.md explains what differs without types.
 *
 *   const { code, map } = instrumentJs(source, { filename: 'dist/orders.js', functions: 'all' });
 */
export { instrumentJs, JsInstrumenter, JsInstrumentError } from './instrumenter';
export type { JsFileInput, JsInstrumenterOptions, JsInstrumentResult } from './instrumenter';
export type { ModuleFormat } from './module-format';
export type { RawSourceMap, SourceMapInput } from './source-map';
