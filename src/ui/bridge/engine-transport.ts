import type { EngineToUi, UiToEngine } from '../../protocol/messages';

/** The UI's connection to an engine. The worker is one implementation; `serve` attach will be the other. */
export interface EngineTransport {
  send(message: UiToEngine): void;
  onMessage(listener: (message: EngineToUi) => void): () => void;
  close(): void;
}
