import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import type { ApiRequest, WatchEvent } from '../types';

type Obj = Record<string, any>;

function setup() {
  const c = createCluster({ bare: true });
  const call = (req: Omit<ApiRequest, 'client'>) => c.apiserver.request({ client: 'test', ...req });
  return { c, call };
}

const V1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const V2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

describe('version conversion: autoscaling/v1 ⇄ autoscaling/v2 HorizontalPodAutoscalers', () => {
  it('a v1 CPU target reads back as a v2 Resource metric, and the reverse', () => {
    const { call } = setup();
    const created = call({ method: 'POST', path: V1, body: { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } });
    const v2 = call({ method: 'GET', path: `${V2}/web` }).body as Obj;
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    expect(v2.spec.targetCPUUtilizationPercentage).toBeUndefined();
  });

  it('v2-only metrics and behavior survive a round trip through v1 in annotations', () => {
    const { call } = setup();
    const metrics = [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ];
    const behavior = { scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } };
    expect(call({ method: 'POST', path: V2, body: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 6, metrics, behavior } } }).status).toBe(201);
    const v1 = call({ method: 'GET', path: `${V1}/web` }).body as Obj;
    expect(v1.spec).toEqual({ scaleTargetRef: ref, minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 70 });
    expect(JSON.parse(v1.metadata.annotations['autoscaling.alpha.kubernetes.io/metrics'])).toEqual([{ type: 'Resource', resource: { name: 'memory', targetAverageValue: '200Mi' } }]);
    expect(v1.metadata.annotations['autoscaling.alpha.kubernetes.io/behavior']).toBeDefined();
    // Writing the v1 object back (as an old client would) keeps the memory metric and the behavior.
    expect(call({ method: 'PUT', path: `${V1}/web`, body: { ...v1, spec: { ...v1.spec, maxReplicas: 8 } } }).status).toBe(200);
    const v2 = call({ method: 'GET', path: `${V2}/web` }).body as Obj;
    expect(v2.spec.maxReplicas).toBe(8);
    expect(v2.spec.metrics).toEqual(expect.arrayContaining([metrics[0], { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]));
    expect(v2.spec.behavior.scaleDown).toMatchObject(behavior.scaleDown);
    expect(v2.metadata.annotations).toBeUndefined();
  });

  it('patches and watches in v1 speak v1', () => {
    const { c, call } = setup();
    call({ method: 'POST', path: V2, body: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 4, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } } });
    const events: WatchEvent[] = [];
    c.apiserver.watch({ method: 'GET', path: V1, query: { watch: 'true' }, client: 'test' }, (e) => events.push(e));
    const patched = call({ method: 'PATCH', path: `${V1}/web`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { targetCPUUtilizationPercentage: 90 } } });
    expect(patched.status).toBe(200);
    expect((patched.body as Obj).spec.targetCPUUtilizationPercentage).toBe(90);
    c.advance(0);
    // (The HPA controller may update status afterwards: more MODIFIED events, still in v1.)
    expect(events.slice(0, 2).map((e) => [e.type, (e.object as Obj).apiVersion, (e.object as Obj).spec.targetCPUUtilizationPercentage])).toEqual([
      ['ADDED', 'autoscaling/v1', 50],
      ['MODIFIED', 'autoscaling/v1', 90],
    ]);
    expect(events.every((e) => (e.object as Obj).apiVersion === 'autoscaling/v1')).toBe(true);
    const list = call({ method: 'GET', path: V2 }).body as Obj;
    expect(list.items[0].spec.metrics[0].resource.target.averageUtilization).toBe(90);
  });
});

describe('version conversion: core/v1 ⇄ events.k8s.io/v1 Events', () => {
  it('an Event written through either API reads through the other', () => {
    const { call } = setup();
    const core = {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.1' },
      involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web', apiVersion: 'apps/v1' },
      reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-5d4f8 from 0 to 3', type: 'Normal', count: 2,
      source: { component: 'deployment-controller' }, firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:00:05Z',
    };
    expect(call({ method: 'POST', path: '/api/v1/namespaces/default/events', body: core }).status).toBe(201);
    const asV1 = call({ method: 'GET', path: '/apis/events.k8s.io/v1/namespaces/default/events/web.1' }).body as Obj;
    expect(asV1).toMatchObject({
      apiVersion: 'events.k8s.io/v1', regarding: core.involvedObject, note: core.message, reason: 'ScalingReplicaSet', type: 'Normal',
      deprecatedSource: { component: 'deployment-controller' }, deprecatedCount: 2, deprecatedFirstTimestamp: core.firstTimestamp, deprecatedLastTimestamp: core.lastTimestamp,
    });
    expect(asV1.message).toBeUndefined();

    const v1 = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web.2' }, eventTime: '2025-01-01T00:00:09.000000Z', reportingController: 'example.com/ctl', reportingInstance: 'ctl-1', action: 'Scale', reason: 'Scaled', regarding: core.involvedObject, note: 'scaled it', type: 'Normal' };
    expect(call({ method: 'POST', path: '/apis/events.k8s.io/v1/namespaces/default/events', body: v1 }).status).toBe(201);
    const asCore = call({ method: 'GET', path: '/api/v1/namespaces/default/events/web.2' }).body as Obj;
    expect(asCore).toMatchObject({ apiVersion: 'v1', involvedObject: core.involvedObject, message: 'scaled it', reportingComponent: 'example.com/ctl', reportingInstance: 'ctl-1', action: 'Scale' });
    const coreList = call({ method: 'GET', path: '/api/v1/namespaces/default/events' }).body as Obj;
    expect(coreList.items.map((e: Obj) => e.message).sort()).toEqual(['Scaled up replica set web-5d4f8 from 0 to 3', 'scaled it']);
  });
});
