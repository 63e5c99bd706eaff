// Light, dark, or the system's choice; remembered on this machine.
import { useEffect } from 'react';
import { useStore } from './store/index.ts';
import type { Theme } from './store/ui-slice.ts';

const KEY = 'ringside.theme';

export function useTheme(): void {
  useEffect(() => {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') useStore.getState().setTheme(saved);
  }, []);
  const theme = useStore((s) => s.theme);
  useEffect(() => {
    if (theme === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', theme);
    localStorage.setItem(KEY, theme);
  }, [theme]);
}

export const NEXT_THEME: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
