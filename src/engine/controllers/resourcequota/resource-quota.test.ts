import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';

const pod = (name: string, resources: string) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - name: nginx
    image: nginx
    resources: ${resources}
`;

function createPod(cluster: ReturnType<typeof createCluster>, yaml: string) {
  return cluster.kubectl('apply -f -', { stdin: yaml });
}

describe('ResourceQuota: controller and admission', () => {
  it('computes status.used and rejects what exceeds the quota with upstream messages', () => {
    const cluster = createCluster();
    cluster.apply(`
apiVersion: v1
kind: ResourceQuota
metadata: {name: compute-quota}
spec:
  hard:
    requests.cpu: "2"
    requests.memory: 2Gi
    limits.cpu: "4"
    pods: "10"
    count/deployments.apps: "1"
    services: "2"
    services.nodeports: "1"
    configmaps: "5"
`);
    cluster.advance(500);
    let quota = cluster.get('resourcequota', 'compute-quota')!;
    expect(quota.status.hard).toEqual({
      'requests.cpu': '2',
      'requests.memory': '2Gi',
      'limits.cpu': '4',
      pods: '10',
      'count/deployments.apps': '1',
      services: '2',
      'services.nodeports': '1',
      configmaps: '5',
    });
    // The kubernetes Service and the root CA ConfigMap already count.
    expect(quota.status.used).toMatchObject({ 'requests.cpu': '0', pods: '0', services: '1', 'services.nodeports': '0', configmaps: '1', 'count/deployments.apps': '0' });

    for (const [name, cpu] of [['a', '1'], ['b', '500m']]) {
      const res = createPod(cluster, pod(name, `{requests: {cpu: "${cpu}", memory: 256Mi}, limits: {cpu: "${cpu}"}}`));
      expect(res.exitCode, res.stderr).toBe(0);
    }
    cluster.advance(100);
    quota = cluster.get('resourcequota', 'compute-quota')!;
    expect(quota.status.used).toMatchObject({ 'requests.cpu': '1500m', 'requests.memory': '512Mi', 'limits.cpu': '1500m', pods: '2' });

    const over = cluster.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '600m', memory: '1Mi' }, limits: { cpu: '600m' } } }] } },
    });
    expect(over.status).toBe(403);
    expect((over.body as any).message).toBe(
      'pods "x" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=600m, used: requests.cpu=1500m, limited: requests.cpu=2',
    );
    expect((over.body as any).reason).toBe('Forbidden');

    const unspecified = createPod(cluster, pod('bare', '{}'));
    expect(unspecified.stderr.trim()).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "bare" is forbidden: failed quota: compute-quota: must specify limits.cpu for: nginx; requests.cpu for: nginx; requests.memory for: nginx',
    );

    // A second Deployment and a second NodePort exceed their object counts.
    cluster.kubectl('create deployment one --image=nginx');
    const two = cluster.kubectl('create deployment two --image=nginx');
    expect(two.stderr.trim()).toContain(
      'deployments.apps "two" is forbidden: exceeded quota: compute-quota, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    cluster.advance(100);
    expect(cluster.get('resourcequota', 'compute-quota')!.status.used['count/deployments.apps']).toBe('1');

    // Deleting a pod gives its share back.
    cluster.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/a', body: { gracePeriodSeconds: 0 } });
    cluster.advance(100);
    expect(cluster.get('resourcequota', 'compute-quota')!.status.used).toMatchObject({ 'requests.cpu': '500m', pods: '1' });
  });

  it('starts enforcing once the controller has filled in status.hard', () => {
    const cluster = createCluster();
    const res = cluster.apply(`
apiVersion: v1
kind: ResourceQuota
metadata: {name: objects}
spec: {hard: {configmaps: "2"}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: early}
`);
    // Admitted: a quota without status.hard covers nothing yet (as upstream).
    expect(res.outcomes[1].action).toBe('created');
    cluster.advance(100);
    expect(cluster.get('quota', 'objects')!.status.used).toEqual({ configmaps: '2' });
    const late = cluster.kubectl('create configmap late');
    expect(late.stderr.trim()).toContain('configmaps "late" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=2, limited: configmaps=2');
  });

  it('scopes: a BestEffort quota counts only pods without requests', () => {
    const cluster = createCluster();
    cluster.apply(`
apiVersion: v1
kind: ResourceQuota
metadata: {name: best-effort}
spec: {hard: {pods: "1"}, scopes: [BestEffort]}
`);
    cluster.advance(100);
    expect(createPod(cluster, pod('guaranteed', '{requests: {cpu: 100m}, limits: {cpu: 100m}}')).exitCode).toBe(0);
    expect(createPod(cluster, pod('be1', '{}')).exitCode).toBe(0);
    const second = createPod(cluster, pod('be2', '{}'));
    expect(second.stderr).toContain('pods "be2" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1');
  });
});
