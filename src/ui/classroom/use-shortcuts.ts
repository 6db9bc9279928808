import { useEffect } from 'react';
import type { EngineClient } from '../bridge/engine-client';
import { useUiStore } from '../store/ui-store';
import { handleShortcut } from './shortcuts';

/** Installs the classroom keyboard shortcuts for the app's lifetime. */
export function useShortcuts(engine: EngineClient | undefined): void {
  useEffect(() => {
    if (!engine) return;
    const onKey = (e: KeyboardEvent) => {
      const handled = handleShortcut(e, {
        togglePlay: () => (useUiStore.getState().sim.paused ? engine.play() : engine.pause()),
        step: () => engine.step(),
        togglePresenter: () => {
          const { view, setPresenter } = useUiStore.getState();
          setPresenter(!view.presenter);
        },
      });
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [engine]);
}
