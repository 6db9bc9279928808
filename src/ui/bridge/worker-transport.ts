import { PROTOCOL_VERSION, type EngineToUi, type UiToEngine } from '../../protocol/messages';

/** The UI's connection to an engine. The worker is one implementation; `serve` attach will be the other. */
export interface EngineTransport {
  send(message: UiToEngine): void;
  onMessage(listener: (message: EngineToUi) => void): () => void;
  close(): void;
}

export function createWorkerTransport(): EngineTransport {
  const worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' });
  const listeners = new Set<(m: EngineToUi) => void>();
  worker.onmessage = (e: MessageEvent<EngineToUi>) => listeners.forEach((l) => l(e.data));
  worker.onerror = (e) => listeners.forEach((l) => l({ type: 'error', message: e.message }));
  const transport: EngineTransport = {
    send: (m) => worker.postMessage(m),
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => worker.terminate(),
  };
  transport.send({ type: 'init', version: PROTOCOL_VERSION, seed: 1 });
  return transport;
}
