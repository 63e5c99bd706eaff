// Where the engine finds the files it ships with. In a checkout they sit beside the sources; a
// bundled app (the desktop build) says where its copies are, before it creates the engine.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppPaths {
  /** `resources/`: demo clips, the bot's fallback line. */
  resources: string;
  /** The built web console (`index.html` and assets). */
  webRoot: string;
  /** The store writer thread's script. */
  storeWorker: URL | string;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

let paths: AppPaths = {
  resources: join(root, 'resources'),
  webRoot: join(root, 'out', 'renderer'),
  storeWorker: new URL('./store/writer-worker.ts', import.meta.url),
};

export const appPaths = (): AppPaths => paths;

export function setAppPaths(changes: Partial<AppPaths>): void {
  paths = { ...paths, ...changes };
}

export const resourcePath = (...parts: string[]): string => join(paths.resources, ...parts);
