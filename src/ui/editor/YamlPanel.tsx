import { lazy, Suspense, useCallback, useState } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { TEMPLATES } from './templates';

// Monaco loads only when this panel first renders (the YAML tab), in its own chunks.
const YamlEditor = lazy(() => import('./YamlEditor'));
const YamlDiff = lazy(() => import('./YamlDiff'));

export function YamlPanel() {
  const engine = useEngine();
  const applying = useUiStore((s) => s.applying);
  const result = useUiStore((s) => s.applyResult);
  const editing = useUiStore((s) => s.editing);
  const [live, setLive] = useState<string>();
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
  /** `kubectl delete -f -` of the buffer: the file's objects go, as on a real cluster. */
  const remove = async () => {
    if (!engine) return;
    const { yaml, setApplying, setApplyResult } = useUiStore.getState();
    setApplying(true);
    try {
      const out = await engine.kubectl('kubectl delete -f -', yaml);
      const lines = [
        ...out.stdout.split('\n').filter(Boolean).map((text) => ({ text, ok: true })),
        ...out.stderr.split('\n').filter(Boolean).map((text) => ({ text, ok: false })),
      ];
      setApplyResult(lines);
    } catch (err) {
      setApplyResult([{ text: err instanceof Error ? err.message : String(err), ok: false }]);
    } finally {
      setApplying(false);
    }
  };
  const diff = async () => {
    if (!engine) return;
    if (live !== undefined) return setLive(undefined);
    setLive(await engine.live(useUiStore.getState().yaml));
  };
  return (
    <div className="yaml-panel">
      <div className="panel-toolbar">
        <button type="button" className="primary" onClick={apply} disabled={!engine || applying} title="kubectl apply -f (Ctrl/Cmd+Enter)">
          Apply
        </button>
        <button type="button" onClick={() => void remove()} disabled={!engine || applying} title="kubectl delete -f: delete the objects this file describes">
          Delete
        </button>
        <button type="button" onClick={() => void diff()} disabled={!engine} aria-pressed={live !== undefined} title="Compare the file with the live objects">
          Diff
        </button>
        <select
          aria-label="Template"
          value=""
          onChange={(e) => {
            const text = TEMPLATES[e.target.value];
            if (text) useUiStore.getState().loadBuffer(text);
            setLive(undefined);
          }}
        >
          <option value="">Template…</option>
          {Object.keys(TEMPLATES).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <span className="hint">{editing ? `editing ${editing}` : 'Ctrl/Cmd+Enter applies'}</span>
      </div>
      <Suspense fallback={<div className="monaco-host loading">Loading editor…</div>}>
        {live !== undefined ? <YamlDiff live={live} /> : <YamlEditor onApply={apply} />}
      </Suspense>
      <div className="apply-result" aria-label="Apply result" aria-live="polite">
        {live !== undefined && <div className="hint">live objects (left) ⟷ this file (right)</div>}
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
