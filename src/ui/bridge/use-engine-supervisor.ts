/**
 * Owns the engine connection for the app's lifetime and keeps it alive: the worker is pinged every few seconds,
 * and one that stops answering (hung in a loop, crashed, killed by the browser) is replaced by a new worker that
 * resumes the autosaved run — the user is told, and loses at most the last second.
 */
import { useEffect, useState } from 'react';
import { EngineClient } from './engine-client';
import { createWorkerTransport } from './worker-transport';
import { useUiStore } from '../store/ui-store';
import { loadRun } from '../share/autosave';
import { formatSimTime } from '../topbar/format-sim-time';

const PING_EVERY_MS = 2_000;
/** Long enough for a legitimate long operation (rebuilding a long run after a seek or a load). */
const HANG_AFTER_MS = 12_000;

export function useEngineSupervisor(start: (client: EngineClient) => void): EngineClient | undefined {
  const receive = useUiStore((s) => s.receive);
  const [engine, setEngine] = useState<EngineClient>();
  useEffect(() => {
    let client = new EngineClient(createWorkerTransport(), receive);
    start(client);
    setEngine(client);
    let lastAnswer = performance.now();
    const restart = () => {
      client.close();
      client = new EngineClient(createWorkerTransport(), receive);
      lastAnswer = performance.now();
      const saved = loadRun();
      const { notify } = useUiStore.getState();
      if (saved) {
        void client.load(saved.recording).then((r) => {
          if (r.ok && !saved.paused) client.play();
          notify(`The simulation stopped responding and was restarted from the last autosave (${formatSimTime(saved.recording.until)}).`, false);
        });
      } else {
        client.init(1, 3);
        notify('The simulation stopped responding and was restarted with a fresh cluster.', false);
      }
      setEngine(client);
    };
    const timer = setInterval(() => {
      if (performance.now() - lastAnswer > HANG_AFTER_MS) return restart();
      const pinged = client;
      void pinged
        .ping()
        .then(() => {
          if (pinged === client) lastAnswer = performance.now();
        })
        .catch(() => undefined);
    }, PING_EVERY_MS);
    return () => {
      clearInterval(timer);
      client.close();
    };
    // `start` is the app's boot policy, fixed for its lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [receive]);
  return engine;
}
