/**
 * The kubelet's volume manager for one pod: each volume of the spec becomes a runtime Volume that lives as long as
 * the pod on this node (so files written to an emptyDir survive container restarts, while the container's own
 * layer does not). ConfigMap, Secret, downward API and projected volumes are filled from the API; a missing source
 * fails the mount with the kubelet's `MountVolume.SetUp failed …` wording.
 */
import type { Container, Pod, Volume as PodVolume, KeyToPath } from 'kubernetes-types/core/v1';
import { Volume } from '../runtime/fs/volume';
import type { Mount } from '../runtime/fs/container-fs';
import { configMapData, fieldValue, secretData, type ConfigSource, type PodFacts } from './container-config';

/** Storage on the machine itself (hostPath, local PVs): outlives pods, lost only with the machine's disk. */
export class HostDisk {
  private readonly volumes = new Map<string, Volume>();

  at(path: string): Volume {
    let v = this.volumes.get(path);
    if (!v) this.volumes.set(path, (v = new Volume()));
    return v;
  }
}

export type MountResult = { ok: true; volumes: Map<string, Volume> } | { ok: false; volume: string; message: string };

function project(data: Record<string, string>, items: KeyToPath[] | undefined): Record<string, string> | { missing: string } {
  if (!items || items.length === 0) return data;
  const out: Record<string, string> = {};
  for (const it of items) {
    if (!(it.key in data)) return { missing: it.key };
    out[it.path] = data[it.key];
  }
  return out;
}

/** Sets up every volume of the pod (SetUp); the first failure stops the pod in ContainerCreating. */
export function setUpVolumes(pod: Pod, source: ConfigSource, host: HostDisk, facts: PodFacts, existing?: Map<string, Volume>): MountResult {
  const namespace = pod.metadata?.namespace ?? 'default';
  const out = new Map<string, Volume>();
  for (const v of pod.spec?.volumes ?? []) {
    const kept = existing?.get(v.name);
    if (kept && (v.emptyDir || v.hostPath || v.persistentVolumeClaim || v.ephemeral)) {
      out.set(v.name, kept);
      continue;
    }
    const r = setUpOne(v, namespace, pod, source, host, facts);
    if ('message' in r) return { ok: false, volume: v.name, message: r.message };
    out.set(v.name, r.volume);
  }
  return { ok: true, volumes: out };
}

function setUpOne(v: PodVolume, namespace: string, pod: Pod, source: ConfigSource, host: HostDisk, facts: PodFacts): { volume: Volume } | { message: string } {
  const fail = (why: string) => ({ message: `MountVolume.SetUp failed for volume ${JSON.stringify(v.name)} : ${why}` });
  if (v.configMap) {
    const cm = source.configMap(namespace, v.configMap.name ?? '');
    if (!cm) return v.configMap.optional ? { volume: new Volume(true) } : fail(`configmap ${JSON.stringify(v.configMap.name ?? '')} not found`);
    const files = project(configMapData(cm), v.configMap.items);
    if ('missing' in files) return fail(`configmap references non-existent config key: ${files.missing}`);
    return { volume: Volume.fromFiles(files as Record<string, string>, { readOnly: true }) };
  }
  if (v.secret) {
    const s = source.secret(namespace, v.secret.secretName ?? '');
    if (!s) return v.secret.optional ? { volume: new Volume(true) } : fail(`secret ${JSON.stringify(v.secret.secretName ?? '')} not found`);
    const files = project(secretData(s), v.secret.items);
    if ('missing' in files) return fail(`references non-existent secret key: ${files.missing}`);
    return { volume: Volume.fromFiles(files as Record<string, string>, { readOnly: true }) };
  }
  if (v.hostPath) return { volume: host.at(v.hostPath.path) };
  if (v.persistentVolumeClaim) {
    const claimName = v.persistentVolumeClaim.claimName;
    if (source.persistentVolumeClaim) {
      // The volume manager mounts only bound claims; until then the pod waits in ContainerCreating.
      const unprocessed = (why: string) => ({
        message: `Unable to attach or mount volumes: unmounted volumes=[${v.name}], unattached volumes=[], failed to process volumes=[${v.name}]: error processing PVC ${namespace}/${claimName}: ${why}`,
      });
      const claim = source.persistentVolumeClaim(namespace, claimName);
      if (!claim) return unprocessed(`failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`);
      if (claim.status?.phase !== 'Bound' || !claim.spec?.volumeName) return unprocessed('PVC is not bound');
      return { volume: host.at(`/var/lib/kubelet/pods/volumes/kubernetes.io~local-volume/${claim.spec.volumeName}`) };
    }
    return { volume: host.at(`/var/lib/kubelet/pvc/${namespace}/${claimName}`) };
  }
  if (v.downwardAPI) {
    const files: Record<string, string> = {};
    for (const it of v.downwardAPI.items ?? []) if (it.fieldRef) files[it.path] = fieldValue(pod, it.fieldRef.fieldPath, facts);
    return { volume: Volume.fromFiles(files, { readOnly: true }) };
  }
  if (v.projected) {
    const files: Record<string, string> = {};
    for (const src of v.projected.sources ?? []) {
      if (src.serviceAccountToken) files[src.serviceAccountToken.path] = serviceAccountToken(pod);
      if (src.configMap) {
        const cm = source.configMap(namespace, src.configMap.name ?? '');
        if (!cm) {
          if (src.configMap.optional) continue;
          return fail(`configmap ${JSON.stringify(src.configMap.name ?? '')} not found`);
        }
        const picked = project(configMapData(cm), src.configMap.items);
        if ('missing' in picked) return fail(`configmap references non-existent config key: ${picked.missing}`);
        Object.assign(files, picked);
      }
      if (src.secret) {
        const s = source.secret(namespace, src.secret.name ?? '');
        if (!s) {
          if (src.secret.optional) continue;
          return fail(`secret ${JSON.stringify(src.secret.name ?? '')} not found`);
        }
        const picked = project(secretData(s), src.secret.items);
        if ('missing' in picked) return fail(`references non-existent secret key: ${picked.missing}`);
        Object.assign(files, picked);
      }
      if (src.downwardAPI) for (const it of src.downwardAPI.items ?? []) if (it.fieldRef) files[it.path] = fieldValue(pod, it.fieldRef.fieldPath, facts);
    }
    return { volume: Volume.fromFiles(files, { readOnly: true }) };
  }
  // emptyDir, ephemeral and anything not modelled: an empty writable directory owned by the pod.
  return { volume: new Volume() };
}

/** A token-shaped string (header.payload.signature); nothing verifies it in the simulation. */
function serviceAccountToken(pod: Pod): string {
  const payload = btoa(JSON.stringify({ sub: `system:serviceaccount:${pod.metadata?.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` })).replace(/=+$/, '');
  return `eyJhbGciOiJSUzI1NiJ9.${payload}.c2lnbmF0dXJl`;
}

/** The mounts of one container over the pod's volumes (the service-account token path included). */
export function containerMounts(container: Container, volumes: Map<string, Volume>): Mount[] {
  const mounts: Mount[] = [];
  for (const m of container.volumeMounts ?? []) {
    const volume = volumes.get(m.name);
    if (!volume) continue;
    mounts.push({ path: m.mountPath, volume, ...(m.subPath ? { subPath: m.subPath } : {}), readOnly: !!m.readOnly || volume.readOnly });
  }
  return mounts;
}
