import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { KubeClient } from '../client/rest-client';
import { EventRecorder } from './event-recorder';

describe('EventRecorder', () => {
  function setup() {
    const cluster = createCluster({ seed: 5, bare: true });
    const client = new KubeClient(cluster.apiserver, cluster.registry, 'deployment-controller');
    const recorder = new EventRecorder(cluster.engine, client, { component: 'deployment-controller' });
    const obj = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u-1' } };
    return { cluster, recorder, obj };
  }

  it('creates a core/v1 Event about the object, as upstream names and fills it', () => {
    const { cluster, recorder, obj } = setup();
    recorder.event(obj, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-5d4f8 from 0 to 3');
    const events = cluster.list('events', 'default');
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(e).toMatchObject({
      involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default', uid: 'u-1', apiVersion: 'apps/v1' },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-5d4f8 from 0 to 3',
      type: 'Normal',
      count: 1,
      source: { component: 'deployment-controller' },
      firstTimestamp: '2025-01-01T00:00:00Z',
    });
  });

  it('counts repeats of the same event instead of creating new ones', () => {
    const { cluster, recorder, obj } = setup();
    recorder.event(obj, 'Warning', 'BackOff', 'Back-off restarting failed container');
    cluster.advance(30_000);
    recorder.event(obj, 'Warning', 'BackOff', 'Back-off restarting failed container');
    const events = cluster.list('events', 'default');
    expect(events).toHaveLength(1);
    expect(events[0].count).toBe(2);
    expect(events[0].lastTimestamp).toBe('2025-01-01T00:00:30Z');
  });

  it('combines more than 10 similar events and drops spam beyond the burst', () => {
    const { cluster, recorder, obj } = setup();
    for (let i = 0; i < 12; i++) recorder.event(obj, 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    const events = cluster.list('events', 'default');
    expect(events.some((e) => e.message.startsWith('(combined from similar events): '))).toBe(true);
    for (let i = 0; i < 40; i++) recorder.event(obj, 'Normal', 'Other', `m${i}`);
    const total = cluster.list('events', 'default').reduce((n, e) => n + e.count, 0);
    expect(total).toBeLessThanOrEqual(25);
  });
});
