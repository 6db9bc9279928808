import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';

export interface ConsoleEntry {
  id: number;
  kind: 'command' | 'stdout' | 'stderr';
  text: string;
}

/** The kubectl console: what was typed (history) and what came back. */
export interface ConsoleSlice {
  history: string[];
  output: ConsoleEntry[];
  appendOutput(kind: ConsoleEntry['kind'], text: string): void;
  pushHistory(command: string): void;
}

const OUTPUT_LIMIT = 1000;
let nextEntry = 1;

export const createConsoleSlice: StateCreator<UiState, [], [], ConsoleSlice> = (set) => ({
  history: [],
  output: [],
  appendOutput: (kind, text) => set((s) => ({ output: [...s.output, { id: nextEntry++, kind, text }].slice(-OUTPUT_LIMIT) })),
  pushHistory: (command) => set((s) => (s.history.at(-1) === command ? s : { history: [...s.history, command] })),
});
