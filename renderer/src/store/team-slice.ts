// Team mode: who I am (my role decides what the page shows; absent on the loopback console and in the
// desktop app, which act as the local administrator), who is on which call, and the asks to hand over.
import type { StateCreator } from 'zustand';
import type { HandoverMessage } from '../../../shared/api.ts';
import type { DesktopConnection } from '../../../shared/ipc.ts';
import { TEAM_API_VERSION, type Me, type PresencePerson } from '../../../shared/team.ts';
import type { Store } from './index.ts';

export interface TeamSlice {
  me: Me | undefined;
  presence: Map<string, PresencePerson[]>;
  /** Handover messages for me (someone asks for my call; an administrator took it). */
  handovers: HandoverMessage[];
  /** Desktop app only: what it runs on (undefined in a browser, and until the app answered). */
  desktopConnection: DesktopConnection | undefined;
  setMe(me: Me | undefined): void;
  setDesktopConnection(connection: DesktopConnection): void;
  setPresence(callId: string, people: PresencePerson[]): void;
  addHandover(message: HandoverMessage): void;
  dismissHandover(message: HandoverMessage): void;
}

export const createTeamSlice: StateCreator<Store, [], [], TeamSlice> = (set) => ({
  me: undefined,
  presence: new Map(),
  handovers: [],
  desktopConnection: undefined,
  setMe: (me) => set({ me }),
  setDesktopConnection: (desktopConnection) => set({ desktopConnection }),
  setPresence: (callId, people) =>
    set((s) => {
      const presence = new Map(s.presence);
      if (people.length) presence.set(callId, people);
      else presence.delete(callId);
      return { presence };
    }),
  addHandover: (message) => set((s) => ({ handovers: [...s.handovers.filter((h) => h.callId !== message.callId), message] })),
  dismissHandover: (message) => set((s) => ({ handovers: s.handovers.filter((h) => h !== message) })),
});

/** What my role lets me do (the local administrator may do everything). */
export const mayCommand = (me: Me | undefined) => !me || me.account.role !== 'viewer';
export const mayAdminister = (me: Me | undefined) => !me || me.account.role === 'administrator';
/** Accounts and the audit trail: an administrator signed in on the team listener (the loopback console has no accounts). */
export const mayManageTeam = (me: Me | undefined) => me?.account.role === 'administrator';

/**
 * The desktop app connected to a server acts as the person signed in there: their role decides what
 * the window shows (the server checks it anyway). On this computer it is the local administrator.
 */
export function meOfDesktop(connection: DesktopConnection): Me | undefined {
  if (connection.mode !== 'remote' || !connection.account) return undefined;
  return { account: connection.account, apiVersion: TEAM_API_VERSION, version: connection.serverVersion ?? '' };
}
