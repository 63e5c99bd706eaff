// Where the Electron binary of this checkout is, found without loading the `electron` package
// (requiring it downloads the binary when it is missing, which offline machines cannot do).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));

export function electronBinary(env: Record<string, string | undefined> = process.env, dir = packageDir): string | undefined {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(override || join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
