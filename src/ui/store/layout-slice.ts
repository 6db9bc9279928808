import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';

export type SideTab = 'yaml' | 'events' | 'traffic';

export interface LayoutSlice {
  sideTab: SideTab;
  setSideTab(tab: SideTab): void;
}

export const createLayoutSlice: StateCreator<UiState, [], [], LayoutSlice> = (set) => ({
  sideTab: 'yaml',
  setSideTab: (sideTab) => set({ sideTab }),
});
