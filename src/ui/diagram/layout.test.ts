import { describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../../protocol/messages';
import { DiagramLayout } from './layout';

const ns = (name: string): ObjectSummary => ({ key: `/api/v1/namespaces/${name}`, kind: 'Namespace', resource: 'namespaces', group: '', name, uid: name, resourceVersion: '1' });
const obj = (kind: string, name: string, extra: Partial<ObjectSummary> = {}): ObjectSummary => ({
  key: `/x/${kind}/default/${name}`,
  kind,
  resource: kind.toLowerCase() + 's',
  group: '',
  namespace: 'default',
  name,
  uid: name,
  resourceVersion: '1',
  ...extra,
});
const mapOf = (...objects: ObjectSummary[]) => new Map(objects.map((o) => [o.key, o]));

describe('DiagramLayout', () => {
  it('keeps cards where they are when others are added or removed', () => {
    const layout = new DiagramLayout();
    const first = layout.layout(mapOf(ns('default'), ns('kube-system'), obj('Pod', 'b'), obj('Pod', 'c')));
    const b = first.places.get('/x/Pod/default/b');
    const c = first.places.get('/x/Pod/default/c');
    const second = layout.layout(mapOf(ns('default'), ns('kube-system'), obj('Pod', 'a'), obj('Pod', 'c'), obj('Deployment', 'web')));
    expect(second.places.get('/x/Pod/default/c')).toEqual(c);
    // a takes the slot b freed, rather than pushing c down
    expect(second.places.get('/x/Pod/default/a')).toEqual(b);
  });

  it('puts scheduled pods inside their node card and the rest in the namespace lane', () => {
    const layout = new DiagramLayout();
    const node: ObjectSummary = { key: '/api/v1/nodes/n1', kind: 'Node', resource: 'nodes', group: '', name: 'n1', uid: 'n1', resourceVersion: '1', status: 'Ready' };
    const result = layout.layout(mapOf(ns('default'), node, obj('Pod', 'on', { nodeName: 'n1' }), obj('Pod', 'off')));
    expect(result.nodes.map((n) => [n.node.name, n.pods.map((p) => p.name)])).toEqual([['n1', ['on']]]);
    expect(result.lanes[0].cards.map((c) => c.object.name)).toEqual(['off']);
    expect(result.places.has('node/n1')).toBe(true);
  });

  it('grows lanes in chunks, so a lane below moves only when a chunk fills', () => {
    const layout = new DiagramLayout();
    const y = (r: ReturnType<DiagramLayout['layout']>) => r.lanes.find((l) => l.namespace.name === 'kube-system')!.rect.y;
    const one = y(layout.layout(mapOf(ns('default'), ns('kube-system'), obj('Pod', 'a'))));
    const two = y(layout.layout(mapOf(ns('default'), ns('kube-system'), obj('Pod', 'a'), obj('Pod', 'b'))));
    expect(two).toBe(one);
  });
});
