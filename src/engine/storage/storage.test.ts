import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';
import { ANN_SELECTED_NODE } from '../controllers/persistentvolume/annotations';

/**
 * TEST DOUBLE for the scheduler's VolumeBinding PreBind, used only when the real scheduler does not yet write
 * `volume.kubernetes.io/selected-node`: once the pod has a node, it annotates the pod's unbound claims with it,
 * as PreBind does before binding. Everything downstream (binder, provisioner, protection) is real.
 */
function selectNodeForClaimsIfSchedulerDidNot(cluster: Cluster, pod: string, namespace = 'default'): boolean {
  const node = cluster.get('pod', pod, namespace)?.spec?.nodeName;
  if (!node) return false;
  let acted = false;
  for (const v of cluster.get('pod', pod, namespace)?.spec?.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    const pvc = claim && cluster.get('pvc', claim, namespace);
    if (!pvc || pvc.spec?.volumeName || pvc.metadata?.annotations?.[ANN_SELECTED_NODE]) continue;
    const res = cluster.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${claim}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { annotations: { [ANN_SELECTED_NODE]: node } } },
      client: 'kube-scheduler',
    });
    expect(res.status).toBe(200);
    acted = true;
  }
  return acted;
}

const events = (cluster: Cluster, kind: string, name: string) =>
  cluster
    .list('events', 'default')
    .filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name)
    .map((e) => ({ reason: e.reason, message: e.message, from: e.source?.component }));

describe('kind storage: standard class, local-path provisioner, PV binder', () => {
  it('ships the default StorageClass as kind does', () => {
    const cluster = createCluster();
    const sc = cluster.get('storageclass', 'standard', '')!;
    expect(sc.provisioner).toBe('rancher.io/local-path');
    expect(sc.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBe('true');
    expect(sc.volumeBindingMode).toBe('WaitForFirstConsumer');
    expect(sc.reclaimPolicy).toBe('Delete');
  });

  it('binds a default-class claim to a provisioned volume once its pod is scheduled', () => {
    const cluster = createCluster({ seed: 7, workers: 2 });
    cluster.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`);
    cluster.advance(1000);
    let pvc = cluster.get('pvc', 'data')!;
    expect(pvc.spec.storageClassName).toBe('standard');
    expect(pvc.status.phase).toBe('Pending');
    expect(events(cluster, 'PersistentVolumeClaim', 'data')).toContainEqual({
      reason: 'WaitForFirstConsumer',
      message: 'waiting for first consumer to be created before binding',
      from: 'persistentvolume-controller',
    });

    cluster.apply(`
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  containers: [{name: app, image: nginx}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
`);
    cluster.advance(500);
    const node = cluster.get('pod', 'app')?.spec?.nodeName;
    if (!cluster.get('pvc', 'data')!.metadata.annotations?.[ANN_SELECTED_NODE]) selectNodeForClaimsIfSchedulerDidNot(cluster, 'app');
    cluster.advance(500);
    pvc = cluster.get('pvc', 'data')!;
    expect(pvc.metadata.annotations).toMatchObject({
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    const selected = pvc.metadata.annotations[ANN_SELECTED_NODE];
    expect(selected).toBeTruthy();
    if (node) expect(selected).toBe(node);
    expect(events(cluster, 'PersistentVolumeClaim', 'data').map((e) => e.reason)).toContain('ExternalProvisioning');
    expect(events(cluster, 'PersistentVolumeClaim', 'data')).toContainEqual({
      reason: 'ExternalProvisioning',
      message:
        "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      from: 'persistentvolume-controller',
    });
    expect(pvc.status.phase).toBe('Pending');

    cluster.advance(5000);
    pvc = cluster.get('pvc', 'data')!;
    const pvName = `pvc-${pvc.metadata.uid}`;
    expect(pvc.status).toMatchObject({ phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] });
    expect(pvc.spec.volumeName).toBe(pvName);
    expect(pvc.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const pv = cluster.get('pv', pvName, '')!;
    expect(pv.status.phase).toBe('Bound');
    expect(pv.metadata.annotations['pv.kubernetes.io/provisioned-by']).toBe('rancher.io/local-path');
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pv.spec).toMatchObject({
      storageClassName: 'standard',
      persistentVolumeReclaimPolicy: 'Delete',
      hostPath: { path: `/var/local-path-provisioner/${pvName}_default_data`, type: 'DirectoryOrCreate' },
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: pvc.metadata.uid },
    });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: [selected] });
    const provisionerEvents = events(cluster, 'PersistentVolumeClaim', 'data').filter((e) => e.from?.startsWith('rancher.io/local-path_local-path-provisioner-'));
    expect(provisionerEvents.map((e) => [e.reason, e.message])).toEqual([
      ['Provisioning', 'External provisioner is provisioning volume for claim "default/data"'],
      ['ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`],
    ]);
  });

  it('keeps a claim in use by a pod, then deletes the provisioned volume with it (reclaim Delete)', () => {
    const cluster = createCluster({ seed: 3, workers: 1 });
    cluster.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}
---
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  containers: [{name: app, image: nginx}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
`);
    cluster.advance(500);
    selectNodeForClaimsIfSchedulerDidNot(cluster, 'app');
    cluster.advance(6000);
    const pvName = cluster.get('pvc', 'data')!.spec.volumeName;
    expect(pvName).toMatch(/^pvc-/);

    cluster.kubectl('delete pvc data --wait=false');
    cluster.advance(1000);
    const terminating = cluster.get('pvc', 'data')!;
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(terminating.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);

    cluster.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/app', body: { gracePeriodSeconds: 0 } });
    cluster.advance(1000);
    expect(cluster.get('pvc', 'data')).toBeUndefined();
    cluster.advance(3000);
    expect(cluster.get('pv', pvName, '')).toBeUndefined();
  });

  it('binds an Immediate-class claim to the smallest pre-created volume that fits', () => {
    const cluster = createCluster();
    cluster.apply(`
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: manual}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: Immediate
reclaimPolicy: Retain
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: big}
spec:
  storageClassName: manual
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data/big}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: small}
spec:
  storageClassName: manual
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  hostPath: {path: /data/small}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: tiny}
spec:
  storageClassName: manual
  capacity: {storage: 500Mi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data/tiny}
