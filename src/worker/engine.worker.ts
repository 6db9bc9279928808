/// <reference lib="webworker" />
/**
 * The engine's worker: an EngineHost driven by a loop that yields to the message queue between slices. An idle
 * or paced loop waits a few ms between turns; a busy one (`max`, or a backlog of deltas) comes back via a
 * MessageChannel, which — unlike nested setTimeout — is not clamped to 4 ms.
 */
import type { EngineToUi, UiToEngine } from '../protocol/messages';
import { EngineHost } from './engine-host';

declare const self: DedicatedWorkerGlobalScope;

const host = new EngineHost({
  post: (message: EngineToUi) => self.postMessage(message),
  wall: () => performance.now(),
});

const channel = new MessageChannel();
channel.port1.onmessage = () => loop();

function loop(): void {
  host.pump();
  if (host.busy()) channel.port2.postMessage(null);
  else setTimeout(loop, 4);
}

self.onmessage = (event: MessageEvent<UiToEngine>) => host.handle(event.data);
loop();
