// `node electron/engine/cli.ts serve [flags]`: the headless engine under plain Node.
import { ConfigError, loadConfigWithSources } from '../config/load.ts';
import type { ConfigKey } from '../config/schema.ts';
import { createEngine, RingsideAlreadyRunningError, type Engine } from '../engine.ts';
import { fail } from './fail.ts';
import { parseFlags, type FlagValues } from './flags.ts';
import { onStopRequest } from './stop-requests.ts';

const USAGE = `Usage: npm run serve -- [options]

  --data-dir DIR        where the store and recordings live (env RINGSIDE_DATA_DIR)
  --public-host HOST    public listener address (default 0.0.0.0)
  --public-port N       public listener port: webhooks and streams (default 8000)
  --console-port N      console listener port, always on 127.0.0.1 (default 8010)
  --console-token T     console token (env RINGSIDE_CONSOLE_TOKEN; generated once if unset)
  --config FILE         JSON file of settings; env variables override it, flags override both
  --public-url URL      where providers reach the public listener: your tunnel or reverse proxy
                        (env RINGSIDE_PUBLIC_URL)
  --ngrok               open the built-in ngrok tunnel to the public listener (env NGROK_AUTHTOKEN,
                        optional NGROK_DOMAIN)
  --demo                keep a few simulated calls going (secrets it needs are made up for the run)
  -h, --help            this help`;

export const FLAG_KEYS = {
  'data-dir': 'dataDir',
  'public-host': 'publicHost',
  'public-port': 'publicPort',
  'console-port': 'consolePort',
  'console-token': 'consoleToken',
  'public-url': 'publicUrl',
} as const satisfies Record<string, ConfigKey>;

/** The options `serve` and the desktop app both take (parseArgs form). */
export const SETTING_OPTIONS = {
  ...Object.fromEntries(Object.keys(FLAG_KEYS).map((flag) => [flag, { type: 'string' as const }])),
  config: { type: 'string' },
  demo: { type: 'boolean' },
  ngrok: { type: 'boolean' },
} as const;

/** Settings given as flags, keyed like the config (`--ngrok` is `publicAccess: ngrok`). */
export function flagSettings(values: FlagValues): Partial<Record<ConfigKey, string>> {
  const flags: Partial<Record<ConfigKey, string>> = {};
  for (const [flag, key] of Object.entries(FLAG_KEYS)) if (typeof values[flag] === 'string') flags[key] = values[flag];
  if (values.ngrok === true) flags.publicAccess = 'ngrok';
  return flags;
}

export interface ServeOptions {
  /**
   * When this user's Ringside already runs on the ports: open its console (`npm start`) and exit 0,
   * instead of saying so and exiting 2 (`serve`).
   */
  openConsole?: (link: string) => void;
}

export async function serve(argv: string[], { openConsole }: ServeOptions = {}): Promise<Engine> {
  const values = parseFlags(argv, SETTING_OPTIONS, USAGE);
  const flags = flagSettings(values);

  let engine: Engine;
  try {
    const { config, sources } = loadConfigWithSources({ flags, configFile: values.config as string | undefined });
    if (values.ngrok && !config.ngrokAuthtoken) fail('--ngrok needs an ngrok authtoken: set NGROK_AUTHTOKEN (from the ngrok dashboard, Your Authtoken)');
    engine = await createEngine(config, { sources });
  } catch (error) {
    if (error instanceof RingsideAlreadyRunningError && error.consoleLink && openConsole) {
      process.stdout.write(`${error.message}\nOpening it: ${error.consoleLink}\n`);
      openConsole(error.consoleLink);
      process.exit(0);
    }
    fail(error instanceof ConfigError ? error.message : (error as Error).message);
  }
  if (values.demo) engine.demo.start();

  // Handlers go in before the start-up lines: a script may signal us the moment it reads them.
  onStopRequest(async (reason) => {
    engine.logger.info('stopping', { reason });
    try {
      await engine.stop();
    } catch (error) {
      engine.logger.error('stop failed', { error });
      throw error;
    }
    engine.logger.info('stopped');
  });

  process.stdout.write(`Ringside console: ${engine.consoleUrl}/#token=${engine.consoleToken}\n`);
  const access = engine.access.status();
  process.stdout.write(
    JSON.stringify({ public: engine.publicUrl, console: engine.consoleUrl, consoleToken: engine.consoleToken, ...(access.mode !== 'local' && access.url && { publicUrl: access.url }) }) + '\n',
  );
  // The tunnel's address is known once it is up (and may change when it comes back).
  let announced = access.mode === 'ngrok' ? undefined : access.url;
  engine.access.onChange((status) => {
    if (status.url && status.url !== announced && status.mode !== 'local') {
      announced = status.url;
      process.stdout.write(`Ringside public URL: ${status.url} (webhooks: ${status.url}/webhooks/<provider>)\n`);
    }
  });
  return engine;
}
