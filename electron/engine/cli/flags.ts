// Flag parsing shared by the CLI commands.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { fail } from './fail.ts';

export type FlagValues = Record<string, string | boolean | undefined>;

/** A command's flags, strictly: an unknown or malformed flag fails with the usage; `-h` prints it. */
export function parseFlags(argv: string[], options: ParseArgsOptionsConfig, usage: string): FlagValues {
  let values: FlagValues;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as { values: FlagValues });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(usage + '\n');
    process.exit(0);
  }
  return values;
}
