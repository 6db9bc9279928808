import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
        resources: {requests: {cpu: 200m}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
`;

const rescales = (cluster: Cluster) =>
  cluster
    .list('events', 'default')
    .filter((e) => e.reason === 'SuccessfulRescale')
    .map((e) => e.message);

const condition = (hpa: any, type: string) => hpa.status.conditions.find((c: any) => c.type === type);

describe('metrics-server and the HorizontalPodAutoscaler', () => {
  it('serves metrics.k8s.io from the kubelets, in metrics-server format', () => {
    const cluster = createCluster({ workers: 1 });
    cluster.apply(deployment.split('---')[0]);
    cluster.advance(60_000);
    const nodes = cluster.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/nodes' });
    expect(nodes.status).toBe(200);
    const node = (nodes.body as any).items.find((n: any) => n.metadata.name === 'worker-1');
    expect(node.window).toMatch(/^10(\.\d{1,3})?s$/);
    // Nanocores, shortened when they divide (the kubelets report whole millicores today).
    expect(node.usage.cpu).toMatch(/^\d+(n|u|m)?$/);
    expect(node.usage.memory).toMatch(/^\d+(Ki|Mi)$/);
    const pods = cluster.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods', query: { labelSelector: 'app=web' } });
    const item = (pods.body as any).items[0];
    expect((pods.body as any).kind).toBe('PodMetricsList');
    expect(item).toMatchObject({ window: '15s', metadata: { namespace: 'default', labels: { app: 'web' } } });
    expect(item.containers[0]).toMatchObject({ name: 'nginx', usage: { cpu: expect.stringMatching(/^\d+(n|u|m)?$/), memory: expect.stringMatching(/^\d+(Ki|Mi)$/) } });
    const missing = cluster.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope' });
    expect(missing.status).toBe(404);
    expect((missing.body as any).message).toBe('podmetrics.metrics.k8s.io "nope" not found');
  });

  it('scales up under load and back down after the 5-minute stabilization window', () => {
    const cluster = createCluster({ workers: 2 });
    cluster.apply(deployment);
    cluster.advance(60_000);
    let hpa = cluster.get('hpa', 'web')!;
    expect(hpa.status.currentReplicas).toBe(1);
    expect(condition(hpa, 'ScalingActive')).toMatchObject({
      status: 'True',
      reason: 'ValidMetricFound',
      message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    });
    expect(condition(hpa, 'AbleToScale')).toMatchObject({ status: 'True', reason: 'ReadyForNewScale' });

    // 550m of demand on pods requesting 200m each, at a 50% target: 6 replicas.
    cluster.metricsServer.load.setLoad('traffic', { namespace: 'default', matchLabels: { app: 'web' }, cpu: '550m' });
    cluster.advance(6 * 60_000);
    hpa = cluster.get('hpa', 'web')!;
    expect(rescales(cluster)[0]).toMatch(/^New size: 4; reason: cpu resource utilization \(percentage of request\) above target$/);
    expect(cluster.get('deployment', 'web')!.spec.replicas).toBe(6);
    expect(hpa.status).toMatchObject({ currentReplicas: 6, desiredReplicas: 6 });
    expect(hpa.status.currentMetrics[0]).toMatchObject({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: expect.any(Number) } } });
    expect(hpa.status.currentMetrics[0].resource.current.averageUtilization).toBeGreaterThanOrEqual(45);
    expect(hpa.status.currentMetrics[0].resource.current.averageUtilization).toBeLessThanOrEqual(55);
    expect(hpa.status.lastScaleTime).toBeDefined();

    // Load gone: the recommendation drops at once, but the replicas stay for the stabilization window.
    cluster.metricsServer.load.clearLoad('traffic');
    cluster.advance(2 * 60_000);
    hpa = cluster.get('hpa', 'web')!;
    expect(cluster.get('deployment', 'web')!.spec.replicas).toBe(6);
    expect(condition(hpa, 'AbleToScale')).toMatchObject({
      reason: 'ScaleDownStabilized',
      message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
    });
    cluster.advance(4 * 60_000);
    expect(cluster.get('deployment', 'web')!.spec.replicas).toBe(1);
    expect(rescales(cluster)).toContain('New size: 1; reason: All metrics below target');
    hpa = cluster.get('hpa', 'web')!;
    expect(condition(hpa, 'ScalingLimited')).toMatchObject({ status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
  });

  it('reports pods without a CPU request', () => {
    const cluster = createCluster({ workers: 1 });
    cluster.apply(deployment.replace('resources: {requests: {cpu: 200m}}', 'resources: {}'));
    cluster.advance(60_000);
    const hpa = cluster.get('hpa', 'web')!;
    expect(condition(hpa, 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message: expect.stringMatching(/^the HPA was unable to compute the replica count: missing request for cpu in container nginx of Pod web-/),
    });
    const warnings = cluster.list('events', 'default').filter((e) => e.reason === 'FailedComputeMetricsReplicas');
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^invalid metrics \(1 invalid out of 1\), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu/));
  });
});
