/**
 * The cluster's machines, as kind builds them: one control-plane node and `worker-1` … `worker-N`, each a
 * container on the `kind` docker network (172.18.0.N) with a /24 of the flannel pod network (10.244.N.0/24).
 * A NodeSpec is what the machine *is*; the kubelet running on it turns that into the Node object.
 */

/** Capacity of one machine, in the units Node.status.capacity uses. */
export interface MachineShape {
  cpu: string;
  memory: string;
  ephemeralStorage: string;
  pods: number;
}

export interface NodeSpec {
  name: string;
  role: 'control-plane' | 'worker';
  /** InternalIP on the node network. */
  internalIP: string;
  /** This node's slice of the cluster pod network. */
  podCIDR: string;
  shape: MachineShape;
  /** topology.kubernetes.io/zone (and region), when the cluster spreads nodes over zones. */
  zone?: string;
  region?: string;
  /** Extra labels (e.g. node pools). */
  labels?: Record<string, string>;
}

export interface TopologyOptions {
  /** Worker count (default 3). */
  workers?: number;
  /** Zones to spread workers over round-robin (the control plane sits in the first). */
  zones?: string[];
  region?: string;
  shape?: Partial<MachineShape>;
}

/** A kind node on a laptop: 8 cores, ~16 GiB, a 100 GiB disk. */
export const DEFAULT_SHAPE: MachineShape = { cpu: '8', memory: '16318808Ki', ephemeralStorage: '102626232Ki', pods: 110 };

export const CONTROL_PLANE_NODE = 'control-plane';
export const POD_NETWORK = '10.244.0.0/16';

export function defaultTopology(options: TopologyOptions = {}): NodeSpec[] {
  const workers = options.workers ?? 3;
  const shape = { ...DEFAULT_SHAPE, ...options.shape };
  const zones = options.zones ?? [];
  const region = zones.length ? (options.region ?? regionOf(zones[0])) : undefined;
  const zoneFor = (i: number) => (zones.length ? zones[i % zones.length] : undefined);
  const nodes: NodeSpec[] = [nodeSpec(CONTROL_PLANE_NODE, 'control-plane', 0, shape, zoneFor(0), region)];
  for (let i = 1; i <= workers; i++) nodes.push(nodeSpec(`worker-${i}`, 'worker', i, shape, zoneFor(i - 1), region));
  return nodes;
}

/** Worker i (1-based) of a cluster built with these options: what `kind` would make the i-th worker. */
export function workerSpec(index: number, options: TopologyOptions = {}): NodeSpec {
  const shape = { ...DEFAULT_SHAPE, ...options.shape };
  const zones = options.zones ?? [];
  const region = zones.length ? (options.region ?? regionOf(zones[0])) : undefined;
  return nodeSpec(`worker-${index}`, 'worker', index, shape, zones.length ? zones[(index - 1) % zones.length] : undefined, region);
}

/** Node i (0 = control plane): docker's kind network hands out 172.18.0.2 onwards (.1 is the bridge gateway). */
function nodeSpec(name: string, role: NodeSpec['role'], index: number, shape: MachineShape, zone?: string, region?: string): NodeSpec {
  const host = index + 2;
  const internalIP = host < 255 ? `172.18.0.${host}` : `172.18.${Math.floor(host / 254)}.${(host % 254) + 1}`;
  const podCIDR = index < 256 ? `10.244.${index}.0/24` : `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`;
  return { name, role, internalIP, podCIDR, shape, ...(zone ? { zone } : {}), ...(region ? { region } : {}) };
}

function regionOf(zone: string): string {
  // `us-east-1a` → `us-east-1`; anything else keeps its name.
  return /^(.*\d)[a-z]$/.exec(zone)?.[1] ?? zone;
}

/** The labels a kubelet registers its Node with (kubelet's initialNode plus kubeadm's role label). */
export function nodeLabels(spec: NodeSpec): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
  };
  if (spec.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  if (spec.zone) {
    labels['topology.kubernetes.io/zone'] = spec.zone;
  }
  if (spec.region) {
    labels['topology.kubernetes.io/region'] = spec.region;
  }
  return { ...labels, ...spec.labels };
}
