/**
 * Autosave of the run: the recording (which rebuilds the cluster exactly) is kept in localStorage a few times a
 * second of wall time, so a reload, a crashed worker or a closed tab loses nothing. The editor text and console
 * history persist through the UI store (ui-store.ts). Saved state is untrusted like a link: validated on load.
 */
import { validateRecording, type SessionRecording } from '../../protocol/recording';

export const RUN_KEY = 'pilothouse.run.v1';
/** localStorage holds ~5 MB per origin; a run bigger than this is not autosaved (and the user is told once). */
export const MAX_AUTOSAVE_CHARS = 2 * 1024 * 1024;

export interface SavedRun {
  recording: SessionRecording;
  paused: boolean;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Saves the run; false when it is too big or storage refuses. */
export function saveRun(run: SavedRun): boolean {
  const text = JSON.stringify(run);
  if (text.length > MAX_AUTOSAVE_CHARS) return false;
  try {
    storage()?.setItem(RUN_KEY, text);
    return true;
  } catch {
    return false;
  }
}

export function loadRun(): SavedRun | undefined {
  const text = storage()?.getItem(RUN_KEY);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as { recording?: unknown; paused?: unknown };
    const checked = validateRecording(parsed.recording);
    if (!checked.ok) return undefined;
    return { recording: checked.recording, paused: parsed.paused === true };
  } catch {
    return undefined;
  }
}

export function clearRun(): void {
  storage()?.removeItem(RUN_KEY);
}
