// Flag parsing shared by the CLI commands.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { say } from '../words.ts';
import { fail } from './fail.ts';

export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * What node's `parseArgs` refused, in the system's language: it words its errors in English only,
 * so each known code is worded here with the option it quotes ('--bogus'); others stay as node says.
 */
export function flagProblem(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return say('cli.flags.unknownOption', { option: quoted });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return say('cli.flags.missingValue', { option: quoted.replace(/ <value>$/, '') });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return say('cli.flags.unexpectedArgument', { argument: quoted });
    default:
      return error.message;
  }
}

/** A command's flags, strictly: an unknown or malformed flag fails with the usage; `-h` prints it. */
export function parseFlags(argv: string[], options: ParseArgsOptionsConfig, usage: string): FlagValues {
  let values: FlagValues;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as { values: FlagValues });
  } catch (error) {
    fail(`${flagProblem(error as Error & { code?: string })}\n\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(usage + '\n');
    process.exit(0);
  }
  return values;
}
