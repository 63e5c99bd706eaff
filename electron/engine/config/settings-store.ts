// Settings changed from the console, layered between the defaults and what the operator set
// (defaults < saved in the console < config file < environment < flags): a value the operator set
// is shown but locked. Non-secret values are saved in <data dir>/settings.json; secrets go to a
// vault (encrypted by the desktop app; the headless engine keeps them for the run only).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api.ts';
import { isSecret, type SettingKey } from '../../../shared/setting-catalog.ts';
import { nameSetting, settingLabel } from '../../../shared/setting-names.ts';
import { LOCKING_SOURCES, SETTING_KEYS, type SettingSource, type SettingsPatch, type SettingsView } from '../../../shared/settings.ts';
import type { Logger } from '../log.ts';
import type { ValueSources } from './load.ts';
import { configSchema, secretsOf, type ConfigKey, type EngineConfig } from './schema.ts';

/** Where saved secrets live. */
export interface SecretVault {
  /** Saved secrets survive a restart. */
  readonly persistent: boolean;
  /** Something the supervisor should know about how secrets are kept (shown in Settings). */
  readonly warning?: string;
  load(): Record<string, string>;
  save(secrets: Record<string, string>): void;
}

/** The headless engine's vault: secrets set from the console last until the engine stops. */
export function memoryVault(): SecretVault {
  let kept: Record<string, string> = {};
  return {
    persistent: false,
    load: () => ({ ...kept }),
    save: (secrets) => void (kept = { ...secrets }),
  };
}

export interface SettingsStoreOptions {
  /** The operator's configuration (file, environment, flags) with defaults filled in. */
  base: EngineConfig;
  sources: ValueSources;
  vault: SecretVault;
  logger: Logger;
}

export type SettingsListener = (config: EngineConfig, changed: ReadonlySet<ConfigKey>) => void;

export class SettingsStore {
  private readonly base: EngineConfig;
  private readonly sources: ValueSources;
  private readonly vault: SecretVault;
  private readonly logger: Logger;
  private readonly file: string;
  private saved: Partial<Record<SettingKey, string>> = {};
  private demo: Partial<Record<SettingKey, string>> = {};
  private config: EngineConfig;
  private readonly listeners = new Set<SettingsListener>();

  constructor({ base, sources, vault, logger }: SettingsStoreOptions) {
    this.base = base;
    this.sources = sources;
    this.vault = vault;
    this.logger = logger;
    this.file = join(base.dataDir, 'settings.json');
    this.saved = this.readSaved();
    this.config = this.compose();
  }

  get current(): EngineConfig {
    return this.config;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(): SettingsView {
    return {
      secretsPersist: this.vault.persistent,
      ...(this.vault.warning && { secretsWarning: this.vault.warning }),
      settings: SETTING_KEYS.map((key) => {
        const value = this.config[key];
        const set = value !== undefined && value !== '';
        return { key, set, source: this.source(key), ...(!isSecret(key) && set && { value: String(value) }) };
      }),
    };
  }

  /** Applies a change from the console: validated whole, saved, then announced. */
  update(patch: SettingsPatch): SettingsView {
    const next = { ...this.saved };
    for (const [key, value] of Object.entries(patch) as [SettingKey, string | number | null | undefined][]) {
      const source = this.source(key);
      if (LOCKING_SOURCES.includes(source)) {
        const where = source === 'env' ? `the environment variable ${nameSetting(key, 'env')}` : source === 'flag' ? `the flag ${nameSetting(key, 'flag')}` : 'the config file';
        throw new ApiError(409, `${settingLabel(key)} is set by ${where}: change it there, then restart Ringside`);
      }
      // Kept as text, as the environment would give it: the setting's schema reads the number.
      const trimmed = value === null || value === undefined ? '' : String(value).trim();
      if (trimmed) next[key] = trimmed;
      else delete next[key];
      delete this.demo[key]; // a real value replaces a made-up demo one
    }
    const config = this.validate(next);
    this.persist(next);
    this.saved = next;
    this.apply(config);
    return this.view();
  }

  /** Values made up for the built-in demo: used for this run, never saved. */
  useForDemo(values: Partial<Record<SettingKey, string>>): void {
    Object.assign(this.demo, values);
    this.apply(this.compose());
  }

  private source(key: SettingKey): SettingSource {
    return this.sources[key] ?? (key in this.saved ? 'saved' : key in this.demo ? 'demo' : 'default');
  }

  private compose(saved = this.saved): EngineConfig {
    const merged: Record<string, unknown> = { ...this.base };
    for (const [key, value] of Object.entries({ ...this.demo, ...saved })) {
      if (!this.sources[key as ConfigKey]) merged[key] = value;
    }
    return configSchema.parse(merged);
  }

  private validate(saved: Partial<Record<SettingKey, string>>): EngineConfig {
    try {
      return this.compose(saved);
    } catch (error) {
      const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
      if (!issue) throw error;
      throw new ApiError(400, `${settingLabel(String(issue.path[0]) as SettingKey)} ${issue.message}`);
    }
  }

  private apply(config: EngineConfig): void {
    const changed = new Set((Object.keys(config) as ConfigKey[]).filter((key) => config[key] !== this.config[key]));
    this.config = config;
    if (changed.size === 0) return;
    this.logger.addSecrets(secretsOf(config));
    this.logger.info('settings changed', { settings: [...changed] });
    for (const listener of this.listeners) listener(config, changed);
  }

  private readSaved(): Partial<Record<SettingKey, string>> {
    const saved: Partial<Record<SettingKey, string>> = {};
    try {
      const values = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, unknown>;
      for (const key of SETTING_KEYS) if (!isSecret(key) && typeof values[key] === 'string') saved[key] = values[key];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn('settings.json is unreadable: using the defaults', { error });
    }
    for (const [key, value] of Object.entries(this.vault.load())) {
      if ((SETTING_KEYS as string[]).includes(key) && isSecret(key as SettingKey)) saved[key as SettingKey] = value;
    }
    // A saved value that no longer validates is dropped (with a warning), never fatal at start-up.
    for (const key of Object.keys(saved) as SettingKey[]) {
      try {
        this.compose({ [key]: saved[key] });
      } catch {
        this.logger.warn('a saved setting is invalid and was ignored', { setting: key });
        delete saved[key];
      }
    }
    return saved;
  }

  private persist(saved: Partial<Record<SettingKey, string>>): void {
    const plain = Object.fromEntries(Object.entries(saved).filter(([key]) => !isSecret(key as SettingKey)));
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(plain, null, 2) + '\n', { mode: 0o600 });
    renameSync(temporary, this.file);
    this.vault.save(Object.fromEntries(Object.entries(saved).filter(([key]) => isSecret(key as SettingKey))));
  }
}
