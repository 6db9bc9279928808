import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';
import { parseViewMode, type ViewMode } from '../classroom/view-mode';
import type { BreakpointKind } from '../../protocol/messages';

/** How the app is shown (presenter and embed modes, from the URL) and which breakpoints are armed. */
export interface ViewSlice {
  view: ViewMode;
  setPresenter(on: boolean): void;
  breakpoints: BreakpointKind[];
  setBreakpoints(kinds: BreakpointKind[]): void;
  /** Why the share link this tab was opened with could not be used (shown until dismissed). */
  linkError: string | undefined;
  setLinkError(error: string | undefined): void;
}

const initial = (): ViewMode => parseViewMode(typeof location === 'undefined' ? '' : location.search);

export const createViewSlice: StateCreator<UiState, [], [], ViewSlice> = (set) => ({
  view: initial(),
  setPresenter: (presenter) => set((s) => ({ view: { ...s.view, presenter } })),
  breakpoints: [],
  setBreakpoints: (breakpoints) => set({ breakpoints }),
  linkError: undefined,
  setLinkError: (linkError) => set({ linkError }),
});
