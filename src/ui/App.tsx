import { useEffect } from 'react';
import { ArchitectureDiagram } from './diagram/ArchitectureDiagram';
import { createWorkerTransport } from './bridge/worker-transport';
import { useClusterStore } from './store/cluster-store';

export function App() {
  const apply = useClusterStore((s) => s.apply);
  const connected = useClusterStore((s) => s.connected);
  const error = useClusterStore((s) => s.error);
  useEffect(() => {
    const transport = createWorkerTransport();
    const off = transport.onMessage(apply);
    return () => {
      off();
      transport.close();
    };
  }, [apply]);
  return (
    <div className="app">
      <header className="topbar">
        <img src="/icon.svg" alt="" width={24} height={24} />
        <h1>Pilothouse</h1>
        <span className="status" role="status">
          {error ? `Engine error: ${error}` : connected ? 'Cluster running' : 'Starting the cluster…'}
        </span>
      </header>
      <main className="diagram" aria-label="Cluster architecture">
        <ArchitectureDiagram />
      </main>
    </div>
  );
}
