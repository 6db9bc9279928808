/**
 * Where kube-apiserver keeps each resource in etcd: `/registry/<prefix>/<namespace>/<name>`, or
 * `/registry/<prefix>/<name>` for cluster-scoped kinds.
 *
 * The prefix is the plural resource name, except for the handful that upstream renamed before the names settled
 * (SpecialDefaultResourcePrefixes in pkg/kubeapiserver/default_storage_factory_builder.go), and for the groups
 * served by apiextensions-apiserver and kube-aggregator — and every custom resource — which prefix the group.
 */
export const REGISTRY_ROOT = '/registry';

const SPECIAL_PREFIXES: Record<string, string> = {
  '/replicationcontrollers': 'controllers',
  '/endpoints': 'services/endpoints',
  '/nodes': 'minions',
  '/services': 'services/specs',
  'extensions/ingresses': 'ingress',
  'networking.k8s.io/ingresses': 'ingress',
  'extensions/podsecuritypolicies': 'podsecuritypolicy',
  'policy/podsecuritypolicies': 'podsecuritypolicy',
};

/** API groups whose objects kube-apiserver itself stores, keyed by resource alone. */
const BUILT_IN_GROUPS = new Set([
  '',
  'admissionregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** The key prefix of a resource, with a trailing slash: `/registry/pods/`, `/registry/services/specs/`. */
export function resourcePrefix(group: string, resource: string): string {
  const special = SPECIAL_PREFIXES[`${group}/${resource}`];
  if (special) return `${REGISTRY_ROOT}/${special}/`;
  // apiextensions.k8s.io (CRDs), apiregistration.k8s.io (APIServices) and custom resources carry their group.
  if (!BUILT_IN_GROUPS.has(group)) return `${REGISTRY_ROOT}/${group}/${resource}/`;
  return `${REGISTRY_ROOT}/${resource}/`;
}

/**
 * The etcd key of one object. An empty namespace means cluster-scoped. Omit `name` for the prefix that lists a
 * namespace (`/registry/pods/default/`); omit both for the whole resource.
 */
export function registryKey(group: string, resource: string, namespace = '', name?: string): string {
  let key = resourcePrefix(group, resource);
  if (namespace) key += `${namespace}/`;
  return name === undefined ? key : key + name;
}
