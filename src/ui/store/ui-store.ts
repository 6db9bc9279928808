/** The UI's state: one zustand store made of slices, each owning one concern. */
import { create } from 'zustand';
import { createConsoleSlice, type ConsoleSlice } from './console-slice';
import { createEditorSlice, type EditorSlice } from './editor-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createLayoutSlice, type LayoutSlice } from './layout-slice';

export type UiState = EngineSlice & EditorSlice & ConsoleSlice & LayoutSlice;

export const useUiStore = create<UiState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createEditorSlice(...a),
  ...createConsoleSlice(...a),
  ...createLayoutSlice(...a),
}));
