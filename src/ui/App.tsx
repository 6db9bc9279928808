import { ArchitectureDiagram } from './diagram/ArchitectureDiagram';
import type { EngineClient } from './bridge/engine-client';
import { EngineContext } from './bridge/engine-context';
import { useEngineSupervisor } from './bridge/use-engine-supervisor';
import { useUiStore } from './store/ui-store';
import { TopBar } from './topbar/TopBar';
import { SidePanel } from './panel/SidePanel';
import { KubectlConsole } from './console/KubectlConsole';
import { Spotlight } from './classroom/Spotlight';
import { useShortcuts } from './classroom/use-shortcuts';
import { PRESENTER_SPEED } from './classroom/view-mode';
import { startRun, useAutosave, useShareLinkNavigation } from './share/use-run-persistence';
import { LinkErrorDialog } from './share/ShareDialog';
import { LessonHighlights } from './lessons/LessonHighlights';

/** How a tab starts: a share link, else the autosaved run, else a fresh cluster; presenter mode runs slower. */
function boot(client: EngineClient): void {
  startRun(client);
  if (useUiStore.getState().view.presenter) client.setSpeed(PRESENTER_SPEED);
}

export function App() {
  const engine = useEngineSupervisor(boot);
  const view = useUiStore((s) => s.view);
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
        <LessonHighlights />
      </div>
    </EngineContext.Provider>
  );
}
