/**
 * Traffic in plain words, for the Traffic tab: `kubectl created deployment default/web`,
 * `apiserver → deployment-controller: ADDED deployment web`, `apiserver → etcd: put /registry/…`.
 */
import type { TrafficView } from '../../protocol/messages';

const IRREGULAR: Record<string, string> = {
  endpoints: 'endpoints',
  ingresses: 'ingress',
  storageclasses: 'storageclass',
  ingressclasses: 'ingressclass',
  priorityclasses: 'priorityclass',
  runtimeclasses: 'runtimeclass',
  componentstatuses: 'componentstatus',
};

/** `deployments` → `deployment`, `networkpolicies` → `networkpolicy`. */
export function singular(plural: string): string {
  if (IRREGULAR[plural]) return IRREGULAR[plural];
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  if (plural.endsWith('sses')) return plural.slice(0, -2);
  if (plural.endsWith('s')) return plural.slice(0, -1);
  return plural;
}

const PAST: Record<string, string> = {
  create: 'created',
  update: 'updated',
  patch: 'patched',
  delete: 'deleted',
  deletecollection: 'deleted all',
  get: 'read',
  list: 'listed',
  watch: 'watched',
};

const short = (component: string) => (component === 'kube-apiserver' ? 'apiserver' : component);

function objectName(t: TrafficView): string {
  const kind = t.resource ? singular(t.resource) + (t.subresource ? `/${t.subresource}` : '') : 'object';
  if (!t.name) return t.namespace ? `${t.resource ?? 'objects'} in ${t.namespace}` : (t.resource ?? 'objects');
  return `${kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
}

export function narrate(t: TrafficView): string {
  if (t.kind === 'watch') {
    return `${short(t.from)} → ${t.to}: ${t.verb} ${t.resource ? singular(t.resource) : 'object'} ${t.name ?? ''}`.trimEnd();
  }
  if (t.kind === 'store') return `${short(t.from)} → ${t.to}: ${t.verb} ${t.path ?? ''}`.trimEnd();
  const what = objectName(t);
  if ((t.status ?? 0) >= 400) {
    return `${t.from} could not ${t.verb} ${what}: ${t.status}${t.reason ? ` ${t.reason}` : ''}`;
  }
  return `${t.from} ${PAST[t.verb] ?? t.verb} ${what}`;
}
