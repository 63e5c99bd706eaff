// Tests pass whatever the developer's shell exports: none of Ringside's own variables reach a test
// or a process it starts, unless the test sets it.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../electron/engine/config/load.ts';
import { CATALOG, CONFIG_KEYS } from '../../../shared/setting-catalog.ts';
import { SECRETS, spawnServe, tempDataDir } from '../../integration/support/engine.ts';
import { childEnv, isRingsideEnvName, ringsideEnvNames } from '../../support/ringside-env.ts';

const ROOT = join(import.meta.dirname, '../../..');
/** Variables the engine reads that belong to the OS, CI or Electron, not to Ringside's settings. */
const NOT_RINGSIDE = new Set(['APPDATA', 'XDG_CONFIG_HOME', 'CI', 'DISPLAY', 'WAYLAND_DISPLAY', 'ELECTRON_OVERRIDE_DIST_PATH', 'npm_lifecycle_event', 'LC_ALL', 'LC_MESSAGES', 'LANG']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('the tests’ environment', () => {
  it('holds none of Ringside’s variables, whatever the shell running the tests exports', () => {
    expect(ringsideEnvNames()).toEqual([]);
  });

  it('gives a process a test starts only the Ringside settings the test passes', async () => {
    // As if the shell had exported them (the setup file cleared the real ones before this file).
    process.env.RINGSIDE_PUBLIC_URL = 'https://leaked.example';
    process.env.RINGOVER_WEBHOOK_KEY_CALL = 'leaked-call-key-0123456789';
    try {
      const serve = await spawnServe(['--data-dir', tempDataDir(), '--public-host', '127.0.0.1', '--public-port', '0', '--console-port', '0']);
      try {
        expect(JSON.parse(serve.stdoutLines[1]!)).toEqual({ public: serve.publicUrl, console: serve.consoleUrl, consoleToken: SECRETS.RINGSIDE_CONSOLE_TOKEN });
        const settings = await fetch(`${serve.consoleUrl}/api/settings`, { headers: { authorization: `Bearer ${serve.consoleToken}` } });
        const view = (await settings.json()) as { settings: { key: string; set: boolean }[] };
        expect(view.settings.find((s) => s.key === 'ringoverWebhookKeyCall')).toMatchObject({ set: false });
      } finally {
        serve.child.kill('SIGTERM');
        await serve.exited;
      }
    } finally {
      delete process.env.RINGSIDE_PUBLIC_URL;
      delete process.env.RINGOVER_WEBHOOK_KEY_CALL;
    }
  });

  it('never finds the developer’s own Ringside: the default data folder is a temporary one, for child processes too', () => {
    expect(defaultDataDir().startsWith(tmpdir()), defaultDataDir()).toBe(true);
    // A process a test starts inherits the same folders.
    expect(defaultDataDir(childEnv()).startsWith(tmpdir()), defaultDataDir(childEnv())).toBe(true);
  });

  it('knows every variable the engine and the desktop shell read', () => {
    for (const name of CONFIG_KEYS.map((key) => CATALOG[key].env)) expect(isRingsideEnvName(name), name).toBe(true);
    const read = new Set<string>();
    for (const file of [...sources(join(ROOT, 'electron')), ...sources(join(ROOT, 'shared'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\benv(?:\.|\[['"])([A-Za-z_][A-Za-z0-9_]*)/g)) read.add(match[1]!);
    }
    expect(read.size).toBeGreaterThan(0);
    for (const name of read) if (!NOT_RINGSIDE.has(name)) expect(isRingsideEnvName(name), name).toBe(true);
    for (const name of ['OPENAI_ORG_ID', 'NGROK_API_KEY', 'ringside_data_dir']) expect(isRingsideEnvName(name), name).toBe(true);
    expect(isRingsideEnvName('PATH')).toBe(false);
  });
});
