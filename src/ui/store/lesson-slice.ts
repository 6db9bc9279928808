import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';

/** The lesson being taken: which one, which step, and what the current step's check last said. */
export interface LessonSlice {
  lesson: { id: string; step: number; done: boolean[] } | undefined;
  lessonCheck: { ok: boolean; detail: string } | undefined;
  startLesson(id: string, steps: number): void;
  goToStep(step: number): void;
  markStepDone(step: number): void;
  setLessonCheck(result: { ok: boolean; detail: string } | undefined): void;
  quitLesson(): void;
}

export const createLessonSlice: StateCreator<UiState, [], [], LessonSlice> = (set) => ({
  lesson: undefined,
  lessonCheck: undefined,
  startLesson: (id, steps) => set({ lesson: { id, step: 0, done: new Array<boolean>(steps).fill(false) }, lessonCheck: undefined, sideTab: 'lessons' }),
  goToStep: (step) => set((s) => (s.lesson ? { lesson: { ...s.lesson, step }, lessonCheck: undefined } : s)),
  markStepDone: (step) =>
    set((s) => {
      if (!s.lesson || s.lesson.done[step]) return s;
      const done = [...s.lesson.done];
      done[step] = true;
      return { lesson: { ...s.lesson, done } };
    }),
  setLessonCheck: (lessonCheck) => set({ lessonCheck }),
  quitLesson: () => set({ lesson: undefined, lessonCheck: undefined }),
});
