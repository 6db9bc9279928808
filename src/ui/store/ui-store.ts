/** The UI's state: one zustand store made of slices, each owning one concern. */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createConsoleSlice, type ConsoleSlice } from './console-slice';
import { createEditorSlice, type EditorSlice } from './editor-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createLayoutSlice, type LayoutSlice } from './layout-slice';
import { createViewSlice, type ViewSlice } from './view-slice';
import { createLessonSlice, type LessonSlice } from './lesson-slice';
import { BREAKPOINT_KINDS } from '../../protocol/messages';

export type UiState = EngineSlice & EditorSlice & ConsoleSlice & LayoutSlice & ViewSlice & LessonSlice;

/** The localStorage key of what a reload must not lose (the editor buffer, the console history). */
export const AUTOSAVE_KEY = 'pilothouse.autosave.v1';

function validLesson(l: unknown): l is LessonSlice['lesson'] {
  const x = l as { id?: unknown; step?: unknown; done?: unknown } | undefined;
  return !!x && typeof x.id === 'string' && Number.isInteger(x.step) && Array.isArray(x.done) && x.done.every((d) => typeof d === 'boolean');
}

export const useUiStore = create<UiState>()(
  persist(
    (...a) => ({
      ...createEngineSlice(...a),
      ...createEditorSlice(...a),
      ...createConsoleSlice(...a),
      ...createLayoutSlice(...a),
      ...createViewSlice(...a),
      ...createLessonSlice(...a),
    }),
    {
      name: AUTOSAVE_KEY,
      version: 1,
      // Absent in Node tests and private windows without storage: the store then simply doesn't persist.
      storage: createJSONStorage(() => globalThis.localStorage),
      partialize: (s) => ({ yaml: s.yaml, history: s.history.slice(-200), breakpoints: s.breakpoints, lesson: s.lesson }),
      // A corrupt or foreign saved state must never break the app: keep only well-typed fields.
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<UiState>;
        return {
          ...current,
          yaml: typeof s.yaml === 'string' ? s.yaml : current.yaml,
          history: Array.isArray(s.history) ? s.history.filter((h): h is string => typeof h === 'string') : current.history,
          breakpoints: Array.isArray(s.breakpoints) ? s.breakpoints.filter((b) => BREAKPOINT_KINDS.includes(b)) : current.breakpoints,
          lesson: validLesson(s.lesson) ? s.lesson : undefined,
        };
      },
    },
  ),
);
