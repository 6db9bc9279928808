import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { DEFAULT_EPOCH_MS, isoSeconds } from '../../engine';
import { FakeNodes } from '../history/fake-node.testing';

const at = (simSeconds: number) => isoSeconds(DEFAULT_EPOCH_MS + simSeconds * 1000);

function setup(): Cluster {
  const cluster = createCluster({ controllers: ['serviceaccount', 'job', 'ttl-after-finished'] });
  new FakeNodes(cluster);
  return cluster;
}

function job(name: string, spec: string, command = '["sh", "-c", "sleep 5"]'): string {
  return `
apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox
        command: ${command}
`;
}

const events = (c: Cluster, name: string) =>
  c
    .list('events', 'default')
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.reason}: ${e.message}`);

describe('Job controller', () => {
  it('runs completions one at a time and completes with SuccessCriteriaMet then Complete', () => {
    const c = setup();
    c.apply(job('pi', '  completions: 3\n  parallelism: 1'));
    c.advance(0);
    let pods = c.list('pods', 'default');
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(pods[0].metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pods[0].metadata.labels['batch.kubernetes.io/job-name']).toBe('pi');
    expect(c.get('job', 'pi')!.status.startTime).toBe(at(0));

    c.advance(5_000);
    // The pod finished at 5 s; pod events are batched one second before the Job syncs.
    expect(c.get('job', 'pi')!.status.succeeded ?? 0).toBe(0);
    c.advance(1_000);
    const mid = c.get('job', 'pi')!;
    expect(mid.status.succeeded).toBe(1);
    expect(mid.status.active).toBe(1);
    pods = c.list('pods', 'default');
    expect(pods).toHaveLength(2);
    expect(pods.find((p) => p.status.phase === 'Succeeded')!.metadata.finalizers ?? []).toEqual([]);

    c.advance(12_000); // pod 2: 6–11 s, pod 3: 12–17 s, sync at 18 s
    const done = c.get('job', 'pi')!;
    expect(done.status.succeeded).toBe(3);
    expect(done.status.active).toBe(0);
    expect(done.status.ready).toBe(0);
    expect(done.status.terminating).toBe(0);
    expect(done.status.completionTime).toBe(at(18));
    expect(done.status.uncountedTerminatedPods).toEqual({});
    expect(done.status.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    const ev = events(c, 'pi');
    expect(ev.filter((e) => e.startsWith('SuccessfulCreate: Created pod: pi-'))).toHaveLength(3);
    expect(ev).toContain('Completed: Job completed');
  });

  it('retries failures with 10 s, 20 s back-off and fails with BackoffLimitExceeded', () => {
    const c = setup();
    c.apply(job('flaky', '  backoffLimit: 2', '["sh", "-c", "exit 1"]'));
    c.advance(0);
    const created = () => c.list('pods', 'default').map((p) => p.metadata.creationTimestamp).sort();
    expect(created()).toEqual([at(0)]);
    c.advance(9_000);
    expect(created()).toHaveLength(1);
    c.advance(1_000); // 10 s after the failure at 0 s
    expect(created()).toEqual([at(0), at(10)]);
    c.advance(19_000);
    expect(created()).toHaveLength(2);
    c.advance(1_000); // 20 s after the second failure
    expect(created()).toEqual([at(0), at(10), at(30)]);
    c.advance(1_000); // third failure synced: 3 > backoffLimit 2
    const failed = c.get('job', 'flaky')!;
    expect(failed.status.failed).toBe(3);
    expect(failed.status.conditions.map((x: any) => [x.type, x.reason, x.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(failed.status.completionTime).toBeUndefined();
    expect(events(c, 'flaky')).toContain('BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(c.list('pods', 'default').every((p) => (p.metadata.finalizers ?? []).length === 0)).toBe(true);
  });

  it('fails with DeadlineExceeded at activeDeadlineSeconds and deletes the running pods', () => {
    const c = setup();
    c.apply(job('slow', '  activeDeadlineSeconds: 30', '["sleep", "3600"]'));
    c.advance(29_000);
    expect(c.get('job', 'slow')!.status.conditions ?? []).toEqual([]);
    c.advance(1_000);
    const interim = c.get('job', 'slow')!;
    expect(interim.status.conditions.map((x: any) => x.type)).toEqual(['FailureTarget']);
    expect(interim.status.terminating).toBe(1);
    c.advance(5_000);
    const failed = c.get('job', 'slow')!;
    expect(failed.status.conditions.map((x: any) => [x.type, x.reason])).toEqual([
      ['FailureTarget', 'DeadlineExceeded'],
      ['Failed', 'DeadlineExceeded'],
    ]);
    expect(failed.status.failed).toBe(1);
    expect(failed.status.terminating).toBe(0);
    expect(events(c, 'slow')).toContain('DeadlineExceeded: Job was active longer than specified deadline');
  });

  it('runs an Indexed job: one pod per index, hostnames, completedIndexes', () => {
    const c = setup();
    c.apply(job('idx', '  completions: 3\n  parallelism: 3\n  completionMode: Indexed'));
    c.advance(0);
    const pods = c.list('pods', 'default').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(pods.map((p) => p.metadata.annotations['batch.kubernetes.io/job-completion-index'])).toEqual(['0', '1', '2']);
    expect(pods.map((p) => p.metadata.labels['batch.kubernetes.io/job-completion-index'])).toEqual(['0', '1', '2']);
    expect(pods.map((p) => p.spec.hostname)).toEqual(['idx-0', 'idx-1', 'idx-2']);
    expect(pods[0].metadata.name).toMatch(/^idx-0-[a-z0-9]{5}$/);
    expect(pods[0].spec.containers[0].env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
    ]);
    c.advance(6_000);
    const done = c.get('job', 'idx')!;
    expect(done.status.completedIndexes).toBe('0-2');
    expect(done.status.succeeded).toBe(3);
    expect(done.status.conditions.map((x: any) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
  });

  it('succeeds early by successPolicy and terminates the remaining pods', () => {
    const c = setup();
    c.apply(`
