/**
 * The workload controllers against the real data plane (kube-scheduler, kubelets and container runtime of a
 * `workers: 2` cluster) rather than the test node double.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { parseTime } from './time';

const secondsOf = (ts: string) => parseTime(ts) / 1000;

describe('workload controllers on real nodes', () => {
  it('a Job of 3 completions of a 5-second container completes after three sequential runs', () => {
    const c = createCluster({ workers: 2 });
    c.advance(60_000);
    c.apply(`
apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  completions: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: w, image: busybox, command: ["sleep", "5"]}
`);
    c.advance(60_000);
    const job = c.get('job', 'pi')!;
    expect(job.status.conditions.map((x: any) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(job.status.succeeded).toBe(3);
    const runs = c
      .list('pods', 'default')
      .map((p) => p.status.containerStatuses[0].state.terminated)
      .map((t) => [secondsOf(t.startedAt), secondsOf(t.finishedAt)])
      .sort((a, b) => a[0] - b[0]);
    expect(runs).toHaveLength(3);
    for (const [start, end] of runs) expect(end - start).toBe(5);
    // One pod at a time (parallelism 1): each starts after the previous finished.
    expect(runs[1][0]).toBeGreaterThan(runs[0][1]);
    expect(runs[2][0]).toBeGreaterThan(runs[1][1]);
    // The Job completes one batch period after the last pod finished.
    expect(secondsOf(job.status.completionTime)).toBe(runs[2][1] + 1);
  });

  it('a StatefulSet starts web-1 only once web-0 is Ready, with provisioned claims', () => {
    const c = createCluster({ workers: 2 });
    c.advance(30_000);
    c.apply(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: nginx}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    c.advance(120_000);
    const web0 = c.get('pod', 'web-0')!;
    const web1 = c.get('pod', 'web-1')!;
    const ready0 = web0.status.conditions.find((x: any) => x.type === 'Ready');
    expect(ready0.status).toBe('True');
    expect(secondsOf(web1.metadata.creationTimestamp)).toBeGreaterThanOrEqual(secondsOf(ready0.lastTransitionTime));
    expect(c.get('statefulset', 'web')!.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(c.list('pvc', 'default').map((p) => p.metadata.name).sort()).toEqual(['data-web-0', 'data-web-1']);
  });

  it('a DaemonSet runs on each worker and not on the control plane', () => {
    const c = createCluster({ workers: 2 });
    c.advance(30_000);
    c.apply(`
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - {name: agent, image: busybox, command: ["sleep", "infinity"]}
`);
    c.advance(60_000);
    const pods = c.list('pods', 'default');
    expect(pods.map((p) => [p.spec.nodeName, p.status.phase]).sort()).toEqual([
      ['worker-1', 'Running'],
      ['worker-2', 'Running'],
    ]);
    expect(c.get('daemonset', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2 });
  });
});
