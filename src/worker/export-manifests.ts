/**
 * "Export manifests": what the user built, as one YAML bundle that `kubectl apply -f` accepts on a real cluster
 * (kind, minikube). Read through the API like any client; what the cluster made by itself is left out (objects
 * owned by a controller, system namespaces and their defaults, events, endpoints, leases), and so are fields the
 * cluster fills in (status, uid, resourceVersion, allocated IPs and ports, bound volume names).
 */
import type { ApiEndpoint } from '../engine/apiserver/types';
import type { ResourceRegistry } from '../engine/apiserver/registry';
import { collectionPath } from '../engine/kubectl/apply';
import { toYaml } from '../engine/kubectl/yaml-output';
import { UI_CLIENT } from './watched-resources';

type Obj = Record<string, any>;

/** In apply order: namespaces and config first, then workloads that use them. */
const EXPORTED = [
  'namespaces',
  'priorityclasses.scheduling.k8s.io',
  'storageclasses.storage.k8s.io',
  'resourcequotas',
  'limitranges',
  'serviceaccounts',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
  'configmaps',
  'secrets',
  'persistentvolumes',
  'persistentvolumeclaims',
  'services',
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'replicasets.apps',
  'replicationcontrollers',
  'jobs.batch',
  'cronjobs.batch',
  'pods',
  'horizontalpodautoscalers.autoscaling',
  'poddisruptionbudgets.policy',
  'ingresses.networking.k8s.io',
  'networkpolicies.networking.k8s.io',
];

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'kube-flannel', 'local-path-storage', 'default']);
const CLUSTER_MADE_NAMES = new Set(['kube-root-ca.crt', 'default', 'kubernetes', 'standard', 'system-cluster-critical', 'system-node-critical']);
const GENERATED_ANNOTATIONS = [/^kubectl\.kubernetes\.io\/last-applied-configuration$/, /^deployment\.kubernetes\.io\//, /^pv\.kubernetes\.io\//, /^volume\.kubernetes\.io\//, /^volume\.beta\.kubernetes\.io\//, /^autoscaling\.alpha\.kubernetes\.io\//];

function madeByCluster(plural: string, o: Obj): boolean {
  const md = o.metadata ?? {};
  if (md.ownerReferences?.length) return true;
  if (plural === 'namespaces') return SYSTEM_NAMESPACES.has(md.name);
  if (md.namespace && SYSTEM_NAMESPACES.has(md.namespace) && md.namespace !== 'default') return true;
  if (CLUSTER_MADE_NAMES.has(md.name) && (plural === 'configmaps' || plural === 'serviceaccounts' || plural === 'services' || plural === 'storageclasses' || plural === 'priorityclasses')) return true;
  if (plural === 'persistentvolumes' && md.annotations?.['pv.kubernetes.io/provisioned-by']) return true;
  if (plural === 'secrets' && o.type === 'kubernetes.io/service-account-token') return true;
  return false;
}

function clean(plural: string, o: Obj): Obj {
  const out = structuredClone(o);
  delete out.status;
  const md = out.metadata;
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'finalizers', 'deletionTimestamp', 'deletionGracePeriodSeconds']) delete md[k];
  if (md.annotations) {
    for (const k of Object.keys(md.annotations)) if (GENERATED_ANNOTATIONS.some((re) => re.test(k))) delete md.annotations[k];
    if (Object.keys(md.annotations).length === 0) delete md.annotations;
  }
  if (plural === 'services' && out.spec) {
    delete out.spec.clusterIP;
    delete out.spec.clusterIPs;
    for (const p of out.spec.ports ?? []) delete p.nodePort;
  }
  if (plural === 'persistentvolumeclaims' && out.spec) delete out.spec.volumeName;
  if (plural === 'pods' && out.spec) delete out.spec.nodeName;
  return out;
}

export function exportManifests(api: ApiEndpoint, registry: ResourceRegistry): string {
  const docs: string[] = [];
  for (const name of EXPORTED) {
    const r = registry.resolve(name);
    if (!r) continue;
    const res = api.request({ method: 'GET', path: collectionPath({ ...r, namespaced: false }, ''), client: UI_CLIENT });
    if (res.status !== 200) continue;
    const list = res.body as Obj;
    const apiVersion = list.apiVersion as string;
    const items = ((list.items ?? []) as Obj[]).filter((o) => !madeByCluster(r.plural, o));
    items.sort((a, b) => `${a.metadata?.namespace ?? ''}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace ?? ''}/${b.metadata?.name}`));
    for (const o of items) docs.push(toYaml({ apiVersion, kind: r.kind, ...clean(r.plural, o) }));
  }
  const header = '# Exported from Pilothouse: apply to a real cluster with `kubectl apply -f pilothouse-manifests.yaml`.\n';
  return docs.length === 0 ? `${header}# (nothing to export: no objects were created yet)\n` : header + docs.map((d) => `---\n${d}`).join('');
}
