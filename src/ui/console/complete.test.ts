import { describe, expect, it } from 'vitest';
import type { ObjectSummary, ResourceView } from '../../protocol/messages';
import { complete } from './complete';

const resources: ResourceView[] = [
  { plural: 'pods', singular: 'pod', kind: 'Pod', group: '', shortNames: ['po'], namespaced: true },
  { plural: 'deployments', singular: 'deployment', kind: 'Deployment', group: 'apps', shortNames: ['deploy'], namespaced: true },
  { plural: 'nodes', singular: 'node', kind: 'Node', group: '', shortNames: ['no'], namespaced: false },
];
const o = (kind: string, group: string, name: string, namespace?: string): ObjectSummary => ({
  key: `${kind}/${namespace}/${name}`,
  kind,
  group,
  resource: '',
  name,
  uid: name,
  resourceVersion: '1',
  ...(namespace ? { namespace } : {}),
});
const objects = new Map(
  [o('Deployment', 'apps', 'web', 'default'), o('Deployment', 'apps', 'worker', 'default'), o('Deployment', 'apps', 'api', 'team'), o('Node', '', 'worker-1')].map((x) => [x.key, x]),
);

describe('complete', () => {
  it('completes commands, then kinds, then names of that kind in the namespace', () => {
    expect(complete('des', resources, objects).line).toBe('describe ');
    expect(complete('kubectl get depl', resources, objects)).toEqual({ line: 'kubectl get deploy', candidates: ['deploy', 'deployments'] });
    expect(complete('kubectl get deploym', resources, objects).line).toBe('kubectl get deployments ');
    expect(complete('get deploy w', resources, objects)).toEqual({ line: 'get deploy w', candidates: ['web', 'worker'] });
    expect(complete('get deploy we', resources, objects).line).toBe('get deploy web ');
    expect(complete('get deploy -n team ', resources, objects).line).toBe('get deploy -n team api ');
    expect(complete('cordon wor', resources, objects).line).toBe('cordon worker-1 ');
    expect(complete('rollout st', resources, objects).line).toBe('rollout status ');
  });

  it('leaves the line alone when nothing matches', () => {
    expect(complete('get frob', resources, objects)).toEqual({ line: 'get frob', candidates: [] });
  });
});
