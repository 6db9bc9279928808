/**
 * Images a kind node image ships in containerd's store, so the control plane starts without pulling — and the
 * config of the one the registry catalog does not serve (the cloud-controller-manager of this simulated cloud).
 */
import { resolveImage, type ImageConfig } from '../runtime/images';
import { kubeComponentProgram } from '../runtime/programs/cluster';
import { CLOUD_CONTROLLER_MANAGER_IMAGE, ETCD_IMAGE, KUBERNETES_VERSION } from './static-pods';

export const PRELOADED_IMAGES = [
  ETCD_IMAGE,
  `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
  `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
  `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
  'registry.k8s.io/coredns/coredns:v1.11.3',
  'registry.k8s.io/pause:3.10',
];

/** The cloud-controller-manager image: built like the other control-plane binaries. */
export function preloadedImage(reference: string): ImageConfig | undefined {
  const repository = 'registry.k8s.io/cloud-provider-kind/cloud-controller-manager';
  if (!reference.startsWith(`${repository}:`)) return undefined;
  const base = resolveImage(`registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`);
  if (!base.ok) return undefined;
  const version = reference.split(':').pop() ?? 'v0.6.0';
  return {
    ...base.image,
    reference,
    repository,
    tag: version,
    version,
    imageId: base.image.imageId.replace(/.{8}$/, 'c10dc0de'),
    repoDigest: `${repository}@${base.image.repoDigest.split('@')[1]}`,
    bin: { '/usr/local/bin/cloud-controller-manager': kubeComponentProgram('cloud-controller-manager', version) },
    sizeBytes: 24_600_000,
  };
}

/** Fills a fresh machine's image store with what the node image ships. */
export function preloadedConfigs(): ImageConfig[] {
  const out: ImageConfig[] = [];
  for (const ref of PRELOADED_IMAGES) {
    const r = resolveImage(ref);
    if (r.ok) out.push(r.image);
  }
  const ccm = preloadedImage(CLOUD_CONTROLLER_MANAGER_IMAGE);
  if (ccm) out.push(ccm);
  return out;
}
