import { useUiStore } from '../store/ui-store';
import type { SideTab } from '../store/layout-slice';
import { YamlPanel } from '../editor/YamlPanel';
import { EventsPanel } from './EventsPanel';
import { TrafficPanel } from './TrafficPanel';
import { InspectorPanel } from './InspectorPanel';
import { LessonsPanel } from '../lessons/LessonsPanel';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'yaml', label: 'YAML' },
  { id: 'inspector', label: 'Inspector' },
  { id: 'events', label: 'Events' },
  { id: 'traffic', label: 'Traffic' },
  { id: 'lessons', label: 'Lessons' },
];

export function SidePanel() {
  const tab = useUiStore((s) => s.sideTab);
  const setTab = useUiStore((s) => s.setSideTab);
  return (
    <aside className="side-panel">
      <div role="tablist" aria-label="Side panel">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`tabpanel-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-body">
        {tab === 'yaml' && <YamlPanel />}
        {tab === 'inspector' && <InspectorPanel />}
        {tab === 'events' && <EventsPanel />}
        {tab === 'traffic' && <TrafficPanel />}
        {tab === 'lessons' && <LessonsPanel />}
      </div>
    </aside>
  );
}
