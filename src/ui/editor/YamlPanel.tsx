import { lazy, Suspense, useCallback } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';

// Monaco loads only when this panel first renders (the YAML tab), in its own chunks.
const YamlEditor = lazy(() => import('./YamlEditor'));

export function YamlPanel() {
  const engine = useEngine();
  const applying = useUiStore((s) => s.applying);
  const result = useUiStore((s) => s.applyResult);
  const apply = useCallback(async () => {
    if (!engine) return;
    const { yaml, setApplying, setApplyResult } = useUiStore.getState();
    setApplying(true);
    try {
      setApplyResult(await engine.apply(yaml));
    } catch (err) {
      setApplyResult([{ text: err instanceof Error ? err.message : String(err), ok: false }]);
    } finally {
      setApplying(false);
    }
  }, [engine]);
  return (
    <div className="yaml-panel">
      <div className="panel-toolbar">
        <button type="button" className="primary" onClick={apply} disabled={!engine || applying} title="kubectl apply -f (Ctrl/Cmd+Enter)">
          Apply
        </button>
        <span className="hint">Ctrl/Cmd+Enter</span>
      </div>
      <Suspense fallback={<div className="monaco-host loading">Loading editor…</div>}>
        <YamlEditor onApply={apply} />
      </Suspense>
      <div className="apply-result" aria-label="Apply result" aria-live="polite">
        {result?.map((l, i) => (
          <div key={i} className={l.ok ? 'ok' : 'error'}>
            {l.line && !l.ok ? `line ${l.line}: ` : ''}
            {l.text}
          </div>
        ))}
      </div>
    </div>
  );
}
