/// <reference lib="webworker" />
import { Engine } from '../engine/engine';
import { PROTOCOL_VERSION, type ComponentView, type EngineToUi, type UiToEngine } from '../protocol/messages';

declare const self: DedicatedWorkerGlobalScope;

let engine: Engine | undefined;

function post(message: EngineToUi): void {
  self.postMessage(message);
}

function controlPlane(): ComponentView[] {
  const node = 'control-plane';
  return (['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager'] as const).map(
    (kind) => ({ id: `${kind}-${node}`, kind, node, healthy: true }),
  );
}

self.onmessage = (event: MessageEvent<UiToEngine>) => {
  const msg = event.data;
  if (msg.type === 'init') {
    if (msg.version !== PROTOCOL_VERSION) {
      post({ type: 'error', message: `protocol version mismatch: UI ${msg.version}, engine ${PROTOCOL_VERSION}` });
      return;
    }
    engine = new Engine({ seed: msg.seed ?? 1 });
    post({ type: 'ready', version: PROTOCOL_VERSION, components: controlPlane(), simTime: engine.now() });
  }
};