apiVersion: batch/v1
kind: Job
metadata: {name: leader}
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  successPolicy:
    rules:
    - succeededIndexes: "0"
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: w
        image: busybox
        command: ["sh", "-c", "sleep $((JOB_COMPLETION_INDEX * 100 + 5))"]
`);
    c.advance(6_000);
    const met = c.get('job', 'leader')!;
    expect(met.status.conditions.map((x: any) => [x.type, x.reason, x.message])).toEqual([['SuccessCriteriaMet', 'SuccessPolicy', 'Matched rules at index 0']]);
    c.advance(5_000);
    const done = c.get('job', 'leader')!;
    expect(done.status.conditions.map((x: any) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(done.status.completedIndexes).toBe('0');
    expect(c.list('pods', 'default').filter((p) => p.status.phase === 'Running')).toHaveLength(0);
  });

  it('fails the job at once when a podFailurePolicy FailJob rule matches', () => {
    const c = setup();
    c.apply(`
apiVersion: batch/v1
kind: Job
metadata: {name: pfp}
spec:
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {operator: In, values: [42]}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "exit 42"]
`);
    c.advance(2_000);
    const j = c.get('job', 'pfp')!;
    const pod = c.list('pods', 'default')[0];
    expect(j.status.conditions.map((x: any) => [x.type, x.reason, x.message])).toEqual([
      ['FailureTarget', 'PodFailurePolicy', `Container main for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`],
      ['Failed', 'PodFailurePolicy', `Container main for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`],
    ]);
    expect(j.status.failed).toBe(1);
  });

  it('creates no pods while suspended and starts them on resume', () => {
    const c = setup();
    c.apply(job('later', '  suspend: true'));
    c.advance(10_000);
    expect(c.list('pods', 'default')).toHaveLength(0);
    const suspended = c.get('job', 'later')!;
    expect(suspended.status.startTime).toBeUndefined();
    expect(suspended.status.conditions.map((x: any) => [x.type, x.status, x.reason])).toEqual([['Suspended', 'True', 'JobSuspended']]);
    c.request({ method: 'PATCH', path: '/apis/batch/v1/namespaces/default/jobs/later', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { suspend: false } } });
    c.advance(0);
    expect(c.list('pods', 'default')).toHaveLength(1);
    const resumed = c.get('job', 'later')!;
    expect(resumed.status.conditions.map((x: any) => [x.type, x.status, x.reason])).toEqual([['Suspended', 'False', 'JobResumed']]);
    expect(resumed.status.startTime).toBe(at(10));
    expect(events(c, 'later')).toEqual(expect.arrayContaining(['Suspended: Job suspended', 'Resumed: Job resumed']));
  });

  it('with podReplacementPolicy Failed, replaces a deleted pod only once it has failed', () => {
    const c = createCluster({ controllers: ['serviceaccount', 'job'] });
    new FakeNodes(c, { terminationDelayMs: 5_000 });
    c.apply(job('careful', '  podReplacementPolicy: Failed', '["sleep", "3600"]'));
    c.advance(1_000);
    const [pod] = c.list('pods', 'default');
    c.request({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${pod.metadata.name}` });
    c.advance(1_500);
    expect(c.list('pods', 'default')).toHaveLength(1);
    expect(c.get('job', 'careful')!.status.terminating).toBe(1);
    c.advance(5_000); // the kubelet kills it at 6 s; the Job counts the failure at 7 s …
    expect(c.get('job', 'careful')!.status.failed).toBe(1);
    expect(c.list('pods', 'default').filter((p) => p.metadata.name !== pod.metadata.name)).toHaveLength(0);
    c.advance(9_000); // … and replaces it after the 10 s failure back-off
    const replacements = c.list('pods', 'default').filter((p) => p.metadata.name !== pod.metadata.name);
    expect(replacements.map((p) => p.metadata.creationTimestamp)).toEqual([at(16)]);
  });

  it('deletes a finished job ttlSecondsAfterFinished later', () => {
    const c = setup();
    c.apply(job('short', '  ttlSecondsAfterFinished: 60', '["sh", "-c", "sleep 1"]'));
    c.advance(1_000);
    expect(c.get('job', 'short')!.status.completionTime).toBe(at(1));
    c.advance(59_999);
    expect(c.get('job', 'short')!.metadata.deletionTimestamp).toBeUndefined();
    c.advance(1);
    // Foreground deletion: the garbage collector finishes it; until then the Job is marked for deletion.
    const gone = c.get('job', 'short');
    expect(gone === undefined || gone.metadata.deletionTimestamp === at(61)).toBe(true);
  });
});
