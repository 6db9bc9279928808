import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';

const limits = `
apiVersion: v1
kind: LimitRange
metadata: {name: cpu-mem}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 200m}
    max: {cpu: "1"}
    min: {cpu: 100m}
  - type: PersistentVolumeClaim
    max: {storage: 5Gi}
`;

const create = (cluster: ReturnType<typeof createCluster>, body: object) =>
  cluster.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', ...body } });

describe('LimitRanger admission', () => {
  it('defaults container requests and limits and says so in an annotation', () => {
    const cluster = createCluster();
    cluster.apply(limits);
    const res = create(cluster, { metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }, { name: 'side', image: 'busybox', resources: { requests: { cpu: '300m' } } }] } });
    expect(res.status).toBe(201);
    const pod = cluster.get('pod', 'web')!;
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '200m', memory: '256Mi' } });
    expect(pod.spec.containers[1].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '300m', memory: '256Mi' } });
    expect(pod.metadata.annotations['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx; memory request for container side; cpu, memory limit for container side',
    );
    expect(pod.status.qosClass).toBe('Burstable');
  });

  it('enforces max and min with upstream messages', () => {
    const cluster = createCluster();
    cluster.apply(limits);
    const tooBig = create(cluster, { metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: '2' } } }] } });
    expect(tooBig.status).toBe(403);
    // The default request (200m) is taken, the limit is the user's.
    expect((tooBig.body as any).message).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');

    const both = create(cluster, { metadata: { name: 'both' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '50m' }, limits: { cpu: '2' } } }] } });
    expect((both.body as any).message).toBe(
      'pods "both" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum cpu usage per Container is 1, but limit is 2]',
    );

    const claim = cluster.apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: big}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
`);
    expect(claim.outcomes[0].error).toContain('persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi');
  });

  it('leaves namespaces without LimitRanges alone', () => {
    const cluster = createCluster();
    expect(create(cluster, { metadata: { name: 'plain' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }).status).toBe(201);
    expect(cluster.get('pod', 'plain')!.metadata.annotations?.['kubernetes.io/limit-ranger']).toBeUndefined();
    expect(cluster.get('pod', 'plain')!.status.qosClass).toBe('BestEffort');
  });
});
