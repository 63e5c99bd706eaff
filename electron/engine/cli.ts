// The engine's command line: `start` (the desktop app, or the web console where Electron is missing),
// `serve` (the headless engine, optionally with the demo) and `simulate`.
import { fail } from './cli/fail.ts';
import { serve } from './cli/serve.ts';
import { simulateCommand } from './cli/simulate.ts';
import { start } from './cli/start.ts';
import { say } from './words.ts';

const [command = 'serve', ...rest] = process.argv.slice(2);
if (command === 'serve') await serve(rest);
else if (command === 'start') await start(rest);
else if (command === 'simulate') await simulateCommand(rest);
else if (command === '-h' || command === '--help') process.stdout.write(`${say('cli.commands')}\n`);
else fail(say('cli.unknownCommand', { command }));
