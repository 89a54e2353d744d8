// opentracing's own API compatibility suite, with every check on, against our
// Tracer built by init() and by the constructor.
import { describe } from 'node:test';
import { installMochaGlobals } from './support/mocha-globals';
import apiCompatibilityChecks from 'opentracing/lib/test/api_compatibility';
import { init, MemoryReporter, Tracer } from 'spanweave/runtime';

installMochaGlobals();
const everyCheck = { skipBaggageChecks: false, skipInjectExtractChecks: false };
describe('a Tracer from its constructor', () => {
  apiCompatibilityChecks(() => new Tracer({ reporters: [new MemoryReporter()] }), everyCheck);
});
describe('the Tracer init() builds', () => {
  apiCompatibilityChecks(() => init({ serviceName: 'api-compatibility', reporters: [new MemoryReporter()] })!, everyCheck);
});
