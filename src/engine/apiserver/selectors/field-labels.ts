/**
 * Which field labels each resource can be selected by, and what they read.
 *
 * Upstream answers this in two independent places, and so do we:
 *  1. Acceptance: the field label conversion func each API version registers (AddFieldLabelConversionFunc in
 *     pkg/apis/<group>/<version>/conversion.go). The apiserver runs every term of a fieldSelector through it and
 *     answers 400 with its error. A kind without one accepts only metadata.name and metadata.namespace
 *     (runtime.DefaultMetaV1FieldSelectorConversion) — every apps/v1 kind included, so a ReplicaSet cannot be
 *     selected by status.replicas even though its strategy would expose it.
 *  2. Values: the registry strategy's GetAttrs / *ToSelectableFields (pkg/registry/<group>/<kind>/strategy.go),
 *     which projects a stored object onto a fields.Set. A label that is accepted but never set (pods'
 *     status.podIPs) reads as "" and so only ever matches the empty value.
 */
import { goQuote } from './go-format';
import { transformFieldSelector, type FieldSelectorMatcher, type FieldSelectorResult, type FieldSet } from './fields';

interface ConversionRule {
  /** Accepted label → the label the stored object is selected by (usually the same). */
  accepted: Record<string, string>;
  /** The error for any other label. */
  reject: (label: string, version: string) => string;
}

const same = (...labels: string[]): Record<string, string> => Object.fromEntries(labels.map((l) => [l, l]));
const notSupported = (label: string) => `field label not supported: ${label}`;

