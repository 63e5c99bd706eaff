// The command-line side of the settings catalog: the flags `serve` and the desktop app both take,
// how their values map to settings, and the usage text that lists them.
import type { ParseArgsOptionsConfig } from 'node:util';
import { CATALOG, CONFIG_KEYS, GROUP_LABELS, rowOf, type ConfigKey } from '../../../shared/setting-catalog.ts';

type FlagValues = Record<string, string | boolean | undefined>;

const flagged = CONFIG_KEYS.flatMap((key) => {
  const flag = rowOf(key).flag;
  return flag ? [{ key, flag, option: flag.name.slice(2) }] : [];
});

/** Options that are not settings: where settings come from, and the demo. */
const LAUNCH_OPTIONS = {
  config: { usage: '--config FILE', help: 'JSON file of settings (keys as below, or their environment names); the environment overrides it, flags override both' },
  demo: { usage: '--demo', help: 'keep a few simulated calls going (secrets it needs are made up for the run)' },
} as const;

/** The options `serve` and the desktop app both take (node:util parseArgs form). */
export const SETTING_OPTIONS: ParseArgsOptionsConfig = {
  ...Object.fromEntries(flagged.map(({ flag, option }) => [option, { type: 'arg' in flag ? ('string' as const) : ('boolean' as const) }])),
  config: { type: 'string' },
  demo: { type: 'boolean' },
};

/** Settings given as flags, keyed like the config (`--ngrok` is `publicAccess: ngrok`). */
export function flagSettings(values: FlagValues): Partial<Record<ConfigKey, string>> {
  const settings: Partial<Record<ConfigKey, string>> = {};
  for (const { key, flag, option } of flagged) {
    const value = values[option];
    if ('arg' in flag && typeof value === 'string') settings[key] = value;
    if ('sets' in flag && value === true) settings[key] = flag.sets;
  }
  return settings;
}

const WIDTH = 100;

/** `text` in lines of at most WIDTH characters, the first after `lead` (padded to `column`), the rest indented to it. */
function entry(lead: string, text: string, column = 26): string {
  const lines: string[] = [];
  let line = `  ${lead}`.padEnd(column - 1);
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > WIDTH && line.trim()) {
      lines.push(line);
      line = ' '.repeat(column - 1);
    }
    line += ` ${word}`;
  }
  return [...lines, line].join('\n');
}

/** The default a row's schema gives, or the row's words for a default worked out at start. */
function defaultOf(key: ConfigKey): string | undefined {
  const row = rowOf(key);
  const parsed = row.schema.safeParse(undefined);
  return parsed.success && parsed.data !== undefined ? String(parsed.data) : row.defaultText;
}

/** A sentence of help as a usage line has it: lower-case first letter, no final full stop. */
const asPhrase = (text: string) => text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');

/**
 * The usage of a command that starts the engine (`serve`): its flags, then every setting by its
 * environment variable, each also a key of the `--config` file.
 */
export function settingsUsage(command: string): string {
  const flags = flagged.map(({ key, flag }) => {
    const fallback = defaultOf(key);
    const env = CATALOG[key].env;
    const text = 'arg' in flag ? `${asPhrase(CATALOG[key].help)} (env ${env}${fallback ? `; default ${fallback}` : ''})` : `${asPhrase(flag.help)} (env ${env}=${flag.sets})`;
    return entry('arg' in flag ? `${flag.name} ${flag.arg}` : flag.name, text);
  });
  const launch = Object.values(LAUNCH_OPTIONS).map((option) => entry(option.usage, option.help));
  const variables = CONFIG_KEYS.map((key) => entry(CATALOG[key].env, `${key}: ${GROUP_LABELS[CATALOG[key].group]}, ${CATALOG[key].label}`, 40));
  return [
    `Usage: npm run ${command} -- [options]`,
    '',
    ...flags,
    ...launch,
    entry('-h, --help', 'this help'),
    '',
    'Every setting, by its environment variable and its key in the --config file (flags override the',
    'environment, which overrides the file; the README explains each):',
    '',
    ...variables,
  ].join('\n');
}
