import type { EngineToUi } from '../../protocol/messages';
import type { EngineTransport } from './engine-transport';

export type { EngineTransport } from './engine-transport';

/** The engine in a dedicated worker of this tab. */
export function createWorkerTransport(): EngineTransport {
  const worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' });
  const listeners = new Set<(m: EngineToUi) => void>();
  worker.onmessage = (e: MessageEvent<EngineToUi>) => listeners.forEach((l) => l(e.data));
  worker.onerror = (e) => listeners.forEach((l) => l({ type: 'error', message: e.message }));
  return {
    send: (m) => worker.postMessage(m),
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => worker.terminate(),
  };
}
