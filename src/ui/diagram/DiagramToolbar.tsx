/** Above the diagram: namespace filter, add a node, and the notice about the last action. */
import { useMemo } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { changeNodes } from '../actions/node-actions';

export function DiagramToolbar() {
  const engine = useEngine();
  const objects = useUiStore((s) => s.objects);
  const hidden = useUiStore((s) => s.hiddenNamespaces);
  const canAdd = useUiStore((s) => s.capabilities.nodeLifecycle);
  const notice = useUiStore((s) => s.notice);
  const namespaces = useMemo(() => [...objects.values()].filter((o) => o.kind === 'Namespace').map((o) => o.name).sort(), [objects]);
  const { toggleNamespace, showAllNamespaces } = useUiStore.getState();
  return (
    <div className="diagram-toolbar">
      <div className="ns-filter" role="group" aria-label="Namespace filter">
        <span className="hint">namespaces</span>
        {namespaces.map((ns) => (
          <button key={ns} type="button" aria-pressed={!hidden.has(ns)} onClick={() => toggleNamespace(ns)}>
            {ns}
          </button>
        ))}
        {hidden.size > 0 && (
          <button type="button" onClick={showAllNamespaces}>
            all
          </button>
        )}
      </div>
      <button type="button" disabled={!canAdd} title={canAdd ? 'Add a worker node' : 'Adding nodes is not available in this cluster yet'} onClick={() => void changeNodes(engine, 'add')}>
        Add node
      </button>
      {notice && (
        <span key={notice.seq} className={`notice ${notice.ok ? 'ok' : 'error'}`} role="alert" aria-label="Last action">
          {notice.text}
        </span>
      )}
    </div>
  );
}
