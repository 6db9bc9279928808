import { useEffect, useState } from 'react';
import { ArchitectureDiagram } from './diagram/ArchitectureDiagram';
import { createWorkerTransport } from './bridge/worker-transport';
import { EngineClient } from './bridge/engine-client';
import { EngineContext } from './bridge/engine-context';
import { useUiStore } from './store/ui-store';
import { TopBar } from './topbar/TopBar';
import { SidePanel } from './panel/SidePanel';
import { KubectlConsole } from './console/KubectlConsole';

export function App() {
  const receive = useUiStore((s) => s.receive);
  const [engine, setEngine] = useState<EngineClient>();
  useEffect(() => {
    const client = new EngineClient(createWorkerTransport(), receive);
    client.init(1, 3); // a control-plane node and three workers, as the seeds draw it
    setEngine(client);
    return () => client.close();
  }, [receive]);
  return (
    <EngineContext.Provider value={engine}>
      <div className="app">
        <TopBar />
        <div className="workspace">
          <main className="diagram" aria-label="Cluster architecture">
            <ArchitectureDiagram />
          </main>
          <SidePanel />
        </div>
        <KubectlConsole />
      </div>
    </EngineContext.Provider>
  );
}
