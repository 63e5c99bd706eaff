// The link to the engine and its health, for the status bar and the offline banner.
import type { StateCreator } from 'zustand';
import type { Health } from '../../../shared/api.ts';
import type { ConnectionStatus } from '../bridge/index.ts';
import type { Store } from './index.ts';

export interface ConnectionSlice {
  connection: ConnectionStatus;
  health: Health | undefined;
  setConnection(connection: ConnectionStatus): void;
  setHealth(health: Health): void;
}

export const createConnectionSlice: StateCreator<Store, [], [], ConnectionSlice> = (set) => ({
  connection: { state: 'connecting', since: Date.now(), reconnects: -1 },
  health: undefined,
  setConnection: (connection) => set({ connection }),
  setHealth: (health) => set({ health }),
});
