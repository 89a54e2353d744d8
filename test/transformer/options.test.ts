import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_OPTIONS, resolveOptions } from '../../transformer/options';

test('no options gives the documented defaults', () => {
  const { options, problems } = resolveOptions(undefined);
  assert.deepEqual(problems, []);
  assert.deepEqual(options, DEFAULT_OPTIONS);
  assert.equal(options.functions, 'exported');
  assert.equal(options.runtime, 'spanweave/runtime');
});

test("ts-patch's own keys are not judged", () => {
  const { problems } = resolveOptions({ transform: 'spanweave/transformer', import: 'default', after: false, tsConfig: 'x', name: 'n' });
  assert.deepEqual(problems, []);
});

test('a misspelled option is an error that names it and the option meant', () => {
  const { options, problems } = resolveOptions({ fucntions: 'all', captureArg: true });
  assert.deepEqual(
    problems.map((p) => [p.severity, p.message]),
    [
      ['error', "unknown option 'fucntions'. Did you mean 'functions'?"],
      ['error', "unknown option 'captureArg'. Did you mean 'captureArgs'?"],
    ],
  );
  assert.equal(options.functions, 'exported');
});

test('a mistyped value is an error that names the option and keeps the default', () => {
  const { options, problems } = resolveOptions({ functions: 'al', captureArgs: 'yes', include: 'src/**' });
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      `option 'include' must be a list of strings; got "src/**".`,
      `option 'functions' must be "exported", "all", "none" or a list of rules; got "al". Did you mean 'all'?`,
      `option 'captureArgs' must be true or false; got "yes".`,
    ],
  );
  assert.equal(options.captureArgs, false);
});

test('rules are checked field by field, kinds included', () => {
  const { problems } = resolveOptions({ functions: [{ match: 'A.*', kind: ['method'] }, { kinds: ['methd'], exported: 1 }, 'x'] });
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      "unknown field 'kind' in rule functions[0]. Did you mean 'kinds'?",
      `option 'functions[1].kinds' has the unknown kind "methd"; kinds are function, method, arrow, getter, setter, constructor, objectMethod, classField. Did you mean 'method'?`,
      "option 'functions[1].exported' must be true or false; got number 1.",
      "option 'functions[2]' must be an object; got \"x\".",
    ],
  );
});

test('valid rules are kept as given', () => {
  const rules = [{ match: 'OrderService.*', captureArgs: true }, { kinds: ['arrow' as const], exclude: true }];
  const { options, problems } = resolveOptions({ functions: rules, secretNames: ['pin'] });
  assert.deepEqual(problems, []);
  assert.deepEqual(options.functions, rules);
  assert.deepEqual(options.secretNames, ['pin']);
});
