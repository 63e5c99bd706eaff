// The settings catalog is the one place a setting is declared: each row must say everything the
// engine, the command line, the console and the docs derive from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../electron/engine/config/schema.ts';
import { settingsUsage, SETTING_OPTIONS } from '../../../electron/engine/config/setting-flags.ts';
import { CATALOG, CONFIG_KEYS, GROUP_LABELS, REACTIONS, type ConfigKey, type SettingRow } from '../../../shared/setting-catalog.ts';
import { MIN_SECRET_LENGTH } from '../../../shared/setting-schemas.ts';
import { SETTINGS } from '../../../shared/settings.ts';

const rows = CONFIG_KEYS.map((key) => [key, CATALOG[key] as SettingRow] as const);
const README = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
const configuration = README.slice(README.indexOf('## Configuration'), README.indexOf('\n## ', README.indexOf('## Configuration') + 1));

describe('the settings catalog', () => {
  it.each(rows)('%s has an environment name, a group, a label and help', (_key, row) => {
    expect(row.env).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
    expect(Object.keys(GROUP_LABELS)).toContain(row.group);
    expect(row.label.trim()).not.toBe('');
    expect(row.help.trim()).toMatch(/\.$/);
    expect(['secret', 'text', 'url', 'number', 'select', 'textarea']).toContain(row.kind);
    expect(typeof row.console).toBe('boolean');
    for (const reaction of row.reacts ?? []) expect(Object.keys(REACTIONS)).toContain(reaction);
  });

  it('gives every environment name and every flag to one setting only', () => {
    const envs = rows.map(([, row]) => row.env);
    expect(new Set(envs).size).toBe(envs.length);
    const flags = rows.flatMap(([, row]) => (row.flag ? [row.flag.name] : []));
    expect(new Set(flags).size).toBe(flags.length);
    for (const flag of flags) expect(['--config', '--demo', '--help']).not.toContain(flag);
  });

  it('has a row for every key of the engine’s configuration, and nothing else', () => {
    expect(Object.keys(configSchema.shape).sort()).toEqual([...CONFIG_KEYS].sort());
    for (const info of SETTINGS) expect(CONFIG_KEYS).toContain(info.key);
  });

  it('flags every secret, and holds the secrets Ringside verifies to the length rule', () => {
    for (const [key, row] of rows) {
      const looksSecret = /SECRET|TOKEN|_KEY(_|$)|AUTHTOKEN|DATABASE_URL|NATS_URL/.test(row.env);
      expect(row.secret !== undefined, key).toBe(looksSecret);
      expect(row.kind === 'secret', key).toBe(looksSecret);
      if (row.secret !== 'verified') continue;
      const min = key === 'consoleToken' ? 16 : MIN_SECRET_LENGTH;
      expect(row.schema.safeParse('x'.repeat(min - 1)).success, key).toBe(false);
      expect(row.schema.safeParse('x'.repeat(min)).success, key).toBe(true);
    }
    // The documented exceptions (README, Configuration): a key and the cluster's URLs, which Ringside only passes on.
    expect(rows.filter(([, row]) => row.secret === 'passed-on').map(([key]) => key)).toEqual(['databaseUrl', 'natsUrl', 'openaiApiKey']);
  });

  it('offers in the console only choices its schema accepts, and lets only console settings react to a change', () => {
    for (const [key, row] of rows) {
      for (const option of row.options ?? []) expect(row.schema.safeParse(option).success, `${key}: ${option}`).toBe(true);
      if (!row.console) expect(row.reacts ?? [], key).toEqual([]);
    }
  });

  it('lists every flag and every environment name in the usage text', () => {
    const usage = settingsUsage('serve');
    for (const [key, row] of rows) {
      expect(usage, key).toContain(row.env);
      if (row.flag) expect(usage, key).toContain(row.flag.name);
      if (row.flag) expect(Object.keys(SETTING_OPTIONS)).toContain(row.flag.name.slice(2));
    }
    for (const line of usage.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('is documented: the README’s Configuration section names every variable', () => {
    for (const key of CONFIG_KEYS as ConfigKey[]) expect(configuration, key).toContain(`\`${CATALOG[key].env}\``);
  });
});
