// `node electron/engine/cli.ts serve [flags]`: the headless engine under plain Node.
import { nameSetting } from '../../../shared/setting-names.ts';
import { ConfigError, loadConfigWithSources } from '../config/load.ts';
import { flagSettings, SETTING_OPTIONS, settingsUsage } from '../config/setting-flags.ts';
import { createEngine, RingsideAlreadyRunningError, type Engine } from '../engine.ts';
import { createAdminFromCli } from './create-admin.ts';
import { fail } from './fail.ts';
import { parseFlags } from './flags.ts';
import { onStopRequest } from './stop-requests.ts';
import { say } from '../words.ts';

const USAGE = settingsUsage('serve');

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
    if (values.ngrok && !config.ngrokAuthtoken) fail(say('cli.serve.ngrokNeedsToken', { setting: nameSetting('ngrokAuthtoken', 'cli') }));
    if (typeof values['create-admin'] === 'string') process.stdout.write(`${await createAdminFromCli(config.dataDir, values['create-admin'])}\n`);
    // The demo starts with the engine, so the start log says what it made up instead of warning
    // about settings it is about to fill.
    engine = await createEngine(config, { sources, demo: values.demo === true });
  } catch (error) {
    if (error instanceof RingsideAlreadyRunningError && error.consoleLink && openConsole) {
      process.stdout.write(`${error.message}\n${say('cli.serve.openingIt', { link: error.consoleLink })}\n`);
      openConsole(error.consoleLink);
      process.exit(0);
    }
    fail(error instanceof ConfigError ? error.message : (error as Error).message);
  }

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

  process.stdout.write(`${say('cli.serve.console', { link: `${engine.consoleUrl}/#token=${engine.consoleToken}` })}\n`);
  const access = engine.access.status();
  if (engine.teamUrl) process.stdout.write(`${say('cli.team.teamListening', { url: engine.teamUrl })}\n`);
  process.stdout.write(
    JSON.stringify({ public: engine.publicUrl, console: engine.consoleUrl, consoleToken: engine.consoleToken, ...(engine.teamUrl && { team: engine.teamUrl }), ...(access.mode !== 'local' && access.url && { publicUrl: access.url }) }) + '\n',
  );
  // The tunnel's address is known once it is up (and may change when it comes back).
  let announced = access.mode === 'ngrok' ? undefined : access.url;
  engine.access.onChange((status) => {
    if (status.url && status.url !== announced && status.mode !== 'local') {
      announced = status.url;
      process.stdout.write(`${say('cli.serve.publicUrl', { url: status.url })}\n`);
    }
  });
  return engine;
}
