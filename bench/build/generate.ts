import fs from 'node:fs';
import path from 'node:path';
import { applicationModule } from './application';
import { writeTsconfigs } from './tsconfigs';

/**
 * Named functions in one generated file, counted from `moduleSource`: 20
 * declarations, 5 async, 1 generator, a class with a constructor, a getter and
 * 11 methods, 8 arrows, 2 object methods, 1 more declaration. (Their anonymous
 * callbacks come on top.)
 */
export const FUNCTIONS_PER_FILE = 50;

/**
 * One module of the generated program: 50 functions of every kind the
 * transformer selects (declarations, async, generators, class methods, a
 * getter, a constructor, arrows, object methods), typed, and calling into the
 * previous module so the checker has real work.
 */
function moduleSource(index: number): string {
  const prev = index > 0 ? `m${index - 1}` : undefined;
  const lines: string[] = [];
  if (prev) lines.push(`import { Service${index - 1}, total${index - 1} } from './${prev}';`);
  lines.push('', `export interface Item${index} { id: number; name: string; tags: readonly string[] }`, '');
  for (let f = 0; f < 20; f++) {
    lines.push(`export function fn${index}_${f}(item: Item${index}, factor: number): number {`);
    lines.push(`  return item.id * factor + item.tags.length + ${f};`, '}');
  }
  for (let f = 0; f < 5; f++) {
    lines.push(`export async function load${index}_${f}(id: number): Promise<Item${index}> {`);
    lines.push(`  await Promise.resolve();`, `  return { id, name: 'item' + id, tags: ['t${f}'] };`, '}');
  }
  lines.push(`export function* ids${index}(limit: number): Generator<number> {`, '  for (let i = 0; i < limit; i++) yield i;', '}');
  lines.push('', `export class Service${index} {`, '  private readonly items = new Map<number, string>();');
  lines.push('  constructor(private readonly prefix: string) {}');
  lines.push('  get size(): number {', '    return this.items.size;', '  }');
  for (let m = 0; m < 10; m++) {
    lines.push(`  method${m}(id: number): string {`, `    this.items.set(id, this.prefix + ${m});`, '    return this.items.get(id) ?? "";', '  }');
  }
  lines.push('  async fetchAll(ids: number[]): Promise<string[]> {', '    return ids.map((id) => this.method0(id));', '  }', '}', '');
  for (let a = 0; a < 8; a++) {
    lines.push(`export const arrow${index}_${a} = (xs: number[]): number => xs.reduce((s, x) => s + x * ${a}, 0);`);
  }
  lines.push(`export const handlers${index} = {`);
  lines.push(`  create(name: string): Item${index} {`, '    return { id: name.length, name, tags: [] };', '  },');
  lines.push(`  rename(item: Item${index}, name: string): Item${index} {`, '    return { ...item, name };', '  },', '};');
  const upstream = prev ? ` + total${index - 1}([1, 2]) + new Service${index - 1}('p').method1(1).length` : '';
  lines.push(`export function total${index}(xs: number[]): number {`, `  return arrow${index}_1(xs)${upstream};`, '}', '');
  return lines.join('\n');
}

/**
 * The generated programs' two shapes: `application` is code shaped like a
 * service's (bench/build/application.ts), `dense` is one-line functions and
 * nothing else, the worst case for an instrumenting build.
 */
const PROGRAM_SHAPES = {
  application: applicationModule,
  dense: moduleSource,
} as const;

export type ProgramShape = keyof typeof PROGRAM_SHAPES;

/** Writes a program of `files` modules into `dir`, with the tsconfigs of tsconfigs.ts. */
export function generateProgram(dir: string, files: number, shape: ProgramShape = 'dense'): void {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  const source = PROGRAM_SHAPES[shape];
  for (let i = 0; i < files; i++) fs.writeFileSync(path.join(dir, 'src', `m${i}.ts`), source(i));
  writeTsconfigs(dir, {
    compilerOptions: {
      target: 'es2022',
      module: 'commonjs',
      strict: true,
      skipLibCheck: true,
      types: [],
      lib: ['es2022'],
      rootDir: 'src',
      outDir: 'out',
    },
    include: ['src'],
  });
}
