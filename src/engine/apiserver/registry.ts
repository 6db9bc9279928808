/**
 * The resource registry: every kind the apiserver serves, with its group, version, names and scope.
 *
 * The list of resources, their verbs and subresources is generated from the upstream 1.32 OpenAPI document
 * (scripts/gen-api-resources.mjs); short names and categories, which OpenAPI does not carry, come from the
 * upstream REST storage of each kind (pkg/registry/<group>/<kind>/storage). Adding a kind is one `register` call.
 */
import generated from './openapi/generated/resources.json';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface SubresourceInfo {
  name: string;
  verbs: string[];
  /** The kind the subresource reads and writes (Scale for /scale, Eviction for /eviction …). */
  kind?: GroupVersionKind;
}

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  verbs: string[];
  subresources: SubresourceInfo[];
  /** The version objects of this resource are stored in; requests in other versions are converted. */
  storageVersion: string;
  /** Kinds served by an aggregated API with its own storage (not the simulated etcd). */
  aggregated?: boolean;
}

/** `kubectl api-resources` facts that OpenAPI does not carry. */
const SHORT_NAMES: Record<string, string[]> = {
  componentstatuses: ['cs'],
  configmaps: ['cm'],
  endpoints: ['ep'],
  'events/': ['ev'],
  'events/events.k8s.io': ['ev'],
  limitranges: ['limits'],
  namespaces: ['ns'],
  nodes: ['no'],
  persistentvolumeclaims: ['pvc'],
  persistentvolumes: ['pv'],
  pods: ['po'],
  replicationcontrollers: ['rc'],
  resourcequotas: ['quota'],
  serviceaccounts: ['sa'],
  services: ['svc'],
  customresourcedefinitions: ['crd', 'crds'],
  daemonsets: ['ds'],
  deployments: ['deploy'],
  replicasets: ['rs'],
  statefulsets: ['sts'],
  horizontalpodautoscalers: ['hpa'],
  cronjobs: ['cj'],
  certificatesigningrequests: ['csr'],
  ingresses: ['ing'],
  networkpolicies: ['netpol'],
  poddisruptionbudgets: ['pdb'],
  priorityclasses: ['pc'],
  storageclasses: ['sc'],
};

const CATEGORIES: Record<string, string[]> = {
  pods: ['all'],
  replicationcontrollers: ['all'],
  services: ['all'],
  daemonsets: ['all'],
  deployments: ['all'],
  replicasets: ['all'],
  statefulsets: ['all'],
  horizontalpodautoscalers: ['all'],
  cronjobs: ['all'],
  jobs: ['all'],
  mutatingwebhookconfigurations: ['api-extensions'],
  validatingwebhookconfigurations: ['api-extensions'],
  validatingadmissionpolicies: ['api-extensions'],
  validatingadmissionpolicybindings: ['api-extensions'],
  customresourcedefinitions: ['api-extensions'],
  apiservices: ['api-extensions'],
};

/** Where a group serves several versions, the one objects are stored in (and discovery prefers). */
const STORAGE_VERSION: Record<string, string> = { autoscaling: 'v2' };

export class ResourceRegistry {
  private all: ResourceInfo[] = [];
  private byGVR = new Map<string, ResourceInfo>();

  register(info: Omit<ResourceInfo, 'listKind' | 'singular' | 'storageVersion'> & Partial<ResourceInfo>): ResourceInfo {
    const full: ResourceInfo = {
      listKind: `${info.kind}List`,
      singular: info.kind.toLowerCase(),
      storageVersion: STORAGE_VERSION[info.group] ?? info.version,
      ...info,
    };
    this.all.push(full);
    this.byGVR.set(`${full.group}/${full.version}/${full.plural}`, full);
    return full;
  }

  /** The resource served at `/apis/<group>/<version>/<plural>`. */
  get(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.byGVR.get(`${group}/${version}/${plural}`);
  }

  list(): readonly ResourceInfo[] {
    return this.all;
  }

  /** Group → served versions, preferred first. */
  groups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const r of this.all) {
      const versions = groups.get(r.group) ?? [];
      if (!versions.includes(r.version)) versions.push(r.version);
      groups.set(r.group, versions);
    }
    for (const [group, versions] of groups) {
      const preferred = STORAGE_VERSION[group];
      versions.sort((a, b) => (a === preferred ? -1 : b === preferred ? 1 : a.localeCompare(b)));
    }
    return groups;
  }

  /** The preferred-version resource for a kind (`Deployment`) or a name kubectl accepts (`deploy`, `deployments.apps`). */
  resolve(nameOrKind: string): ResourceInfo | undefined {
    const lower = nameOrKind.toLowerCase();
    const [name, ...groupParts] = lower.split('.');
    const group = groupParts.join('.');
    const candidates = this.all.filter(
      (r) =>
        (groupParts.length === 0 || r.group === group) &&
        (r.plural === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name),
    );
    // Core group first (as kubectl's priority), then the preferred version.
    candidates.sort((a, b) => (a.group === '' ? -1 : b.group === '' ? 1 : 0) || (a.version === a.storageVersion ? -1 : 1));
    return candidates[0];
  }

  /** The resource for a gvk, as objects name it in apiVersion + kind. */
  forKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    return this.all.find((r) => r.group === group && r.version === version && r.kind === kind);
  }
}

/** Splits `apps/v1` into group and version; `v1` is the core group. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The registry of a Kubernetes 1.32 cluster's built-in resources. */
export function kubernetesRegistry(): ResourceRegistry {
  const registry = new ResourceRegistry();
  for (const r of generated as Array<Omit<ResourceInfo, 'listKind' | 'singular' | 'shortNames' | 'categories' | 'storageVersion'>>) {
    const shortNames = SHORT_NAMES[`${r.plural}/${r.group}`] ?? SHORT_NAMES[r.plural] ?? [];
    registry.register({ ...r, shortNames, categories: CATEGORIES[r.plural] ?? [] });
  }
  return registry;
}
