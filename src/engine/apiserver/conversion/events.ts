/**
 * Event between core/v1 (the storage form: both APIs share /registry/events) and events.k8s.io/v1, as
 * pkg/apis/events/v1/conversion.go maps them: involvedObject ⇄ regarding, message ⇄ note, source ⇄
 * deprecatedSource, first/lastTimestamp and count ⇄ their deprecated* fields, reportingComponent ⇄
 * reportingController.
 */
type Obj = Record<string, any>;

const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

export function coreEventToEventsV1(e: Obj): Obj {
  return defined({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime ?? null,
    series: e.series ? defined({ count: e.series.count, lastObservedTime: e.series.lastObservedTime }) : undefined,
    reportingController: e.reportingComponent,
    reportingInstance: e.reportingInstance,
    action: e.action,
    reason: e.reason,
    regarding: e.involvedObject,
    related: e.related,
    note: e.message,
    type: e.type,
    deprecatedSource: e.source && Object.keys(e.source).length ? e.source : undefined,
    deprecatedFirstTimestamp: e.firstTimestamp,
    deprecatedLastTimestamp: e.lastTimestamp,
    deprecatedCount: e.count,
  });
}

export function eventsV1ToCoreEvent(e: Obj): Obj {
  return defined({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason,
    message: e.note,
    source: e.deprecatedSource ?? {},
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
    type: e.type,
    eventTime: e.eventTime,
    series: e.series ? defined({ count: e.series.count, lastObservedTime: e.series.lastObservedTime }) : undefined,
    action: e.action,
    related: e.related,
    reportingComponent: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
  });
}
