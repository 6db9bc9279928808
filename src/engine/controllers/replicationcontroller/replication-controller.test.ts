import { describe, expect, it } from 'vitest';
import { workloadCluster } from '../deployment/test-helpers';

describe('ReplicationController manager', () => {
  it('keeps an RC at its size with the RC as controller, and scales down', () => {
    const c = workloadCluster(31, {}, ['serviceaccount', 'replicationcontroller']);
    c.apply(`
apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  replicas: 3
  selector: {app: legacy}
  template:
    metadata: {labels: {app: legacy}}
    spec: {containers: [{name: c, image: nginx}]}
`);
    c.advance(5000);
    const rc = c.get('rc', 'legacy')!;
    const pods = c.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^legacy-\w{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(rc.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    c.request({ method: 'PATCH', path: '/api/v1/namespaces/default/replicationcontrollers/legacy/scale', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { replicas: 1 } } });
    c.advance(5000);
    expect(c.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
    const deleted = c.list('events', 'default').filter((e) => e.reason === 'SuccessfulDelete');
    expect(deleted).toHaveLength(2);
    expect(deleted[0].source).toEqual({ component: 'replication-controller' });
  });
});
