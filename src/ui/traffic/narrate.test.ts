import { describe, expect, it } from 'vitest';
import { narrate, singular } from './narrate';

const base = { id: 1, t: 0 } as const;

describe('narrate', () => {
  it('says who did what to which object', () => {
    expect(narrate({ ...base, kind: 'request', from: 'kubectl', to: 'kube-apiserver', verb: 'create', resource: 'deployments', namespace: 'default', name: 'web', status: 201 })).toBe(
      'kubectl created deployment default/web',
    );
    expect(narrate({ ...base, kind: 'request', from: 'kube-scheduler', to: 'kube-apiserver', verb: 'create', resource: 'pods', subresource: 'binding', namespace: 'default', name: 'web-1', status: 201 })).toBe(
      'kube-scheduler created pod/binding default/web-1',
    );
    expect(narrate({ ...base, kind: 'request', from: 'kubectl', to: 'kube-apiserver', verb: 'list', resource: 'pods', namespace: 'default', status: 200 })).toBe('kubectl listed pods in default');
  });

  it('narrates failures with status and reason', () => {
    expect(narrate({ ...base, kind: 'request', from: 'kubectl', to: 'kube-apiserver', verb: 'get', resource: 'deployments', namespace: 'default', name: 'web', status: 404, reason: 'NotFound' })).toBe(
      'kubectl could not get deployment default/web: 404 NotFound',
    );
  });

  it('narrates watch notifications and store writes as arrows', () => {
    expect(narrate({ ...base, kind: 'watch', from: 'kube-apiserver', to: 'deployment-controller', verb: 'ADDED', resource: 'deployments', namespace: 'default', name: 'web' })).toBe(
      'apiserver → deployment-controller: ADDED deployment web',
    );
    expect(narrate({ ...base, kind: 'store', from: 'kube-apiserver', to: 'etcd', verb: 'put', path: '/registry/deployments/default/web' })).toBe(
      'apiserver → etcd: put /registry/deployments/default/web',
    );
  });

  it('singularises resource names', () => {
    expect(['deployments', 'networkpolicies', 'ingresses', 'endpoints', 'storageclasses', 'pods'].map(singular)).toEqual([
      'deployment',
      'networkpolicy',
      'ingress',
      'endpoints',
      'storageclass',
      'pod',
    ]);
  });
});
