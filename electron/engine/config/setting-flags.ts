// The command-line side of the settings catalog: the flags `serve` and the desktop app both take,
// how their values map to settings, and the usage text that lists them.
import type { ParseArgsOptionsConfig } from 'node:util';
import { CATALOG, CONFIG_KEYS, GROUP_LABELS, rowOf, type ConfigKey } from '../../../shared/setting-catalog.ts';
import { say, sayOr } from '../words.ts';

type FlagValues = Record<string, string | boolean | undefined>;

const flagged = CONFIG_KEYS.flatMap((key) => {
  const flag = rowOf(key).flag;
  return flag ? [{ key, flag, option: flag.name.slice(2) }] : [];
});

/** Options that are not settings: where settings come from, and the demo (their help: `cli.usage.<name>`). */
const LAUNCH_OPTIONS = { config: '--config FILE', demo: '--demo', 'create-admin': '--create-admin NAME' } as const;

/** The options `serve` and the desktop app both take (node:util parseArgs form). */
export const SETTING_OPTIONS: ParseArgsOptionsConfig = {
  ...Object.fromEntries(flagged.map(({ flag, option }) => [option, { type: 'arg' in flag ? ('string' as const) : ('boolean' as const) }])),
  config: { type: 'string' },
  demo: { type: 'boolean' },
  'create-admin': { type: 'string' },
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

/** A paragraph in lines of at most WIDTH characters. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > WIDTH) (lines.push(line), (line = ''));
    line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** The default a row's schema gives, or the row's words for a default worked out at start. */
function defaultOf(key: ConfigKey): string | undefined {
  const row = rowOf(key);
  const parsed = row.schema.safeParse(undefined);
  if (parsed.success && parsed.data !== undefined) return String(parsed.data);
  return row.defaultText === undefined ? undefined : sayOr(`cli.usage.defaults.${key}`, row.defaultText);
}

/**
 * A sentence of help as a usage line has it: lower-case first letter, no final full stop. A first
 * word in capitals is an acronym ("PEM certificate chain", "URL of…") and keeps them.
 */
export const asPhrase = (text: string): string => {
  const body = text.replace(/\.$/, '');
  const firstWord = /^\p{L}+/u.exec(body)?.[0] ?? '';
  const acronym = firstWord.length > 1 && firstWord === firstWord.toUpperCase();
  return acronym ? body : body.charAt(0).toLowerCase() + body.slice(1);
};

/**
 * The usage of a command that starts the engine (`serve`), in the system's language: its flags,
 * then every setting by its environment variable, each also a key of the `--config` file. A
 * setting's words come from the console's (`settingFields`, `settingGroups`), else the catalog's.
 */
export function settingsUsage(command: string): string {
  const help = (key: ConfigKey) => sayOr(`settingFields.${key}.help`, CATALOG[key].help);
  const flags = flagged.map(({ key, flag }) => {
    const fallback = defaultOf(key);
    const env = say('cli.usage.env', { env: CATALOG[key].env });
    const text = 'arg' in flag ? `${asPhrase(help(key))} (${env}${fallback ? `; ${say('cli.usage.default', { value: fallback })}` : ''})` : `${asPhrase(sayOr(`cli.usage.flags.${flag.name.slice(2)}`, flag.help))} (${env}=${flag.sets})`;
    return entry('arg' in flag ? `${flag.name} ${flag.arg}` : flag.name, text);
  });
  const launch = Object.entries(LAUNCH_OPTIONS).map(([name, usage]) => entry(usage, say(`cli.usage.${name as keyof typeof LAUNCH_OPTIONS}`)));
  const variables = CONFIG_KEYS.map((key) => {
    const group = CATALOG[key].group;
    return entry(CATALOG[key].env, `${key}: ${sayOr(`settingGroups.${group}`, GROUP_LABELS[group])}, ${sayOr(`settingFields.${key}.label`, CATALOG[key].label)}`, 40);
  });
  return [
    say('cli.usage.title', { command }),
    '',
    ...flags,
    ...launch,
    entry('-h, --help', say('cli.usage.help')),
    '',
    ...wrap(say('cli.usage.every')),
    '',
    ...variables,
  ].join('\n');
}
