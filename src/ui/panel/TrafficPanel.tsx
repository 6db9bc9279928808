/** The traffic feed in plain words, newest last. */
import { useUiStore } from '../store/ui-store';
import { formatSimTime } from '../topbar/format-sim-time';

export function TrafficPanel() {
  const feed = useUiStore((s) => s.feed);
  const dropped = useUiStore((s) => s.droppedTraffic);
  return (
    <div className="traffic-panel">
      {dropped > 0 && <p className="hint">{dropped} records not shown (too many per frame)</p>}
      <ol className="traffic-feed" aria-label="Traffic feed">
        {feed.map((l) => (
          <li key={l.id} className={l.failed ? 'failed' : undefined}>
            <span className="t">{formatSimTime(l.t)}</span> {l.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
