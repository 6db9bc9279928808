import { describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../../protocol/messages';
import { DiagramLayout } from './layout';

const ns = (name: string): ObjectSummary => ({ key: `/api/v1/namespaces/${name}`, kind: 'Namespace', resource: 'namespaces', group: '', name, uid: name, resourceVersion: '1' });
const obj = (kind: string, name: string, extra: Partial<ObjectSummary> = {}): ObjectSummary => ({
  key: `/x/${kind}/${extra.namespace ?? 'default'}/${name}`,
  kind,
  resource: kind.toLowerCase() + 's',
  group: '',
  namespace: 'default',
  name,
  uid: name,
  resourceVersion: '1',
  ...extra,
});
const node = (name: string): ObjectSummary => ({ key: `/api/v1/nodes/${name}`, kind: 'Node', resource: 'nodes', group: '', name, uid: name, resourceVersion: '1', status: 'Ready' });
const mapOf = (...objects: ObjectSummary[]) => new Map(objects.map((o) => [o.key, o]));
const names = (slots: (ObjectSummary | undefined)[]) => slots.map((p) => p?.name);

describe('DiagramLayout', () => {
  it('keeps cards where they are when others are added or removed', () => {
    const layout = new DiagramLayout();
    const first = layout.layout(mapOf(ns('default'), ns('kube-system'), obj('Service', 'b'), obj('Service', 'c')));
    const b = first.places.get('/x/Service/default/b');
    const c = first.places.get('/x/Service/default/c');
    const second = layout.layout(mapOf(ns('default'), ns('kube-system'), obj('Service', 'a'), obj('Service', 'c'), obj('Deployment', 'web')));
    expect(second.places.get('/x/Service/default/c')).toEqual(c);
    // a takes the slot b freed, rather than pushing c down
    expect(second.places.get('/x/Service/default/a')).toEqual(b);
  });

  it('puts scheduled pods inside their node card and unscheduled ones in the Pending area', () => {
    const layout = new DiagramLayout();
    const result = layout.layout(mapOf(ns('default'), node('n1'), obj('Pod', 'on', { nodeName: 'n1' }), obj('Pod', 'off'), obj('Pod', 'lost', { nodeName: 'gone' })));
    expect(result.nodes.map((n) => [n.node.name, names(n.pods)])).toEqual([['n1', ['on']]]);
    expect(names(result.pending)).toEqual(['lost', 'off']);
    expect(result.places.has('node/n1')).toBe(true);
  });

  it('keeps a pod in its chip slot while its neighbours come and go, and nodes where they were', () => {
    const layout = new DiagramLayout();
    const first = layout.layout(mapOf(node('a'), node('b'), obj('Pod', 'p1', { nodeName: 'b' }), obj('Pod', 'p2', { nodeName: 'b' })));
    const b = first.places.get('node/b');
    const second = layout.layout(mapOf(node('b'), obj('Pod', 'p0', { nodeName: 'b' }), obj('Pod', 'p2', { nodeName: 'b' })));
    expect(second.places.get('node/b')).toEqual(b);
    expect(names(second.nodes[0].pods)).toEqual(['p0', 'p2']); // p0 fills p1's hole; p2 did not move
  });

  it('hides filtered namespaces: their lanes and their pods', () => {
    const layout = new DiagramLayout();
    const result = layout.layout(
      mapOf(ns('default'), ns('team'), node('n1'), obj('Pod', 'mine', { nodeName: 'n1' }), obj('Pod', 'theirs', { nodeName: 'n1', namespace: 'team' })),
      new Set(['team']),
    );
    expect(result.lanes.map((l) => l.namespace.name)).toEqual(['default']);
    expect(names(result.nodes[0].pods)).toEqual(['mine']);
  });

  it('derives a Service’s endpoints from its selector until EndpointSlices exist, then from the slices', () => {
    const layout = new DiagramLayout();
    const svc = obj('Service', 'web', { selector: { app: 'web' } });
    const pods = [obj('Pod', 'w1', { labels: { app: 'web' }, nodeName: 'n1', status: 'Running', ready: '1/1' }), obj('Pod', 'x', { labels: { app: 'x' } })];
    const bySelector = layout.layout(mapOf(ns('default'), node('n1'), svc, ...pods));
    expect(bySelector.services[0].endpoints).toEqual([{ pod: 'w1', nodeName: 'n1', ready: true }]);
    const slice = obj('EndpointSlice', 'web-abc', { serviceName: 'web', endpoints: [{ pod: 'w1', nodeName: 'n1', ready: false }] });
    expect(layout.layout(mapOf(ns('default'), node('n1'), svc, slice, ...pods)).services[0].endpoints).toEqual([{ pod: 'w1', nodeName: 'n1', ready: false }]);
  });

  it('grows lanes in chunks, so a lane below moves only when a chunk fills', () => {
    const layout = new DiagramLayout();
    const y = (r: ReturnType<DiagramLayout['layout']>) => r.lanes.find((l) => l.namespace.name === 'kube-system')!.rect.y;
    const one = y(layout.layout(mapOf(ns('default'), ns('kube-system'), obj('Service', 'a'))));
    const two = y(layout.layout(mapOf(ns('default'), ns('kube-system'), obj('Service', 'a'), obj('Service', 'b'))));
    expect(two).toBe(one);
  });
});

describe('node grid for bigger fleets', () => {
  it('widens in tiers so the diagram stays landscape and nodes rarely move', async () => {
    const { nodesPerRow } = await import('./layout');
    expect([1, 4, 9, 10, 36, 37, 100, 101, 5000].map(nodesPerRow)).toEqual([3, 3, 3, 6, 6, 10, 10, 20, 20]);
  });
});
