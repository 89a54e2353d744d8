/**
 * Which files of a program are instrumented: `include`/`exclude` globs relative
 * to the tsconfig's folder; never declaration files, never node_modules.
 */
import * as path from 'node:path';
import picomatch = require('picomatch');
import type * as ts from 'typescript';
import type { ResolvedOptions } from '../options';

export class FileSelector {
  private readonly include: ((path: string) => boolean) | undefined;
  private readonly exclude: (path: string) => boolean;

  constructor(
    private readonly projectDir: string,
    options: ResolvedOptions,
  ) {
    this.include = options.include === undefined ? undefined : picomatch([...options.include], { dot: true });
    this.exclude = options.exclude.length === 0 ? () => false : picomatch([...options.exclude], { dot: true });
  }

  /** Each file's relative path, asked for by the selection, the plan and the file's context. */
  private readonly relatives = new WeakMap<ts.SourceFile, string>();

  /** The file's path relative to the project folder, with `/` separators (`code.filepath`). */
  relative(file: ts.SourceFile): string {
    let relative = this.relatives.get(file);
    if (relative === undefined) this.relatives.set(file, (relative = this.relativePath(file.fileName)));
    return relative;
  }

  /** A path relative to the project folder, with `/` separators. */
  relativePath(fileName: string): string {
    return path.relative(this.projectDir, fileName).split(path.sep).join('/');
  }

  /** Whether `file` is one spanweave instruments. */
  selects(program: ts.Program, file: ts.SourceFile): boolean {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) return false;
    if (/[\\/]node_modules[\\/]/.test(file.fileName)) return false;
    return this.matches(this.relative(file));
  }

  /** Whether the globs take a path relative to the project folder (for files met without a program). */
  matches(relative: string): boolean {
    return (this.include === undefined || this.include(relative)) && !this.exclude(relative);
  }
}
