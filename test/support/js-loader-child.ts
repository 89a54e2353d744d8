/**
 * Run by test/js-instrumenter/faces.test.ts as
 * `node --import spanweave/register --enable-source-maps <this> <stack module> <pair>...`,
 * each pair `<how>:<plain module>:<transformer module>:<export>` (how: `require`
 * or `import`): the loader instruments the plain tsc build as it loads and
 * leaves the transformer's build (already instrumented) alone; the export
 * (an object of scenarios, or one function) must give the same results and
 * spans from both. Prints one JSON line: how many calls were compared and a
 * mapped stack trace from the stack module.
 */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { init, MemoryReporter } from 'spanweave/runtime';
import { run, type Scenarios } from '../js-instrumenter/fixture-runs';

async function load(how: string, file: string, name: string): Promise<Scenarios> {
  const module = how === 'import' ? await import(pathToFileURL(file).href) : require(file);
  const value = module[name] as Scenarios | (() => unknown);
  return typeof value === 'function' ? { [name]: value } : value;
}

async function main(): Promise<void> {
  const [stackModule, ...pairs] = process.argv.slice(2) as [string, ...string[]];
  const memory = new MemoryReporter();
  init({ reporters: [memory], sampler: 'always_on' });
  let compared = 0;
  for (const pair of pairs) {
    const [how, plain, reference, name] = pair.split('::') as [string, string, string, string];
    const loaded = await load(how, plain, name);
    const expected = await load(how, reference, name);
    for (const scenario of Object.keys(loaded)) {
      const a = await run(memory, loaded, scenario);
      const b = await run(memory, expected, scenario);
      assert.deepEqual(a.result, b.result, `${plain} ${scenario}`);
      assert.deepEqual(a.spans, b.spans, `${plain} ${scenario}`);
      assert.ok(a.spans.length > 0 || scenario === 'hoisting', `${plain} ${scenario} made spans`);
      compared++;
    }
  }
  let stack = '';
  try {
    new (require(stackModule).Orders)().find(7);
  } catch (error) {
    stack = (error as Error).stack ?? '';
  }
  process.stdout.write(`${JSON.stringify({ compared, stack })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
