// How a message names a setting: the way its reader set it, or would set it. An operator running
// `serve` types flags and environment variables; a supervisor in the console sees labels in
// Settings; a peer's answer (a provider's webhook, a media server) may be read by either.
import { CATALOG, GROUP_LABELS, rowOf, type ConfigKey } from './setting-catalog.ts';

/**
 * Who reads the message:
 * - `cli`: `serve`'s output and the engine's log: the flag when the setting has one that takes a
 *   value, else the environment variable (`--public-port`, `RINGOVER_WEBHOOK_SECRET`);
 * - `env`, `flag`: the value came from there, so the message names that;
 * - `console`: a supervisor in Settings: `“Webhook secret” (Ringover) in Settings`;
 * - `peer`: an answer to a provider or media server, read by whoever set Ringside up, in the
 *   console or by the environment: `“Webhook secret” (Ringover; in Settings or RINGOVER_WEBHOOK_SECRET)`.
 */
export type Reader = 'cli' | 'env' | 'flag' | 'console' | 'peer';

/** How the console names a setting: `“Webhook secret” (Ringover)`. */
export const settingLabel = (key: ConfigKey): string => `“${CATALOG[key].label}” (${GROUP_LABELS[CATALOG[key].group]})`;

/** The environment variable that sets `key`. */
export const envName = (key: ConfigKey): string => CATALOG[key].env;

/** The flag that takes `key`'s value (`--public-port`); undefined when none does. */
export function flagName(key: ConfigKey): string | undefined {
  const flag = rowOf(key).flag;
  return flag && 'arg' in flag ? flag.name : undefined;
}

/** `key`, named for `reader` (see {@link Reader}). */
export function nameSetting(key: ConfigKey, reader: Reader): string {
  const row = CATALOG[key];
  switch (reader) {
    case 'cli':
      return flagName(key) ?? row.env;
    case 'flag':
      return rowOf(key).flag?.name ?? row.env;
    case 'env':
      return row.env;
    case 'console':
      return row.console ? `${settingLabel(key)} in Settings` : `${settingLabel(key)} (${row.env}, where Ringside runs)`;
    case 'peer':
      return row.console ? `“${row.label}” (${GROUP_LABELS[row.group]}; in Settings or ${row.env})` : row.env;
  }
}
