import { describe, expect, it } from 'vitest';
import { admit } from '../index';
import { createMessage, resourceFor, updateMessage } from '../test-helpers';

describe('RBAC, scheduling, coordination and generic validation', () => {
  it('validates role rules and binding references', () => {
    expect(createMessage({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods'] }] })).toBe(
      'Role.rbac.authorization.k8s.io "reader" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    );
    const rb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'read', namespace: 'default' },
      roleRef: { kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'User', name: 'jane' }],
    };
    const admitted = structuredClone(rb);
    expect(createMessage(admitted)).toBe('ok');
    expect(admitted).toMatchObject({ roleRef: { apiGroup: 'rbac.authorization.k8s.io' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io' }] });
    const changed = { ...structuredClone(admitted), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'writer' } };
    expect(updateMessage(changed, admitted)).toBe(
      'RoleBinding.rbac.authorization.k8s.io "read" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef',
    );
  });

  it('reserves system- priority class names', () => {
    expect(createMessage({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 })).toBe('ok');
    expect(createMessage({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 2000000000 })).toBe(
      'PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    );
  });

  it('checks leases and falls back to metadata validation for other kinds', () => {
    expect(createMessage({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec: { leaseDurationSeconds: 0 } })).toBe(
      'Lease.coordination.k8s.io "node-1" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    );
    expect(createMessage({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', namespace: 'default' } })).toBe(
      'IngressClass.networking.k8s.io "nginx" is invalid: metadata.namespace: Forbidden: not allowed on this type',
    );
    expect(createMessage({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'ci', labels: { 'bad key': 'x' } } })).toMatch(
      /^ServiceAccount "builder" is invalid: metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters/,
    );
  });

  it('validates only metadata on status updates', () => {
    const old = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: -1 } };
    const r = admit({ operation: 'UPDATE', subresource: 'status', resource: resourceFor('apps/v1', 'Deployment'), object: structuredClone(old), oldObject: old });
    expect(r).toEqual({ ok: true });
  });
});
