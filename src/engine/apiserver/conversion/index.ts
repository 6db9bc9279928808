/**
 * Version conversion: a resource served in several versions is stored in one (its storage version) and converted
 * on the way in (after the request's own version was type-checked and checked for unknown fields) and on the way
 * out, so every version reads and writes the same objects — as kube-apiserver's conversion through the internal
 * version does.
 */
import { apiVersionOf, type ResourceInfo } from '../registry';
import { hpaV1ToV2, hpaV2ToV1 } from './autoscaling';
import { coreEventToEventsV1, eventsV1ToCoreEvent } from './events';

type Obj = Record<string, any>;
type Converter = (obj: Obj) => Obj;

/** `Kind from-apiVersion to-apiVersion` → converter. */
const CONVERTERS: Record<string, Converter> = {
  'HorizontalPodAutoscaler autoscaling/v1 autoscaling/v2': hpaV1ToV2,
  'HorizontalPodAutoscaler autoscaling/v2 autoscaling/v1': hpaV2ToV1,
  'Event events.k8s.io/v1 v1': eventsV1ToCoreEvent,
  'Event v1 events.k8s.io/v1': coreEventToEventsV1,
};

/** Where a resource's objects are stored: its group's storage version, or another group sharing its storage. */
export function storageApiVersion(resource: Pick<ResourceInfo, 'group' | 'version' | 'storageVersion' | 'kind'>): string {
  if (resource.group === 'events.k8s.io' && resource.kind === 'Event') return 'v1';
  return apiVersionOf(resource.group, resource.storageVersion);
}

/** The object in `apiVersion` (unchanged when it already is, or when no conversion is known). */
export function convertTo(obj: Obj, apiVersion: string): Obj {
  if (!obj || obj.apiVersion === apiVersion) return obj;
  const converter = CONVERTERS[`${obj.kind} ${obj.apiVersion} ${apiVersion}`];
  return converter ? converter(obj) : obj;
}
