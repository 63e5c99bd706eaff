// `serve --create-admin NAME`: the team's first administrator, before the engine starts. The
// password comes from RINGSIDE_ADMIN_PASSWORD (for scripts and containers) or is typed at a prompt
// that does not echo it; it is never a flag (flags show in process lists and shell histories).
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { accountNameSchema, passwordSchema } from '../../../shared/team.ts';
import { silentLogger } from '../log.ts';
import { TeamStore } from '../store/team-store.ts';
import { Accounts } from '../team/accounts.ts';
import { AuditTrail } from '../team/audit.ts';
import { SignInLimiter } from '../team/sign-in-limiter.ts';
import { say } from '../words.ts';

export async function createAdminFromCli(dataDir: string, rawName: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const name = accountNameSchema.safeParse(rawName);
  if (!name.success) throw new Error(`--create-admin: ${name.error.issues[0]!.message}`);
  const store = new TeamStore(join(dataDir, 'team.db'));
  try {
    const audit = new AuditTrail(store, silentLogger);
    const accounts = new Accounts({ store, audit, limiter: new SignInLimiter() });
    if (!accounts.needsAdmin()) throw new Error(say('cli.team.adminExists'));
    const typed = env.RINGSIDE_ADMIN_PASSWORD ?? (await promptHidden(say('cli.team.adminPassword', { name: name.data })));
    const password = passwordSchema.safeParse(typed);
    if (!password.success) throw new Error(`--create-admin: ${password.error.issues[0]!.message}`);
    await accounts.createAdmin(name.data, password.data, { id: '-', name: 'serve --create-admin', address: 'command line' });
    return say('cli.team.adminCreated', { name: name.data });
  } finally {
    store.close();
  }
}

/** Reads a line from a terminal without echoing it; refuses when stdin is not a terminal. */
function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) return Promise.reject(new Error(say('cli.team.adminNoPassword')));
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stdout.write(question);
    output._writeToOutput = () => undefined; // no echo of what is typed
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}
