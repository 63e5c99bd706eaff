// One store from typed slices. Components read with selectors (useShallow for derived lists);
// the bridge's listeners call module-level actions (./actions.ts), never components.
import { create } from 'zustand';
import { createCallsSlice, type CallsSlice } from './calls-slice.ts';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice.ts';
import { createLiveSlice, type LiveSlice } from './live-slice.ts';
import { createTeamSlice, type TeamSlice } from './team-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

export type Store = CallsSlice & LiveSlice & UiSlice & ConnectionSlice & TeamSlice;

export const createStore = () =>
  create<Store>()((...a) => ({
    ...createCallsSlice(...a),
    ...createLiveSlice(...a),
    ...createUiSlice(...a),
    ...createConnectionSlice(...a),
    ...createTeamSlice(...a),
  }));

export const useStore = createStore();
