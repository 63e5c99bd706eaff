// The window comes back where the supervisor left it: size, position (if that screen is still
// there) and maximized state, kept in a small JSON file in the user-data folder.
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const boundsSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(200), height: z.number().int().min(200) });
const stateSchema = z.object({ bounds: boundsSchema, maximized: z.boolean() });

export type Bounds = z.infer<typeof boundsSchema>;
export type WindowState = z.infer<typeof stateSchema>;

export const DEFAULT_SIZE = { width: 1280, height: 820 };

/** The saved state, or undefined when there is none or it is unreadable (a fresh default then). */
export const loadWindowState = (file: string): WindowState | undefined => readJsonFile(file, stateSchema);

export const saveWindowState = (file: string, state: WindowState): void => writeJsonFile(file, state);

/**
 * Where to open: the saved bounds when at least a grip's worth of the title bar is on one of
 * today's screens (a monitor may have been unplugged), else the default size, centred.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: Bounds[]): Partial<Bounds> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const { x, y, width, height } = saved.bounds;
  const grip = { x: x + 40, y: y + 10, width: Math.min(200, width - 80), height: 20 };
  const visible = workAreas.some((area) => overlaps(grip, area));
  if (!visible) return { width: Math.min(width, widest(workAreas)), height };
  return { x, y, width, height };
}

const overlaps = (a: Bounds, b: Bounds) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const widest = (areas: Bounds[]) => Math.max(DEFAULT_SIZE.width, ...areas.map((area) => area.width));
