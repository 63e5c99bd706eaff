// The desktop shell speaks the console's language: its menus, tray and notifications (and the
// microphone dialog) in French or English, the system's language until the console says which,
// then the console's, remembered for the next start.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { Call } from '../../../shared/call.ts';
import { AttentionWatcher } from '../../../electron/main/attention.ts';
import { createShellLanguage } from '../../../electron/main/language.ts';
import { menuTemplate } from '../../../electron/main/menu.ts';
import { microphoneDialog } from '../../../electron/main/microphone-consent.ts';
import { trayLabel } from '../../../electron/main/tray.ts';

const preferences = () => join(mkdtempSync(join(tmpdir(), 'ringside-language-')), 'preferences.json');
const labels = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((item) => [item.label ?? '', ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]).filter(Boolean);

describe('the desktop shell’s language', () => {
  it('is the system’s until the console says otherwise', () => {
    expect(createShellLanguage({ file: preferences(), system: ['fr-FR', 'en-US'] }).language).toBe('fr');
    expect(createShellLanguage({ file: preferences(), system: ['de-DE'] }).language).toBe('en');
  });

  it('follows the console, says so to whoever rebuilds the menus, and is remembered for the next start', () => {
    const file = preferences();
    const changes: string[] = [];
    const shell = createShellLanguage({ file, system: ['en-US'], onChange: (language) => changes.push(language) });
    shell.set('fr');
    shell.set('fr');
    shell.set('de'); // not a language Ringside speaks: ignored (it came over IPC)
    shell.set({ language: 'fr' });
    expect(changes).toEqual(['fr']);
    expect(shell.language).toBe('fr');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ language: 'fr' });
    expect(createShellLanguage({ file, system: ['en-US'] }).language).toBe('fr');
  });

  it('puts menus, the tray, notifications and the microphone dialog in French', () => {
    const { t } = createShellLanguage({ file: preferences(), system: ['fr-FR'] });
    const menu = labels(menuTemplate({ isMac: false, devTools: false, send: () => undefined, toggleDemo: () => undefined, microphone: { allowed: true, set: () => undefined }, t }));
    expect(menu).toEqual(expect.arrayContaining(['Fichier', 'Édition', 'Présentation', 'Appel', 'Prendre la main', 'Rendre la main au bot', 'Écouter l’appel', 'Utiliser le micro pour prendre la main', 'Aide']));
    expect(menu.filter((label) => /^(File|Edit|View|Call|Take over|Help)$/.test(label))).toEqual([]);
    expect([0, 1, 3].map((live) => trayLabel(live, t))).toEqual(['Ringside\u00a0: aucun appel en cours', 'Ringside\u00a0: 1 appel en cours', 'Ringside\u00a0: 3 appels en cours']);
    const watcher = new AttentionWatcher(() => t);
    const call = { id: 'c1', state: 'in-progress', direction: 'inbound', from: { name: 'Claire Dubois' }, to: {}, startedAt: new Date().toISOString(), mode: 'human', needsHuman: { reason: 'remboursement', at: new Date().toISOString() } };
    expect(watcher.update({ ...call, mode: 'bot' } as unknown as Call)).toEqual([{ callId: 'c1', title: 'Claire Dubois demande un conseiller', body: 'remboursement' }]);
    expect(microphoneDialog(t)).toMatchObject({ buttons: ['Autoriser', 'Ne pas autoriser'], message: 'Autoriser Ringside à utiliser votre micro\u00a0?' });
  });
});
