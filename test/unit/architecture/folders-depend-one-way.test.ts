// The folder picture is the architecture: who may import whom, checked over every source file.
// The engine never imports Electron; shared/ imports no Node module; the streamer and the store
// know nothing of calls/; and no two folders of the engine import each other, even through others.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const ENGINE = join(ROOT, 'electron/engine');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.mts') ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports (type-only ones too), dynamic imports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

/** A relative import as the absolute path it names. */
const target = (file: string, spec: string) => (spec.startsWith('.') ? resolve(dirname(file), spec) : undefined);

/** The engine folder a file belongs to (`calls`, `streamer`…), or the file itself for the engine's top-level files. */
function unitOf(path: string): string | undefined {
  const rel = relative(ENGINE, path);
  if (rel.startsWith('..')) return undefined;
  return rel.includes('/') ? rel.split('/')[0]! : rel;
}

const engineFiles = sources(ENGINE);

describe('who may import whom', () => {
  it('the engine never imports electron (it runs headless, under plain Node)', () => {
    const offenders = engineFiles.filter((file) => specifiers(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('shared/ imports no Node module (the renderer uses it in a browser)', () => {
    const node = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const offenders = sources(join(ROOT, 'shared')).flatMap((file) =>
      specifiers(file)
        .filter((spec) => node.has(spec) || spec.startsWith('node:'))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it.each(['streamer', 'store'])('%s/ never imports calls/ (calls/ builds on them, not the other way)', (folder) => {
    const offenders = engineFiles
      .filter((file) => unitOf(file) === folder)
      .flatMap((file) => specifiers(file).map((spec) => [file, target(file, spec)] as const))
      .filter(([, to]) => to !== undefined && unitOf(to) === 'calls')
      .map(([file, to]) => `${relative(ROOT, file)} imports ${relative(ROOT, to!)}`);
    expect(offenders).toEqual([]);
  });

  it('no two folders of the engine depend on each other, directly or through others', () => {
    const edges = new Map<string, Map<string, string>>(); // unit → unit it imports → one file that does
    for (const file of engineFiles) {
      const from = unitOf(file)!;
      for (const spec of specifiers(file)) {
        const to = target(file, spec) && unitOf(target(file, spec)!);
        if (!to || to === from) continue;
        if (!edges.has(from)) edges.set(from, new Map());
        if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${relative(ENGINE, file)} → ${spec}`);
      }
    }
    // A cycle is a path from a unit back to itself; report each with the imports that make it.
    const cycles: string[] = [];
    for (const start of edges.keys()) {
      const path: string[] = [];
      const seen = new Set<string>();
      const walk = (unit: string): boolean => {
        for (const [next, why] of edges.get(unit) ?? []) {
          if (next === start) {
            cycles.push([...path, why].join(', '));
            return true;
          }
          if (seen.has(next)) continue;
          seen.add(next);
          path.push(why);
          if (walk(next)) return true;
          path.pop();
        }
        return false;
      };
      walk(start);
    }
    expect(cycles).toEqual([]);
  });
});
