// The shell's small files in the user-data folder (window placement, the microphone answer, the
// console's language, the encrypted secrets): read against a schema, written whole (to a temporary
// file renamed over the old one, so a crash never leaves half a file).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/** The file's value, or undefined when it is missing, not JSON, or not what `schema` describes. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T | undefined {
  try {
    return schema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON, creating the folder if needed; `mode` for files only the user may read. */
export function writeJsonFile(file: string, value: unknown, mode?: number): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(value), mode === undefined ? undefined : { mode });
  renameSync(`${file}.tmp`, file);
}
