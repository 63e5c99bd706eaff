// The engine's configuration: one value per row of the settings catalog (shared/setting-catalog.ts),
// from three sources (file < environment < flags) and the console's Settings.
import { z } from 'zod';
import { CATALOG, CONFIG_KEYS, isSecret, type ConfigKey } from '../../../shared/setting-catalog.ts';

export type { ConfigKey };

type Shape = { [K in ConfigKey]: (typeof CATALOG)[K]['schema'] };

export const configSchema = z.strictObject(Object.fromEntries(CONFIG_KEYS.map((key) => [key, CATALOG[key].schema])) as Shape);

export type EngineConfig = z.infer<typeof configSchema>;

/** Every secret value in `config`, for the logger to scrub. */
export const secretsOf = (config: EngineConfig): (string | undefined)[] => CONFIG_KEYS.filter(isSecret).map((key) => config[key] as string | undefined);
