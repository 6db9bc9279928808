/**
 * The narration feed, newest last: API traffic in plain words interleaved with what controllers and the scheduler
 * decided. A request whose body the worker kept opens to show its verb, path and JSON body.
 */
import { useState } from 'react';
import type { RequestDetail } from '../../protocol/messages';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import type { FeedLine } from '../store/engine-slice';
import { formatSimTime } from '../topbar/format-sim-time';

type Show = 'all' | 'decisions' | 'requests';

function RequestView({ detail }: { detail: RequestDetail | undefined | 'loading' }) {
  if (detail === 'loading') return <div className="request-detail hint">loading…</div>;
  if (!detail) return <div className="request-detail hint">The body of this request is no longer kept.</div>;
  const query = detail.query ? `?${new URLSearchParams(detail.query).toString()}` : '';
  return (
    <div className="request-detail" aria-label="Request detail">
      <div>
        <strong>{detail.method}</strong> {detail.path}
        {query} <span className="hint">→ {detail.status}</span>
      </div>
      <div className="hint">
        {detail.client} · verb {detail.verb}
        {detail.contentType ? ` · ${detail.contentType}` : ''}
      </div>
      {detail.body !== undefined && <pre>{typeof detail.body === 'string' ? detail.body : JSON.stringify(detail.body, null, 2)}</pre>}
    </div>
  );
}

export function TrafficPanel() {
  const engine = useEngine();
  const feed = useUiStore((s) => s.feed);
  const dropped = useUiStore((s) => s.droppedTraffic);
  const [show, setShow] = useState<Show>('all');
  const [open, setOpen] = useState<{ key: string; detail: RequestDetail | undefined | 'loading' }>();
  const lines = show === 'all' ? feed : feed.filter((l) => (show === 'requests' ? l.kind === 'traffic' : l.kind !== 'traffic'));
  const toggle = async (l: FeedLine) => {
    if (!l.detail || l.trafficId === undefined || !engine) return;
    if (open?.key === l.key) return setOpen(undefined);
    setOpen({ key: l.key, detail: 'loading' });
    const detail = await engine.requestDetail(l.trafficId);
    setOpen((o) => (o?.key === l.key ? { key: l.key, detail } : o));
  };
  return (
    <div className="traffic-panel">
      <div className="feed-filter" role="group" aria-label="Show">
        {(['all', 'decisions', 'requests'] as const).map((s) => (
          <button key={s} type="button" aria-pressed={show === s} onClick={() => setShow(s)}>
            {s}
          </button>
        ))}
        {dropped > 0 && <span className="hint">{dropped} records not shown (too many per frame)</span>}
      </div>
      <ol className="traffic-feed" aria-label="Traffic feed">
        {lines.map((l) => (
          <li key={l.key} className={`feed-${l.kind}${l.failed ? ' failed' : ''}${l.detail ? ' openable' : ''}`}>
            <div
              className="feed-line"
              {...(l.detail ? { role: 'button', tabIndex: 0, 'aria-expanded': open?.key === l.key, onClick: () => void toggle(l), onKeyDown: (e) => e.key === 'Enter' && void toggle(l) } : {})}
              title={l.text}
            >
              <span className="t">{formatSimTime(l.t)}</span> {l.kind !== 'traffic' && <span className="actor-tag">{l.kind}</span>} {l.text}
            </div>
            {open?.key === l.key && <RequestView detail={open.detail} />}
          </li>
        ))}
      </ol>
    </div>
  );
}
