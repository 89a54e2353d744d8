/**
 * `functions: "exported"` in the JavaScript instrumenter, which reads a
 * module's exports from its syntax: the class forms compilers emit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instrumentJs } from 'spanweave/instrument';

/** The names of the functions `code` gets spans for. */
function instrumented(code: string): string[] {
  const { code: out } = instrumentJs(code, { filename: '/project/src/a.js', projectDir: '/project', functions: 'exported' });
  const sites = /functionSites\("src\/a\.js", \[(.*?)\]\)/.exec(out)?.[1] ?? '';
  return [...sites.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

test('a decorated class as tsc emits it, `let C = class C {}` exported after: its methods are exported', () => {
  const code = `
    let CatsService = class CatsService {
      find(id) { return { id }; }
    };
    exports.CatsService = CatsService;
    exports.CatsService = CatsService = __decorate([Injectable()], CatsService);
    let Hidden = class Hidden {
      find(id) { return id; }
    };
    Hidden = __decorate([Injectable()], Hidden);`;
  assert.deepEqual(instrumented(code), ['find', 'CatsService']);
});
