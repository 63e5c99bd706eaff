// Self-update from the release workflow's published artifacts with electron-updater (the
// electron-builder companion; it reads the `publish` settings of electron-builder.yml baked into the
// packaged app). Only a packaged app checks; a download is installed when the app quits. This path
// needs the Electron binary and a published release, so it is not exercised in this build environment.
import type { Logger } from '../engine/log.ts';

export interface UpdaterDeps {
  isPackaged: boolean;
  logger: Logger;
}

export async function setupUpdater({ isPackaged, logger }: UpdaterDeps): Promise<void> {
  if (!isPackaged) return;
  try {
    const { autoUpdater } = await import('electron-updater');
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.on('error', (error) => logger.warn('update check failed', { error }));
    autoUpdater.on('update-downloaded', (info) => logger.info('update downloaded; installed when Ringside quits', { version: info.version }));
    await autoUpdater.checkForUpdates();
  } catch (error) {
    logger.warn('update check failed', { error });
  }
}
