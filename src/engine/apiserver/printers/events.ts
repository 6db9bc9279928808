/**
 * printEvent, shared by core/v1 and events.k8s.io/v1 Events (one storage, one printer). LAST SEEN falls back to the
 * first timestamp, then eventTime; a series overrides both the time and the count.
 */
import type { Event as CoreEvent, EventSource } from 'kubernetes-types/core/v1';
import type { Event as EventsEvent } from 'kubernetes-types/events/v1';
import { DOC } from './descriptions';
import { timeOf, translateTimestampSince } from './time';
import { NAME_COLUMN, column, type Printer } from './types';

/** Reads an events.k8s.io/v1 Event as the core/v1 shape the printer works on (as the internal type unifies them). */
function asCoreEvent(obj: CoreEvent | EventsEvent): CoreEvent {
  if (!('regarding' in obj) && !('note' in obj) && !('deprecatedCount' in obj) && !obj.apiVersion?.startsWith('events.k8s.io/')) {
    return obj as CoreEvent;
  }
  const e = obj as EventsEvent;
  return {
    metadata: e.metadata ?? {},
    involvedObject: e.regarding ?? {},
    message: e.note,
    reason: e.reason,
    type: e.type,
    count: e.deprecatedCount,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    source: e.deprecatedSource,
    eventTime: e.eventTime,
    series: e.series ? { count: e.series.count, lastObservedTime: e.series.lastObservedTime } : undefined,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
  };
}

/** formatEventSource: `component, host`, falling back to the reporting controller and instance. */
function formatEventSource(source: EventSource | undefined, reportingController: string | undefined, reportingInstance: string | undefined): string {
  const component = source?.component || reportingController || '';
  const instance = source?.host || reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', DOC['event.lastTimestamp']),
    column('Type', 'string', DOC['event.type']),
    column('Reason', 'string', DOC['event.reason']),
    column('Object', 'string', DOC['event.involvedObject']),
    column('Subobject', 'string', DOC['objref.fieldPath'], 1),
    column('Source', 'string', DOC['event.source'], 1),
    column('Message', 'string', DOC['event.message']),
    column('First Seen', 'string', DOC['event.firstTimestamp'], 1),
    column('Count', 'string', DOC['event.count'], 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  row(obj: CoreEvent | EventsEvent, nowMs: number) {
    const e = asCoreEvent(obj);
    let firstSeen = translateTimestampSince(e.firstTimestamp, nowMs);
    if (timeOf(e.firstTimestamp) === undefined) firstSeen = translateTimestampSince(e.eventTime, nowMs);
    let lastSeen = translateTimestampSince(e.lastTimestamp, nowMs);
    if (timeOf(e.lastTimestamp) === undefined) lastSeen = firstSeen;
    let count = e.count ?? 0;
    if (e.series) {
      lastSeen = translateTimestampSince(e.series.lastObservedTime, nowMs);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events of the new API carry no count.
      count = 1;
    }
    const kind = (e.involvedObject?.kind ?? '').toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return [
      lastSeen,
      e.type ?? '',
      e.reason ?? '',
      target,
      e.involvedObject?.fieldPath ?? '',
      formatEventSource(e.source, e.reportingComponent, e.reportingInstance),
      (e.message ?? '').trim(),
      firstSeen,
      count,
      e.metadata?.name ?? '',
    ];
  },
};
