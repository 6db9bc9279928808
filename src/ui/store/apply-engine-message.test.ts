import { describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../../protocol/messages';
import { applyEngineMessage } from './apply-engine-message';
import { initialSim, noCapabilities, type EngineState } from './engine-slice';

const empty: EngineState = { connected: false, sim: initialSim, components: [], objects: new Map(), feed: [], lastTraffic: [], droppedTraffic: 0, resources: [], capabilities: noCapabilities };
const cm = (name: string, rv = '1'): ObjectSummary => ({ key: `/api/v1/namespaces/default/configmaps/${name}`, kind: 'ConfigMap', resource: 'configmaps', group: '', namespace: 'default', name, uid: name, resourceVersion: rv });
const sim = { ...initialSim, simTime: 100 };

describe('applyEngineMessage', () => {
  it('upserts and deletes objects, keeping the map untouched when a batch has no deltas', () => {
    let state: EngineState = { ...empty, ...applyEngineMessage(empty, { type: 'batch', sim, deltas: [{ op: 'upsert', object: cm('a') }, { op: 'upsert', object: cm('b') }], traffic: [], droppedTraffic: 0, decisions: [] }) };
    expect([...state.objects.keys()]).toHaveLength(2);
    const before = state.objects;
    state = { ...state, ...applyEngineMessage(state, { type: 'batch', sim, deltas: [], traffic: [], droppedTraffic: 0, decisions: [] }) };
    expect(state.objects).toBe(before);
    state = { ...state, ...applyEngineMessage(state, { type: 'batch', sim, deltas: [{ op: 'delete', key: cm('a').key }, { op: 'upsert', object: cm('b', '2') }], traffic: [], droppedTraffic: 3, decisions: [] }) };
    expect([...state.objects.values()].map((o) => [o.name, o.resourceVersion])).toEqual([['b', '2']]);
    expect(state.droppedTraffic).toBe(3);
    expect(before.size).toBe(2); // never mutated
  });

  it('narrates traffic into the feed and starts over on ready', () => {
    let state: EngineState = {
      ...empty,
      ...applyEngineMessage(empty, {
        type: 'batch',
        sim,
        deltas: [],
        traffic: [
          { id: 1, t: 0, kind: 'request', from: 'kubectl', to: 'kube-apiserver', verb: 'get', resource: 'configmaps', namespace: 'default', name: 'a', status: 404, reason: 'NotFound' },
          { id: 2, t: 0, kind: 'request', from: 'kubectl', to: 'kube-apiserver', verb: 'create', resource: 'configmaps', namespace: 'default', name: 'a', status: 201 },
          { id: 3, t: 0, kind: 'request', from: 'kubectl', to: 'kube-apiserver', verb: 'create', resource: 'configmaps', namespace: 'default', status: 409, reason: 'AlreadyExists' },
        ],
        droppedTraffic: 0,
        decisions: [{ t: 0, source: 'controller', actor: 'replicaset-controller', text: 'replicaset-controller created pod web-1 (default/web)' }],
      }),
    };
    expect(state.feed.map((l) => [l.text, l.failed])).toEqual([
      ['kubectl could not get configmap default/a: 404 NotFound', false],
      ['kubectl created configmap default/a', false],
      ['kubectl could not create configmaps in default: 409 AlreadyExists', true],
      ['replicaset-controller created pod web-1 (default/web)', false],
    ]);
    expect(state.feed.map((l) => l.kind)).toEqual(['traffic', 'traffic', 'traffic', 'controller']);
    state = { ...state, ...applyEngineMessage(state, { type: 'ready', version: 3, components: [], sim: initialSim, resources: [], capabilities: noCapabilities }) };
    expect(state.feed).toEqual([]);
    expect(state.objects.size).toBe(0);
    expect(state.connected).toBe(true);
  });
});
