import { useEffect, useState } from 'react';
import { ArchitectureDiagram } from './diagram/ArchitectureDiagram';
import { createWorkerTransport } from './bridge/worker-transport';
import { EngineClient } from './bridge/engine-client';
import { EngineContext } from './bridge/engine-context';
import { useUiStore } from './store/ui-store';
import { TopBar } from './topbar/TopBar';
import { SidePanel } from './panel/SidePanel';
import { KubectlConsole } from './console/KubectlConsole';
import { Spotlight } from './classroom/Spotlight';
import { useShortcuts } from './classroom/use-shortcuts';
import { PRESENTER_SPEED } from './classroom/view-mode';
import { startRun, useAutosave, useShareLinkNavigation } from './share/use-run-persistence';
import { LinkErrorDialog } from './share/ShareDialog';

export function App() {
  const receive = useUiStore((s) => s.receive);
  const [engine, setEngine] = useState<EngineClient>();
  const view = useUiStore((s) => s.view);
  useEffect(() => {
    const client = new EngineClient(createWorkerTransport(), receive);
    startRun(client); // a share link, else the autosaved run, else a fresh cluster
    if (useUiStore.getState().view.presenter) client.setSpeed(PRESENTER_SPEED);
    setEngine(client);
    return () => client.close();
  }, [receive]);
  useShortcuts(engine);
  useAutosave(engine);
  useShareLinkNavigation(engine);
  const embed = view.embed;
  return (
    <EngineContext.Provider value={engine}>
      <div className="app" data-presenter={view.presenter || undefined} data-embed={embed ? 'true' : undefined}>
        <TopBar />
        <div className="workspace">
          <main className="diagram" aria-label="Cluster architecture">
            <ArchitectureDiagram />
          </main>
          {(!embed || embed.editor) && <SidePanel />}
        </div>
        {(!embed || embed.console) && <KubectlConsole />}
        <Spotlight />
        <LinkErrorDialog />
      </div>
    </EngineContext.Provider>
  );
}
