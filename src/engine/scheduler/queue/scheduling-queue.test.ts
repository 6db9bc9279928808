import { describe, expect, it } from 'vitest';
import { newDefaultFramework } from '../profile';
import { makeNode, makePod } from '../testing';
import { AssignedPodDelete, NodeAdd } from './events';
import { SchedulingQueue } from './scheduling-queue';

const newQueue = () => new SchedulingQueue(newDefaultFramework());

describe('SchedulingQueue', () => {
  it('pops by priority, then by queue time', () => {
    const q = newQueue();
    q.add(makePod('low-early', { priority: 0 }), 0);
    q.add(makePod('high', { priority: 100 }), 5);
    q.add(makePod('low-late', { priority: 0 }), 10);
    expect([q.pop(), q.pop(), q.pop()].map((x) => x!.podInfo.pod.metadata!.name)).toEqual(['high', 'low-early', 'low-late']);
    expect(q.pop()).toBeUndefined();
  });

  it('backs off 1s doubling to 10s', () => {
    const q = newQueue();
    q.add(makePod('p'), 0);
    const info = q.pop()!;
    expect([1, 2, 3, 4, 5, 6].map((a) => q.backoffDuration({ ...info, attempts: a }))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('parks unschedulable pods until a relevant event, then honours backoff', () => {
    const q = newQueue();
    const pod = makePod('p', { cpu: '2' });
    q.add(pod, 0);
    const info = q.pop()!;
    info.unschedulablePlugins = new Set(['NodeResourcesFit']);
    expect(q.addUnschedulableIfNotPresent(info, q.currentSchedulingCycle, 0)).toBe('unschedulablePods');
    // A node too small for the pod: the NodeResourcesFit hint skips it.
    expect(q.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, makeNode('tiny', { cpu: '1' }), 100)).toBe(0);
    expect(q.where(pod)).toBe('unschedulablePods');
    // A big enough node moves it; still within backoff (1 s from t=0) it goes to backoffQ.
    expect(q.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, makeNode('big', { cpu: '4' }), 500)).toBe(1);
    expect(q.where(pod)).toBe('backoffQ');
    expect(q.flushBackoffQCompleted(999)).toBe(0);
    expect(q.flushBackoffQCompleted(1000)).toBe(1);
    expect(q.where(pod)).toBe('activeQ');
  });

  it('ignores events of plugins that did not reject the pod', () => {
    const q = newQueue();
    const pod = makePod('p', { spec: { nodeSelector: { disk: 'ssd' } } });
    q.add(pod, 0);
    const info = q.pop()!;
    info.unschedulablePlugins = new Set(['NodeAffinity']);
    q.addUnschedulableIfNotPresent(info, q.currentSchedulingCycle, 0);
    expect(q.moveAllToActiveOrBackoffQueue(AssignedPodDelete, makePod('gone', { nodeName: 'n' }), undefined, 20_000)).toBe(0);
    expect(q.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, makeNode('n', { labels: { disk: 'ssd' } }), 20_000)).toBe(1);
    expect(q.where(pod)).toBe('activeQ');
  });

  it('flushes pods unschedulable for more than 5 minutes', () => {
    const q = newQueue();
    const pod = makePod('p');
    q.add(pod, 0);
    const info = q.pop()!;
    info.unschedulablePlugins = new Set(['NodeAffinity']);
    q.addUnschedulableIfNotPresent(info, q.currentSchedulingCycle, 0);
    expect(q.flushUnschedulablePodsLeftover(300_000)).toBe(0);
    expect(q.flushUnschedulablePodsLeftover(300_001)).toBe(1);
    expect(q.where(pod)).toBe('activeQ');
  });

  it('sends a pod to backoffQ when an event arrived while it was being scheduled', () => {
    const q = newQueue();
    const pod = makePod('p');
    q.add(pod, 0);
    const info = q.pop()!;
    const cycle = q.currentSchedulingCycle;
    q.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, makeNode('n'), 10);
    info.unschedulablePlugins = new Set(['NodeAffinity']);
    expect(q.addUnschedulableIfNotPresent(info, cycle, 10)).toBe('backoffQ');
  });

  it('holds gated pods until their scheduling gates are removed', () => {
    const q = newQueue();
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'wait' }] } });
    expect(q.add(gated, 0)).toBe('unschedulablePods');
    expect(q.pop()).toBeUndefined();
    q.update(gated, { ...gated, spec: { ...gated.spec!, schedulingGates: [] } }, 5);
    expect(q.where(gated)).toBe('activeQ');
  });

  it('tracks nominated pods per node', () => {
    const q = newQueue();
    const p = makePod('p', { priority: 10 });
    q.addNominatedPod(p, 'n1');
    expect(q.nominatedPodsForNode('n1').map((x) => x.pod.metadata!.name)).toEqual(['p']);
    q.delete(p);
    expect(q.nominatedPodsForNode('n1')).toEqual([]);
  });
});
