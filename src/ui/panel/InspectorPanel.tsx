/**
 * The inspector: for the selected object, kubectl describe, its owner chain, its Events, for pods the scheduling
 * decision (each node's filter verdict and plugin scores), and the live YAML. Refetched when the object changes.
 */
import { useEffect, useState } from 'react';
import type { InspectView, SchedulingView } from '../../protocol/messages';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { formatSimTime } from '../topbar/format-sim-time';

const REFRESH_MS = 400;

function Scheduling({ view, note }: { view: SchedulingView | undefined; note: string | undefined }) {
  if (!view) return <p className="hint">{note}</p>;
  const question = view.outcome === 'Scheduled' ? `Why ${view.node}?` : 'Why Pending?';
  return (
    <div aria-label="Scheduling decision" className="scheduling">
      <p>
        <strong>{question}</strong> {view.narration}
      </p>
      <p className="hint">
        attempt {view.attempt} at {formatSimTime(view.time)} · {view.outcome}
        {view.feasibleNodes !== undefined ? ` · ${view.feasibleNodes} feasible of ${view.evaluatedNodes} evaluated` : ''}
      </p>
      {view.message && <p className="error">{view.message}</p>}
      <table className="score-table">
        <thead>
          <tr>
            <th>NODE</th>
            <th>FILTER</th>
            <th>SCORE</th>
            <th>PLUGIN SCORES</th>
          </tr>
        </thead>
        <tbody>
          {view.nodes.map((n) => (
            <tr key={n.node} data-verdict={n.verdict} data-selected={n.node === view.node}>
              <td>{n.node}</td>
              <td>{n.verdict === 'feasible' ? 'passed' : `${n.plugin ?? 'rejected'}: ${(n.reasons ?? []).join('; ')}`}</td>
              <td>{n.totalScore ?? ''}</td>
              <td>{(n.scores ?? []).map((s) => `${s.plugin} ${s.weighted}`).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InspectorPanel() {
  const engine = useEngine();
  const selected = useUiStore((s) => s.selected);
  const rv = useUiStore((s) => (s.selected ? s.objects.get(s.selected)?.resourceVersion : undefined));
  const [view, setView] = useState<InspectView>();
  useEffect(() => {
    if (!engine || !selected) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void engine.inspect(selected).then((v) => !cancelled && setView(v));
    }, view?.key === selected ? REFRESH_MS : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch on identity or version change only
  }, [engine, selected, rv]);
  if (!selected) return <p className="empty">Click a node, pod or object in the diagram to inspect it.</p>;
  if (!view || view.key !== selected) return <p className="empty">Loading…</p>;
  const { select } = useUiStore.getState();
  return (
    <div className="inspector" aria-label="Object inspector">
      <div className="panel-toolbar">
        <strong className="inspector-title">{selected.split('/').slice(-2).join(' ')}</strong>
        <button type="button" onClick={() => select(undefined)}>
          Close
        </button>
      </div>
      {!view.found && <p className="error">{view.describe}</p>}
      {view.owners.length > 0 && (
        <section aria-label="Owner chain">
          <h3>Owners</h3>
          <ol className="owner-chain">
            {view.owners.map((o) => (
              <li key={`${o.kind}/${o.name}`}>
                {o.key ? (
                  <button type="button" className="link" onClick={() => select(o.key)}>
                    {o.kind} {o.name}
                  </button>
                ) : (
                  `${o.kind} ${o.name}`
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      {(view.scheduling || view.schedulingNote) && (
        <section>
          <h3>Scheduling</h3>
          <Scheduling view={view.scheduling} note={view.schedulingNote} />
        </section>
      )}
      {view.found && (
        <section aria-label="Describe">
          <h3>Describe</h3>
          <pre className="describe">{view.describe}</pre>
        </section>
      )}
      <section aria-label="Object events">
        <h3>Events</h3>
        {view.events.length === 0 ? (
          <p className="hint">No events.</p>
        ) : (
          <table className="events-table">
            <tbody>
              {view.events.map((e, i) => (
                <tr key={i} data-type={e.type}>
                  <td>{e.type}</td>
                  <td>{e.reason}</td>
                  <td>{e.count > 1 ? `(x${e.count}) ` : ''}{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {view.found && (
        <section aria-label="Live YAML">
          <h3>YAML</h3>
          <pre className="live-yaml">{view.yaml}</pre>
        </section>
      )}
    </div>
  );
}
