import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';
import type { ApplyLine } from '../../protocol/messages';
import { STARTER_TEMPLATE } from '../editor/starter-template';

/** The YAML buffer and the result of the last apply (the editor turns error lines into markers). */
export interface EditorSlice {
  yaml: string;
  applying: boolean;
  applyResult: ApplyLine[] | undefined;
  setYaml(yaml: string): void;
  setApplying(applying: boolean): void;
  setApplyResult(lines: ApplyLine[] | undefined): void;
}

export const createEditorSlice: StateCreator<UiState, [], [], EditorSlice> = (set) => ({
  yaml: STARTER_TEMPLATE,
  applying: false,
  applyResult: undefined,
  setYaml: (yaml) => set({ yaml }),
  setApplying: (applying) => set({ applying }),
  setApplyResult: (applyResult) => set({ applyResult }),
});
