// Ringside's own environment variables, kept out of the tests: the developer's shell may export
// the settings they run Ringside with, and a test must see only what it sets itself.
import { CATALOG, CONFIG_KEYS } from '../../shared/setting-catalog.ts';

/**
 * Families of variables the engine and the libraries it drives read: its own settings, each
 * provider's, the OpenAI and ElevenLabs SDKs' (they read OPENAI_BASE_URL, ELEVENLABS_API_KEY and
 * others by themselves) and ngrok's.
 */
export const RINGSIDE_ENV_PREFIXES = ['RINGSIDE_', 'RINGOVER_', 'RINGOTEL_', 'RINGYO_', 'RINGG_', 'OPENAI_', 'ELEVENLABS_', 'NGROK_'] as const;

const CONFIG_ENV_NAMES = new Set<string>(CONFIG_KEYS.map((key) => CATALOG[key].env));

/** True for a variable that configures Ringside (names compare case-insensitively, as on Windows). */
export function isRingsideEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  return CONFIG_ENV_NAMES.has(upper) || RINGSIDE_ENV_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

/** The names of `env` that configure Ringside. */
export const ringsideEnvNames = (env: NodeJS.ProcessEnv = process.env): string[] => Object.keys(env).filter(isRingsideEnvName);

/**
 * The environment for a child process a test starts: this process's without any Ringside
 * variable, plus exactly what the test gives (`""` sets a variable empty, which the engine reads
 * as unset).
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !isRingsideEnvName(name)) env[name] = value;
  return { ...env, ...extra };
}

/** Removes every Ringside variable from this process's environment (engines started in-process read it). */
export function clearRingsideEnv(): void {
  for (const name of ringsideEnvNames()) delete process.env[name];
}
