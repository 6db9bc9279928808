import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';

export interface ConsoleEntry {
  id: number;
  kind: 'command' | 'stdout' | 'stderr' | 'info';
  text: string;
}

/** The kubectl console: what was typed (history), what came back, and the streaming command (`-w`) if any. */
export interface ConsoleSlice {
  history: string[];
  output: ConsoleEntry[];
  /** The stream id of the running `-w` command; Ctrl+C or the next command stops it. */
  activeStream: number | undefined;
  appendOutput(kind: ConsoleEntry['kind'], text: string): void;
  pushHistory(command: string): void;
  setActiveStream(id: number | undefined): void;
  streamOutput(streamId: number, stream: 'stdout' | 'stderr', text: string): void;
  streamEnded(streamId: number, exitCode: number): void;
}

const OUTPUT_LIMIT = 1000;
let nextEntry = 1;

export const createConsoleSlice: StateCreator<UiState, [], [], ConsoleSlice> = (set, get) => ({
  history: [],
  output: [],
  activeStream: undefined,
  appendOutput: (kind, text) => set((s) => ({ output: [...s.output, { id: nextEntry++, kind, text }].slice(-OUTPUT_LIMIT) })),
  pushHistory: (command) => set((s) => (s.history.at(-1) === command ? s : { history: [...s.history, command] })),
  setActiveStream: (activeStream) => set({ activeStream }),
  streamOutput: (streamId, stream, text) => {
    if (streamId !== get().activeStream) return; // a stopped stream's last words
    get().appendOutput(stream, text.replace(/\n$/, ''));
  },
  streamEnded: (streamId) => {
    if (streamId === get().activeStream) set({ activeStream: undefined });
  },
});
