import { describe, expect, it } from 'vitest';
import type { Pod, Event as CoreEvent } from 'kubernetes-types/core/v1';
import type { Event as EventsEvent } from 'kubernetes-types/events/v1';
import { parseFieldSelector } from './fields';
import { fieldSetFor, supportedFieldLabels, validateFieldSelector } from './field-labels';

/** Parses and converts a selector the way the apiserver does for a list; returns the selector or the 400 text. */
const select = (group: string, version: string, resource: string, s: string) => {
  const parsed = parseFieldSelector(s);
  if (!parsed.ok) throw new Error(parsed.error);
  return validateFieldSelector(group, version, resource, parsed.selector);
};
const rejection = (group: string, version: string, resource: string, s: string) => {
  const r = select(group, version, resource, s);
  return r.ok ? `accepted ${r.selector.toString()}` : r.error;
};
const matcher = (group: string, version: string, resource: string, s: string) => {
  const r = select(group, version, resource, s);
  if (!r.ok) throw new Error(r.error);
  return r.selector;
};

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', containers: [] },
  status: { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }] },
};

describe('validateFieldSelector', () => {
  it('accepts the labels upstream registers for pods', () => {
    for (const label of [
      'metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
      'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName',
    ]) {
      expect(select('', 'v1', 'pods', `${label}=x`).ok).toBe(true);
    }
    expect(rejection('', 'v1', 'pods', 'spec.foo=bar')).toBe('field label not supported: spec.foo');
  });

  it('rewrites legacy and renamed labels to the stored ones', () => {
    expect(matcher('', 'v1', 'pods', 'spec.host=node-1').toString()).toBe('spec.nodeName=node-1');
    expect(matcher('events.k8s.io', 'v1', 'events', 'regarding.kind=Pod,reportingController=kubelet').toString()).toBe(
      'involvedObject.kind=Pod,reportingComponent=kubelet',
    );
  });

  it('words rejections per kind as upstream does', () => {
    expect(rejection('', 'v1', 'nodes', 'metadata.namespace=x')).toBe('field label not supported: metadata.namespace');
    expect(rejection('', 'v1', 'namespaces', 'status.phase=Active,spec.finalizers=x')).toBe('field label not supported: spec.finalizers');
    expect(rejection('', 'v1', 'secrets', 'type=Opaque')).toBe('accepted type=Opaque');
    expect(rejection('', 'v1', 'events', 'involvedObject.name=web,source=kubelet')).toBe('accepted involvedObject.name=web,source=kubelet');
    expect(rejection('events.k8s.io', 'v1', 'events', 'involvedObject.name=web')).toBe('field label not supported: involvedObject.name');
    expect(rejection('batch', 'v1', 'jobs', 'status.succeeded=1')).toBe('field label "status.succeeded" not supported for batchv1.Job');
    expect(rejection('apps', 'v1', 'replicasets', 'status.replicas=1')).toBe(
      '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(rejection('networking.k8s.io', 'v1', 'ingresses', 'foo.bar=baz')).toBe(
      '"foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(rejection('resource.k8s.io', 'v1beta1', 'resourceslices', 'spec.pool.name=x')).toBe(
      'field label not supported for resource.k8s.io/v1beta1, Kind=ResourceSlice: spec.pool.name',
    );
    expect(supportedFieldLabels('certificates.k8s.io', 'certificatesigningrequests')).toEqual(['metadata.name', 'spec.signerName']);
  });
});

describe('fieldSetFor', () => {
  it('projects pods as PodToSelectableFields does', () => {
    expect(fieldSetFor('', 'pods', pod)).toEqual({
      'metadata.name': 'web-1',
      'metadata.namespace': 'default',
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': '',
    });
    expect(matcher('', 'v1', 'pods', 'spec.host=node-1,status.phase!=Failed').matches(fieldSetFor('', 'pods', pod))).toBe(true);
    // Accepted but never projected: matches only the empty value, as upstream.
    expect(matcher('', 'v1', 'pods', 'status.podIPs=10.0.0.5').matches(fieldSetFor('', 'pods', pod))).toBe(false);
  });

  it('reads counts and booleans with their zero values', () => {
    expect(fieldSetFor('', 'nodes', { metadata: { name: 'n1' }, spec: {} })['spec.unschedulable']).toBe('false');
    expect(fieldSetFor('', 'nodes', { metadata: { name: 'n1' }, spec: { unschedulable: true } })['spec.unschedulable']).toBe('true');
    expect(fieldSetFor('batch', 'jobs', { metadata: { name: 'j' }, status: { succeeded: 2 } })['status.successful']).toBe('2');
    expect(fieldSetFor('batch', 'jobs', { metadata: { name: 'j' } })['status.successful']).toBe('0');
    expect(fieldSetFor('', 'replicationcontrollers', { metadata: { name: 'rc' }, status: { replicas: 3 } })['status.replicas']).toBe('3');
    expect(fieldSetFor('', 'secrets', { metadata: { name: 's' }, type: 'Opaque' }).type).toBe('Opaque');
    expect(fieldSetFor('', 'services', { metadata: { name: 's' }, spec: { clusterIP: 'None', type: 'ClusterIP' } })).toMatchObject({
      'spec.clusterIP': 'None',
      'spec.type': 'ClusterIP',
    });
  });

  it('projects both Event shapes onto the core labels', () => {
    const core: CoreEvent = {
      metadata: { name: 'web-1.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1' },
      reason: 'Scheduled',
      type: 'Normal',
      reportingComponent: 'default-scheduler',
    };
    const coreSet = fieldSetFor('', 'events', core);
    expect(coreSet).toMatchObject({ 'involvedObject.kind': 'Pod', 'involvedObject.uid': 'u1', source: 'default-scheduler', reason: 'Scheduled' });
    const modern: EventsEvent = {
      metadata: { name: 'web-1.2', namespace: 'default' },
      eventTime: '2025-01-01T00:00:00.000000Z',
      regarding: { kind: 'Pod', name: 'web-1', namespace: 'default' },
      reason: 'Pulled',
      type: 'Normal',
      reportingController: 'kubelet',
      deprecatedSource: { component: 'kubelet-node-1' },
    };
    const modernSet = fieldSetFor('events.k8s.io', 'events', modern);
    expect(modernSet).toMatchObject({ 'involvedObject.name': 'web-1', reportingComponent: 'kubelet', source: 'kubelet-node-1' });
    const sel = matcher('events.k8s.io', 'v1', 'events', 'regarding.name=web-1,reportingController=kubelet');
    expect(sel.matches(modernSet)).toBe(true);
    expect(sel.matches(coreSet)).toBe(false);
  });
});
