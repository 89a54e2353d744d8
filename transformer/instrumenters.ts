/**
 * Every call-site instrumenter, in the order the visitor asks them (see
 * transformer/callsites.ts). The HTTP instrumenters add themselves here.
 */
import type { CallSiteInstrumenter } from './callsites';

export const callSiteInstrumenters: readonly CallSiteInstrumenter[] = [];
