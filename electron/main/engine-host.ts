// The engine inside the desktop app: same settings as `serve` (file < environment < flags), the
// user-data folder as its home, secrets in the OS keyring, and the demo when nothing is set up.
import { parseArgs } from 'node:util';
import { loadConfigWithSources } from '../engine/config/load.ts';
import { flagSettings, SETTING_OPTIONS } from '../engine/config/setting-flags.ts';
import type { ConfigKey } from '../engine/config/schema.ts';
import type { SecretVault } from '../engine/config/settings-store.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import type { Logger } from '../engine/log.ts';

export interface DesktopArgs {
  flags: Partial<Record<ConfigKey, string>>;
  configFile?: string;
  demo: boolean;
}

/** Ringside's own flags from the command line; Chromium's and Electron's switches pass through. */
export function desktopArgs(argv: string[]): DesktopArgs {
  const { values } = parseArgs({ args: argv, strict: false, allowPositionals: true, options: SETTING_OPTIONS });
  return { flags: flagSettings(values), ...(typeof values.config === 'string' && { configFile: values.config }), demo: values.demo === true };
}

export interface DesktopEngineDeps {
  args: DesktopArgs;
  userData: string;
  vault: SecretVault;
  storeWorker: URL | string;
  webRoot: string;
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

export async function startDesktopEngine({ args, userData, vault, storeWorker, webRoot, env = process.env, logger }: DesktopEngineDeps): Promise<Engine> {
  const { config, sources } = loadConfigWithSources({ flags: args.flags, env, ...(args.configFile && { configFile: args.configFile }) });
  if (!sources.dataDir) config.dataDir = userData;
  // The window talks to the engine over IPC: the console listener needs no fixed port here.
  if (!sources.consolePort) config.consolePort = 0;
  // With --demo the engine starts the demo itself, so its start log says what the demo made up.
  const engine = await createEngine(config, { sources, vault, storeWorker, webRoot, demo: args.demo, ...(logger && { logger }) });
  if (!args.demo && (await nothingConfigured(engine))) await engine.api.setDemo(true);
  return engine;
}

/** No provider can deliver webhooks and no media server can stream: a newcomer's first start. */
export async function nothingConfigured(engine: Pick<Engine, 'api'>): Promise<boolean> {
  const health = await engine.api.health();
  return !health.streams.configured && Object.values(health.providers).every((provider) => !provider.configured);
}
