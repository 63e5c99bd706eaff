// The settings a supervisor can change from the console, as both sides see them: the catalog's
// rows marked `console`. Secrets are write-only: the engine says whether one is set and where it
// comes from, never its value.
import { z } from 'zod';
import { CATALOG, CONFIG_KEYS, type SettingKey, type SettingRow } from './setting-catalog.ts';
import { settingLabel } from './setting-names.ts';

/** A console setting's row, with its key. */
export type SettingInfo = SettingRow & { key: SettingKey };

/** The console's settings, in the order Settings shows them. */
export const SETTINGS: readonly SettingInfo[] = CONFIG_KEYS.filter((key) => CATALOG[key].console).map((key) => ({ key: key as SettingKey, ...CATALOG[key] }));
export const SETTING_KEYS = SETTINGS.map((s) => s.key);

/** Where a setting's value comes from. `file`, `env` and `flag` lock it in the console. */
export type SettingSource = 'default' | 'saved' | 'demo' | 'file' | 'env' | 'flag';
export const LOCKING_SOURCES: readonly SettingSource[] = ['file', 'env', 'flag'];

export interface SettingState {
  key: SettingKey;
  /** A value is set (secrets: the only thing ever said about them). */
  set: boolean;
  /** The current value, for settings that are not secrets. */
  value?: string;
  source: SettingSource;
}

export interface SettingsView {
  settings: SettingState[];
  /** Saved secrets survive a restart (the desktop app encrypts them); false: kept for this run only. */
  secretsPersist: boolean;
  /** How secrets are kept deserves the supervisor's attention (e.g. no OS keyring on this Linux desktop). */
  secretsWarning?: string;
}

/** A change: a new value, or null (or "") to go back to the default. Number settings take JSON numbers too. */
export type SettingsPatch = Partial<Record<SettingKey, string | number | null>>;

/** What one setting of a patch may be; a wrong one is refused naming the setting as Settings shows it. */
function patchValue(info: SettingInfo) {
  const label = settingLabel(info.key);
  const text = z.string({ error: `${label} must be text, or null to go back to the default` }).max(20_000, `${label} is too long (20,000 characters at most)`);
  // The number itself is checked with the rest of the configuration, by the setting's own schema.
  const value = info.kind === 'number' ? z.union([z.number(), text], { error: `${label} must be a number, or null to go back to the default` }) : text;
  return value.nullable().optional();
}

export const settingsPatchSchema: z.ZodType<SettingsPatch> = z.strictObject(Object.fromEntries(SETTINGS.map((info) => [info.key, patchValue(info)])), {
  error: (issue) =>
    issue.code === 'unrecognized_keys'
      ? `not a setting the console can change: ${issue.keys.join(', ')}`
      : 'send the settings to change as a JSON object, e.g. {"botLanguage":"fr"}',
});
