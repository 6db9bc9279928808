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
  /** `kubectl edit`: the object being edited (the buffer holds it). */
  editing: string | undefined;
  /** Puts text in the buffer (the editor follows), e.g. a template or `kubectl edit`. */
  loadBuffer(yaml: string, editing?: string): void;
}

export const createEditorSlice: StateCreator<UiState, [], [], EditorSlice> = (set) => ({
  yaml: STARTER_TEMPLATE,
  applying: false,
  applyResult: undefined,
  setYaml: (yaml) => set({ yaml }),
  setApplying: (applying) => set({ applying }),
  setApplyResult: (applyResult) => set({ applyResult }),
  editing: undefined,
  loadBuffer: (yaml, editing) => set({ yaml, editing, applyResult: undefined }),
});