const DEFAULT_RULE: ConversionRule = {
  accepted: same('metadata.name', 'metadata.namespace'),
  reject: (label) => `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

const CORE_EVENT_LABELS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

/** events.k8s.io renamed involvedObject to regarding; its labels map onto the core ones the storage uses. */
const EVENTS_API_LABELS: Record<string, string> = {
  reason: 'reason',
  'regarding.kind': 'involvedObject.kind',
  'regarding.namespace': 'involvedObject.namespace',
  'regarding.name': 'involvedObject.name',
  'regarding.uid': 'involvedObject.uid',
  'regarding.apiVersion': 'involvedObject.apiVersion',
  'regarding.resourceVersion': 'involvedObject.resourceVersion',
  'regarding.fieldPath': 'involvedObject.fieldPath',
  reportingController: 'reportingComponent',
  type: 'type',
  'metadata.namespace': 'metadata.namespace',
  'metadata.name': 'metadata.name',
};

const resourceSliceRule: ConversionRule = {
  accepted: same('metadata.name', 'spec.nodeName', 'spec.driver'),
  reject: (label, version) => `field label not supported for resource.k8s.io/${version}, Kind=ResourceSlice: ${label}`,
};

/** Keyed by `group/resource`; the rules hold for every served version of the kind. */
const CONVERSIONS: Record<string, ConversionRule> = {
  '/pods': {
    accepted: {
      ...same(
        'metadata.name',
        'metadata.namespace',
        'spec.nodeName',
        'spec.restartPolicy',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'spec.hostNetwork',
        'status.phase',
        'status.podIP',
        'status.podIPs',
        'status.nominatedNodeName',
      ),
      // Old v1 clients still say spec.host.
      'spec.host': 'spec.nodeName',
    },
    reject: notSupported,
  },
  '/nodes': { accepted: same('metadata.name', 'spec.unschedulable'), reject: notSupported },
  '/replicationcontrollers': { accepted: same('metadata.name', 'metadata.namespace', 'status.replicas'), reject: notSupported },
  '/events': { accepted: same(...CORE_EVENT_LABELS, 'metadata.namespace', 'metadata.name'), reject: notSupported },
  '/namespaces': { accepted: same('status.phase', 'metadata.name'), reject: notSupported },
  '/secrets': { accepted: same('type', 'metadata.namespace', 'metadata.name'), reject: notSupported },
  '/services': { accepted: same('metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'), reject: notSupported },
  'events.k8s.io/events': { accepted: EVENTS_API_LABELS, reject: notSupported },
  'batch/jobs': {
    accepted: same('metadata.name', 'metadata.namespace', 'status.successful'),
    reject: (label) => `field label ${goQuote(label)} not supported for batchv1.Job`,
  },
  'certificates.k8s.io/certificatesigningrequests': { accepted: same('metadata.name', 'spec.signerName'), reject: notSupported },
  'resource.k8s.io/resourceslices': resourceSliceRule,
};

/** The field labels a resource accepts in a fieldSelector (before conversion), sorted. */
export function supportedFieldLabels(group: string, resource: string): string[] {
  return Object.keys((CONVERSIONS[`${group}/${resource}`] ?? DEFAULT_RULE).accepted).sort();
}

/**
 * Runs a parsed fieldSelector through the resource's field label conversion, as the apiserver does before a
 * list, watch or deletecollection. On success the selector speaks the stored labels (spec.host becomes
 * spec.nodeName, regarding.kind becomes involvedObject.kind) and can be matched against fieldSetFor(). On
 * failure, `error` is the message of the 400 BadRequest.
 */
export function validateFieldSelector(group: string, version: string, resource: string, parsed: FieldSelectorMatcher): FieldSelectorResult {
  const rule = CONVERSIONS[`${group}/${resource}`] ?? DEFAULT_RULE;
  return transformFieldSelector(parsed, (field, value) => {
    const internal = Object.prototype.hasOwnProperty.call(rule.accepted, field) ? rule.accepted[field] : undefined;
    return internal === undefined ? rule.reject(field, version) : { field: internal, value };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Selectable values, read from the stored (v1) object.

type Obj = Record<string, unknown>;

const obj = (x: unknown): Obj => (typeof x === 'object' && x !== null ? (x as Obj) : {});
const str = (x: unknown): string => (typeof x === 'string' ? x : '');
/** strconv.Itoa of an int field that defaults to 0. */
const int = (x: unknown): string => String(typeof x === 'number' ? x : 0);
/** strconv.FormatBool of a bool field that defaults to false. */
const bool = (x: unknown): string => String(x === true);

type Projector = (o: Obj) => Record<string, string>;

function podFields(pod: Obj): Record<string, string> {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const podIPs = Array.isArray(status.podIPs) ? status.podIPs : [];
  return {
    'spec.nodeName': str(spec.nodeName),
    'spec.restartPolicy': str(spec.restartPolicy),
    'spec.schedulerName': str(spec.schedulerName),
    // v1's deprecated serviceAccount stands in when serviceAccountName is unset, as conversion does.
    'spec.serviceAccountName': str(spec.serviceAccountName) || str(spec.serviceAccount),
    'spec.hostNetwork': bool(spec.hostNetwork),
    'status.phase': str(status.phase),
    // Upstream reads the first of status.podIPs; v1's status.podIP is the same address.
    'status.podIP': podIPs.length ? str(obj(podIPs[0]).ip) : str(status.podIP),
    'status.nominatedNodeName': str(status.nominatedNodeName),
  };
}

/** Core and events.k8s.io Events share one storage; either shape projects onto the core labels. */
function eventFields(event: Obj): Record<string, string> {
  const ref = obj(event.involvedObject ?? event.regarding);
  const reporting = str(event.reportingComponent) || str(event.reportingController);
  const source = str(obj(event.source ?? event.deprecatedSource).component) || reporting;
  return {
    'involvedObject.kind': str(ref.kind),
    'involvedObject.namespace': str(ref.namespace),
    'involvedObject.name': str(ref.name),
    'involvedObject.uid': str(ref.uid),
    'involvedObject.apiVersion': str(ref.apiVersion),
    'involvedObject.resourceVersion': str(ref.resourceVersion),
    'involvedObject.fieldPath': str(ref.fieldPath),
    reason: str(event.reason),
    reportingComponent: reporting,
    source,
    type: str(event.type),
  };
}

const PROJECTORS: Record<string, Projector> = {
  '/pods': podFields,
  '/nodes': (o) => ({ 'spec.unschedulable': bool(obj(o.spec).unschedulable) }),
  '/namespaces': (o) => ({ 'status.phase': str(obj(o.status).phase) }),
  '/secrets': (o) => ({ type: str(o.type) }),
  '/services': (o) => ({ 'spec.clusterIP': str(obj(o.spec).clusterIP), 'spec.type': str(obj(o.spec).type) }),
  '/replicationcontrollers': (o) => ({ 'status.replicas': int(obj(o.status).replicas) }),
  'apps/replicasets': (o) => ({ 'status.replicas': int(obj(o.status).replicas) }),
  'batch/jobs': (o) => ({ 'status.successful': int(obj(o.status).succeeded) }),
  '/events': eventFields,
  'events.k8s.io/events': eventFields,
  'certificates.k8s.io/certificatesigningrequests': (o) => ({ 'spec.signerName': str(obj(o.spec).signerName) }),
  'resource.k8s.io/resourceslices': (o) => ({ 'spec.nodeName': str(obj(o.spec).nodeName), 'spec.driver': str(obj(o.spec).driver) }),
};

/** The fields.Set an object is matched against: metadata.name, metadata.namespace and the kind's own labels. */
export function fieldSetFor(group: string, resource: string, object: unknown): FieldSet {
  const o = obj(object);
  const meta = obj(o.metadata);
  const own = PROJECTORS[`${group}/${resource}`]?.(o) ?? {};
  return { ...own, 'metadata.name': str(meta.name), 'metadata.namespace': str(meta.namespace) };
}
