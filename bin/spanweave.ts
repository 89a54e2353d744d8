#!/usr/bin/env node
/**
 * The `spanweave` command. Subcommands:
 *   instrument   instrument emitted JavaScript and its source maps (docs/js-instrumenter.md)
 */
import { INSTRUMENT_USAGE, runInstrument } from '../transformer/js/cli';

const USAGE = `usage: spanweave <command> [arguments]

commands:
  instrument   instrument emitted JavaScript and its source maps (docs/js-instrumenter.md)

${INSTRUMENT_USAGE}`;

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'instrument':
    process.exitCode = runInstrument(args);
    break;
  case undefined:
  case 'help':
  case '--help':
  case '-h':
    process.stdout.write(`${USAGE}\n`);
    break;
  default:
    process.stderr.write(`spanweave: unknown command '${command}'.\n${USAGE}\n`);
    process.exitCode = 2;
}
