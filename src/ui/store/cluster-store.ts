import { create } from 'zustand';
import type { ComponentView, EngineToUi } from '../../protocol/messages';

interface ClusterState {
  connected: boolean;
  error?: string;
  simTime: number;
  components: ComponentView[];
  /** The one place engine messages change UI state. */
  apply(message: EngineToUi): void;
}

export const useClusterStore = create<ClusterState>((set) => ({
  connected: false,
  simTime: 0,
  components: [],
  apply(message) {
    switch (message.type) {
      case 'ready':
        set({ connected: true, components: message.components, simTime: message.simTime });
        break;
      case 'batch':
        set((s) => {
          let components = s.components;
          for (const d of message.deltas) {
            if (d.kind === 'component') components = components.map((c) => (c.id === d.component.id ? d.component : c));
          }
          return { simTime: message.simTime, components };
        });
        break;
      case 'error':
        set({ error: message.message });
        break;
    }
  },
}));
