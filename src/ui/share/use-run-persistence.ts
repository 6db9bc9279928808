/**
 * How a tab's run starts and survives: a share link in the URL wins (opened, then the fragment is dropped so a
 * reload resumes the autosave instead); otherwise the autosaved run is resumed; otherwise a fresh cluster. While
 * running, the recording is autosaved every second of wall time.
 */
import { useEffect } from 'react';
import type { EngineClient } from '../bridge/engine-client';
import { useUiStore } from '../store/ui-store';
import { decodeShareState, shareFragment } from './share-link';
import { loadRun, saveRun } from './autosave';

const AUTOSAVE_MS = 1000;

/** Opens the share link in the URL fragment, if there is one; false when there is none or it can't be used. */
function openSharedRun(client: EngineClient): boolean {
  const fragment = shareFragment(location.hash);
  if (fragment === undefined) return false;
  const { notify, loadBuffer, setPresenter, setLinkError } = useUiStore.getState();
  history.replaceState(null, '', location.pathname + location.search);
  const decoded = decodeShareState(fragment);
  if (!decoded.ok) {
    setLinkError(decoded.error);
    return false;
  }
  if (decoded.state.editor !== undefined) loadBuffer(decoded.state.editor);
  if (decoded.state.view?.presenter) setPresenter(true);
  void client.load(decoded.state.recording).then((r) => notify(r.ok ? `Shared run opened: ${r.message}` : r.message, r.ok));
  return true;
}

export function startRun(client: EngineClient): void {
  const hadLink = shareFragment(location.hash) !== undefined;
  if (openSharedRun(client)) return;
  const saved = hadLink ? undefined : loadRun();
  if (saved) {
    void client.load(saved.recording).then((r) => {
      if (r.ok && !saved.paused) client.play();
      else if (!r.ok) client.init(1, 3);
    });
    return;
  }
  const { seed, workers } = clusterFromUrl(location.search);
  client.init(seed, workers); // by default a control-plane node and three workers, as the seeds draw it
}

/** `?workers=50&seed=7`: the shape of a fresh cluster (bounded: a tab can't host an unbounded fleet). */
export function clusterFromUrl(search: string): { seed: number; workers: number } {
  const q = new URLSearchParams(search);
  const int = (name: string, def: number, min: number, max: number) => {
    const v = Number(q.get(name));
    return q.has(name) && Number.isInteger(v) && v >= min && v <= max ? v : def;
  };
  return { seed: int('seed', 1, 0, 0xffffffff), workers: int('workers', 3, 0, 500) };
}

/** A share link pasted into the address bar of an open tab only changes the fragment: open it too. */
export function useShareLinkNavigation(client: EngineClient | undefined): void {
  useEffect(() => {
    if (!client) return;
    const onHash = () => void openSharedRun(client);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [client]);
}

/** Saves the run periodically while the engine is connected. */
export function useAutosave(client: EngineClient | undefined): void {
  useEffect(() => {
    if (!client) return;
    let warned = false;
    const timer = setInterval(() => {
      if (!useUiStore.getState().connected) return;
      client
        .recording()
        .then((recording) => {
          const ok = saveRun({ recording, paused: useUiStore.getState().sim.paused });
          if (!ok && !warned) {
            warned = true;
            useUiStore.getState().notify('This run is too large to autosave; a reload will start over from its last saved point.', false);
          }
        })
        .catch(() => undefined);
    }, AUTOSAVE_MS);
    return () => clearInterval(timer);
  }, [client]);
}
