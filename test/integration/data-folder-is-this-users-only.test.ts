// The data folder holds every call's transcript and recordings and the team's accounts: after an
// engine start it and its stores (with SQLite's -wal files) are this user's only, whether Ringside
// created the folder or found it readable by others.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEngine, tempDataDir } from './support/engine.ts';

const permissions = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Starts an engine on `dataDir`, runs `check` while it runs (its -wal files exist only then), stops it. */
async function startedIn(dataDir: string, check: () => void = () => {}): Promise<void> {
  const engine = await startEngine({ dataDir, consoleToken: undefined });
  try {
    check();
  } finally {
    await engine.stop();
  }
}

const WINDOWS = process.platform === 'win32';
if (WINDOWS) console.log('data folder modes not checked: Windows has no POSIX file modes (the profile folder is private)');

describe.skipIf(WINDOWS)('the data folder', () => {
  it('is created readable by this user only, with its stores and their -wal files', async () => {
    const dataDir = join(tempDataDir(), 'Ringside');
    await startedIn(dataDir, () => {
      expect(permissions(dataDir)).toBe('700');
      for (const file of ['ringside.db', 'ringside.db-wal', 'team.db', 'team.db-wal', 'console-token']) expect(permissions(join(dataDir, file)), file).toBe('600');
      expect(permissions(join(dataDir, 'recordings'))).toBe('700');
    });
  });

  it('is tightened when Ringside finds its folder readable by others, stores included', async () => {
    const dataDir = join(tempDataDir(), 'Ringside');
    await startedIn(dataDir);
    chmodSync(dataDir, 0o755);
    for (const file of ['ringside.db', 'team.db']) chmodSync(join(dataDir, file), 0o644);
    await startedIn(dataDir);
    expect(permissions(dataDir)).toBe('700');
    for (const file of ['ringside.db', 'team.db']) expect(permissions(join(dataDir, file)), file).toBe('600');
  });

  it('leaves a folder holding other things as it is (a home folder given as the data folder), its stores private', async () => {
    const dataDir = join(tempDataDir(), 'shared');
    mkdirSync(join(dataDir, 'Documents'), { recursive: true });
    chmodSync(dataDir, 0o755);
    await startedIn(dataDir, () => {
      expect(permissions(dataDir)).toBe('755');
      for (const file of ['ringside.db', 'ringside.db-wal', 'team.db']) expect(permissions(join(dataDir, file)), file).toBe('600');
    });
  });
});
