/**
 * Every call-site instrumenter, in the order the visitor asks them (see
 * transformer/callsites.ts). The HTTP instrumenters add themselves here.
 */
import type { CallSiteInstrumenter } from './callsites';
import { httpClientInstrumenter } from './emit/http-client';
import { httpServerInstrumenter } from './emit/http-server';

export const callSiteInstrumenters: readonly CallSiteInstrumenter[] = [
  httpClientInstrumenter,
  httpServerInstrumenter,
];
