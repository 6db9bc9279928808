/** `kubectl get events -w` as a list: newest last, filterable by any column's text. */
import { useDeferredValue, useMemo, useState } from 'react';
import type { ObjectSummary } from '../../protocol/messages';
import { useUiStore } from '../store/ui-store';

const EVENT_LIMIT = 500;

export function EventsPanel() {
  const objects = useUiStore((s) => s.objects);
  const [filter, setFilter] = useState('');
  const query = useDeferredValue(filter.trim().toLowerCase());
  const events = useMemo(() => {
    const list: ObjectSummary[] = [];
    for (const o of objects.values()) if (o.event) list.push(o);
    list.sort((a, b) => (a.event!.lastSeen < b.event!.lastSeen ? -1 : a.event!.lastSeen > b.event!.lastSeen ? 1 : 0));
    const matching = query
      ? list.filter((o) => `${o.namespace} ${o.event!.type} ${o.event!.reason} ${o.event!.object} ${o.event!.message}`.toLowerCase().includes(query))
      : list;
    return matching.slice(-EVENT_LIMIT);
  }, [objects, query]);
  return (
    <div className="events-panel">
      <input type="search" aria-label="Filter events" placeholder="Filter (reason, object, message…)" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <table className="events-table">
        <thead>
          <tr>
            <th>LAST SEEN</th>
            <th>TYPE</th>
            <th>REASON</th>
            <th>OBJECT</th>
            <th>MESSAGE</th>
          </tr>
        </thead>
        <tbody>
          {events.map((o) => (
            <tr key={o.key} data-type={o.event!.type}>
              <td>{o.event!.lastSeen.slice(11, 19)}</td>
              <td>{o.event!.type}</td>
              <td>{o.event!.reason}</td>
              <td>{o.event!.object}</td>
              <td>{o.event!.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length === 0 && <p className="empty">No events{query ? ' match the filter' : ' yet'}.</p>}
    </div>
  );
}
