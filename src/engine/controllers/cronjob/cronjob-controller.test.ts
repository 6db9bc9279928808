import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { DEFAULT_EPOCH_MS, isoSeconds } from '../../engine';
import { FakeNodes } from '../history/fake-node.testing';

const at = (simSeconds: number) => isoSeconds(DEFAULT_EPOCH_MS + simSeconds * 1000);
const minuteName = (name: string, minute: number) => `${name}-${DEFAULT_EPOCH_MS / 60_000 + minute}`;

function setup(): Cluster {
  const cluster = createCluster({ controllers: ['serviceaccount', 'job', 'cronjob'] });
  new FakeNodes(cluster);
  return cluster;
}

function cronJob(name: string, spec: string, command = '["sh", "-c", "sleep 5"]'): string {
  return `
apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
${spec}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: tick
            image: busybox
            command: ${command}
`;
}

const jobNames = (c: Cluster) => c.list('jobs', 'default').map((j) => j.metadata.name).sort();
const events = (c: Cluster, name: string) =>
  c
    .list('events', 'default')
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.reason}: ${e.message}`);

describe('CronJob controller', () => {
  it('fires every minute with deterministic job names and the scheduled-timestamp annotation', () => {
    const c = setup();
    c.apply(cronJob('tick', '  schedule: "*/1 * * * *"'));
    c.advance(59_000);
    expect(jobNames(c)).toEqual([]);
    c.advance(1_100);
    expect(jobNames(c)).toEqual([minuteName('tick', 1)]);
    const job = c.get('job', minuteName('tick', 1))!;
    expect(job.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(at(60));
    expect(job.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', name: 'tick', controller: true });
    const cj = c.get('cronjob', 'tick')!;
    expect(cj.status.lastScheduleTime).toBe(at(60));
    expect(cj.status.active.map((r: any) => r.name)).toEqual([minuteName('tick', 1)]);
    expect(events(c, 'tick')).toContain(`SuccessfulCreate: Created job ${minuteName('tick', 1)}`);

    c.advance(60_000);
    expect(jobNames(c)).toEqual([minuteName('tick', 1), minuteName('tick', 2)]);
    const later = c.get('cronjob', 'tick')!;
    expect(later.status.lastSuccessfulTime).toBeDefined();
    expect(events(c, 'tick')).toContain(`SawCompletedJob: Saw completed job: ${minuteName('tick', 1)}, condition: Complete`);
  });

  it('Forbid skips a run while the previous one is active', () => {
    const c = setup();
    c.apply(cronJob('solo', '  schedule: "* * * * *"\n  concurrencyPolicy: Forbid', '["sleep", "90"]'));
    c.advance(60_100);
    expect(jobNames(c)).toEqual([minuteName('solo', 1)]);
    c.advance(60_000); // minute 2: the first run (60–150 s) is still going
    expect(jobNames(c)).toEqual([minuteName('solo', 1)]);
    expect(events(c, 'solo')).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
    // The first run ends at 150 s; with no startingDeadlineSeconds the skipped 2-minute run then starts late.
    c.advance(32_000);
    expect(jobNames(c)).toEqual([minuteName('solo', 1), minuteName('solo', 2)]);
    const late = c.get('job', minuteName('solo', 2))!;
    expect(late.metadata.creationTimestamp).toBe(at(151));
    expect(late.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(at(120));
  });

  it('Replace deletes the running job and starts the new one', () => {
    const c = setup();
    c.apply(cronJob('fresh', '  schedule: "* * * * *"\n  concurrencyPolicy: Replace', '["sleep", "3600"]'));
    c.advance(60_100);
    c.advance(60_000);
    const names = c.list('jobs', 'default').filter((j) => !j.metadata.deletionTimestamp).map((j) => j.metadata.name);
    expect(names).toEqual([minuteName('fresh', 2)]);
    expect(events(c, 'fresh')).toContain(`SuccessfulDelete: Deleted job ${minuteName('fresh', 1)}`);
    expect(c.get('cronjob', 'fresh')!.status.active.map((r: any) => r.name)).toEqual([minuteName('fresh', 2)]);
  });

  it('keeps successfulJobsHistoryLimit finished jobs', () => {
    const c = setup();
    c.apply(cronJob('hist', '  schedule: "* * * * *"\n  successfulJobsHistoryLimit: 2'));
    c.advance(5 * 60_000 + 30_000);
    const live = c.list('jobs', 'default').filter((j) => !j.metadata.deletionTimestamp).map((j) => j.metadata.name).sort();
    expect(live).toEqual([minuteName('hist', 4), minuteName('hist', 5)]);
    expect(events(c, 'hist')).toContain(`SuccessfulDelete: Deleted job ${minuteName('hist', 1)}`);
  });

  it('does nothing while suspended', () => {
    const c = setup();
    c.apply(cronJob('paused', '  schedule: "* * * * *"\n  suspend: true'));
    c.advance(5 * 60_000);
    expect(jobNames(c)).toEqual([]);
  });

  it('honours spec.timeZone in the schedule and the annotation', () => {
    const c = setup();
    // Sim time 0 is 2025-01-01T00:00Z = 09:00 in Tokyo; fire at 09:02 Tokyo time.
    c.apply(cronJob('tokyo', '  schedule: "2 9 * * *"\n  timeZone: Asia/Tokyo'));
    c.advance(2 * 60_000 + 500);
    expect(jobNames(c)).toEqual([minuteName('tokyo', 2)]);
    expect(c.get('job', minuteName('tokyo', 2))!.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-01T09:02:00+09:00');
  });

  it('reports a missed start outside startingDeadlineSeconds', () => {
    const c = setup();
    c.apply(cronJob('late', '  schedule: "* * * * *"\n  suspend: true\n  startingDeadlineSeconds: 10'));
    c.advance(60_000 + 30_000); // the 1-minute run passes while suspended
    c.request({ method: 'PATCH', path: '/apis/batch/v1/namespaces/default/cronjobs/late', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { suspend: false } } });
    c.advance(0);
    expect(jobNames(c)).toEqual([]);
    c.advance(30_100);
    expect(jobNames(c)).toEqual([minuteName('late', 2)]);
  });

  it('warns about too many missed start times', () => {
    const c = setup();
    c.apply(cronJob('stale', '  schedule: "* * * * *"\n  suspend: true'));
    c.advance(102 * 60_000);
    c.request({ method: 'PATCH', path: '/apis/batch/v1/namespaces/default/cronjobs/stale', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { suspend: false } } });
    c.advance(0);
    expect(events(c, 'stale')).toContain('TooManyMissedTimes: too many missed start times: 102. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    // The most recent missed time still runs.
    expect(jobNames(c)).toEqual([minuteName('stale', 102)]);
  });
});