`);
    cluster.advance(100);
    expect(cluster.get('pv', 'small', '')!.status.phase).toBe('Available');
    cluster.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: claim}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    cluster.advance(100);
    const pvc = cluster.get('pvc', 'claim')!;
    expect(pvc.spec.volumeName).toBe('small');
    expect(pvc.status).toMatchObject({ phase: 'Bound', capacity: { storage: '5Gi' } });
    const pv = cluster.get('pv', 'small', '')!;
    expect(pv.status.phase).toBe('Bound');
    expect(pv.metadata.annotations['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(pv.spec.claimRef).toMatchObject({ name: 'claim', namespace: 'default', uid: pvc.metadata.uid });
    expect(cluster.kubectl('get pv').stdout).toMatch(/small\s+5Gi\s+RWO\s+Retain\s+Bound\s+default\/claim\s+manual/);

    // A claim nothing fits, in a class without a provisioner.
    cluster.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: huge}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 50Gi}}}
`);
    cluster.advance(100);
    expect(events(cluster, 'PersistentVolumeClaim', 'huge')).toContainEqual({
      reason: 'ProvisioningFailed',
      message: 'no volume plugin matched name: kubernetes.io/no-provisioner',
      from: 'persistentvolume-controller',
    });

    // Deleting the claim releases a Retain volume and keeps it.
    cluster.kubectl('delete pvc claim');
    cluster.advance(1000);
    expect(cluster.get('pvc', 'claim')).toBeUndefined();
    expect(cluster.get('pv', 'small', '')!.status.phase).toBe('Released');
  });

  it('honours a claim pre-bound by volumeName and reports a volume that is too small', () => {
    const cluster = createCluster();
    cluster.apply(`
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec: {storageClassName: "", capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /tmp/pv1}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: wants-pv1}
spec: {storageClassName: "", volumeName: pv1, accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}
`);
    cluster.advance(100);
    expect(cluster.get('pvc', 'wants-pv1')!.status.phase).toBe('Pending');
    expect(events(cluster, 'PersistentVolumeClaim', 'wants-pv1')).toContainEqual({
      reason: 'VolumeMismatch',
      message: 'Cannot bind to requested volume "pv1": requested PV is too small',
      from: 'persistentvolume-controller',
    });
    cluster.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: fits}
spec: {storageClassName: "", volumeName: pv1, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    cluster.advance(100);
    const fits = cluster.get('pvc', 'fits')!;
    expect(fits.status.phase).toBe('Bound');
    // Pre-bound by the user: only bind-completed is added.
    expect(fits.metadata.annotations['pv.kubernetes.io/bind-completed']).toBe('yes');
    expect(fits.metadata.annotations['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
  });
});
