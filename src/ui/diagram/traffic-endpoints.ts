/** Which diagram place a traffic endpoint (a client or component name) is drawn at. */
import type { Anchor, Rect } from './layout';

/** Controllers that run in the cloud-controller-manager rather than the kube-controller-manager. */
const CLOUD_CONTROLLERS = new Set(['cloud-node-controller', 'cloud-node-lifecycle-controller', 'service-controller', 'service-lb-controller', 'route-controller']);

export function endpointPlace(name: string): string {
  if (name === 'kube-apiserver' || name === 'etcd' || name === 'kube-scheduler' || name === 'kube-controller-manager' || name === 'cloud-controller-manager') {
    return name satisfies Anchor;
  }
  if (name === 'default-scheduler') return 'kube-scheduler';
  if (CLOUD_CONTROLLERS.has(name)) return 'cloud-controller-manager';
  if (name.endsWith('-controller') || name.startsWith('system:serviceaccount:kube-system:')) return 'kube-controller-manager';
  if (name.startsWith('system:node:')) return `node/${name.slice('system:node:'.length)}`;
  if (name.startsWith('kubelet/')) return `node/${name.slice('kubelet/'.length)}`;
  return 'users';
}

/** The rectangle for a name: its node card when the name is a known node (kubelets talk as the node). */
export function rectFor(name: string, places: ReadonlyMap<string, Rect>): Rect | undefined {
  const place = endpointPlace(name);
  if (place === 'users' && places.has(`node/${name}`)) return places.get(`node/${name}`);
  return places.get(place) ?? places.get('users');
}
