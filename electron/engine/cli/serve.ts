// `node electron/engine/cli.ts serve [flags]`: the headless engine under plain Node.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load.ts';
import type { ConfigKey, EngineConfig } from '../config/schema.ts';
import { createEngine, type Engine } from '../engine.ts';
import { startDemo, type Demo } from '../simulator/demo.ts';
import { fail } from './fail.ts';

const USAGE = `Usage: npm run serve -- [options]

  --data-dir DIR        where the store and recordings live (env RINGSIDE_DATA_DIR)
  --public-host HOST    public listener address (default 0.0.0.0)
  --public-port N       public listener port: webhooks and streams (default 8000)
  --console-port N      console listener port, always on 127.0.0.1 (default 8010)
  --console-token T     console token (env RINGSIDE_CONSOLE_TOKEN; generated once if unset)
  --config FILE         JSON file of settings; env variables override it, flags override both
  --demo                keep a few simulated calls going (secrets it needs are made up for the run)
  -h, --help            this help`;

const FLAG_KEYS = {
  'data-dir': 'dataDir',
  'public-host': 'publicHost',
  'public-port': 'publicPort',
  'console-port': 'consolePort',
  'console-token': 'consoleToken',
} as const satisfies Record<string, ConfigKey>;

export async function serve(argv: string[]): Promise<Engine> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(FLAG_KEYS).map((flag) => [flag, { type: 'string' as const }])),
        config: { type: 'string' },
        demo: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const flags: Partial<Record<ConfigKey, string>> = {};
  for (const [flag, key] of Object.entries(FLAG_KEYS)) {
    if (typeof values[flag] === 'string') flags[key] = values[flag];
  }

  let engine: Engine;
  try {
    const config = loadConfig({ flags, configFile: values.config as string | undefined });
    engine = await createEngine(values.demo ? withDemoSecrets(config) : config);
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : (error as Error).message);
  }
  const demo = values.demo ? runDemo(engine) : undefined;

  const shutdown = (signal: string) => {
    engine.logger.info('stopping', { signal });
    Promise.resolve(demo?.stop())
      .then(() => engine.stop())
      .then(
      () => process.exit(0),
      (error: unknown) => {
        engine.logger.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  // Handlers go in before the start-up lines: a script may signal us the moment it reads them.
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  process.stdout.write(`Ringside console: ${engine.consoleUrl}/#token=${engine.consoleToken}\n`);
  process.stdout.write(
    JSON.stringify({ public: engine.publicUrl, console: engine.consoleUrl, consoleToken: engine.consoleToken }) + '\n',
  );
  return engine;
}

/** The demo signs its webhooks and opens its streams like a provider: it needs both secrets. */
function withDemoSecrets(config: EngineConfig): EngineConfig {
  const made = () => randomBytes(18).toString('base64url');
  return {
    ...config,
    ringoverWebhookSecret: config.ringoverWebhookSecret ?? (config.ringoverWebhookKeyCall ? undefined : made()),
    ringoverStreamerAuthToken: config.ringoverStreamerAuthToken ?? made(),
  };
}

function runDemo(engine: Engine): Demo {
  const local = (url: string) => url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:');
  const calls = 4;
  engine.logger.info('demo: simulated calls keep going; Ctrl+C stops', { calls });
  return startDemo({
    registry: engine.registry,
    logger: engine.logger.child({ demo: true }),
    calls,
    webhooks: local(engine.publicUrl),
    target: local(engine.streamUrl),
    webhookKey: (engine.config.ringoverWebhookKeyCall ?? engine.config.ringoverWebhookSecret)!,
    streamToken: engine.config.ringoverStreamerAuthToken!,
  });
}
