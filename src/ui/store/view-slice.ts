import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';
import { parseViewMode, type ViewMode } from '../classroom/view-mode';

/** How the app is shown: presenter mode and embed mode (from the URL; presenter can be toggled). */
export interface ViewSlice {
  view: ViewMode;
  setPresenter(on: boolean): void;
}

const initial = (): ViewMode => parseViewMode(typeof location === 'undefined' ? '' : location.search);

export const createViewSlice: StateCreator<UiState, [], [], ViewSlice> = (set) => ({
  view: initial(),
  setPresenter: (presenter) => set((s) => ({ view: { ...s.view, presenter } })),
});
