import { describe, expect, it } from 'vitest';
import { childSchema, definitionForKind, definitionNameForKind, findUnknownFields, itemSchema, patchMeta } from './schema';

const deployment = { group: 'apps', version: 'v1', kind: 'Deployment' };
const pod = { group: '', version: 'v1', kind: 'Pod' };

describe('schema lookup', () => {
  it('finds the definition of a kind by its group-version-kind', () => {
    expect(definitionNameForKind(deployment)).toBe('io.k8s.api.apps.v1.Deployment');
    expect(definitionForKind({ group: 'example.com', version: 'v1', kind: 'Widget' })).toBeUndefined();
  });

  it('walks fields and list items through $refs', () => {
    const spec = childSchema(definitionForKind(pod), 'spec');
    const container = itemSchema(childSchema(spec, 'containers'));
    expect(childSchema(container, 'image')?.type).toBe('string');
    const labels = childSchema(childSchema(definitionForKind(pod), 'metadata'), 'labels');
    expect(labels?.type).toBe('object');
    expect(childSchema(labels, 'any-key')?.type).toBe('string');
  });

  it('reads patch metadata from the property extensions', () => {
    const podSpec = childSchema(definitionForKind(pod), 'spec');
    expect(patchMeta(podSpec, 'containers')).toMatchObject({ strategy: ['merge'], mergeKey: 'name', listType: 'map', listMapKeys: ['name'] });
    expect(patchMeta(podSpec, 'volumes')).toMatchObject({ strategy: ['merge', 'retainKeys'], mergeKey: 'name' });
    expect(patchMeta(podSpec, 'tolerations')).toEqual({ listType: 'atomic' });
    expect(patchMeta(childSchema(definitionForKind(deployment), 'spec'), 'strategy')).toEqual({ strategy: ['retainKeys'] });
  });
});

describe('findUnknownFields', () => {
  it('reports unknown fields with dotted paths and list indices, as strict decoding does', () => {
    const obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { any: 'thing' }, bogus: 1 },
      spec: {
        foo: true,
        template: { spec: { containers: [{ name: 'a', image: 'x', imagePullPolcy: 'Always', resources: { limits: { cpu: '1' } } }] } },
      },
    };
    expect(findUnknownFields(deployment, obj)).toEqual(['metadata.bogus', 'spec.foo', 'spec.template.spec.containers[0].imagePullPolcy']);
  });

  it('matches field names case-sensitively', () => {
    expect(findUnknownFields(pod, { Spec: {} })).toEqual(['Spec']);
  });

  it('accepts anything inside raw extensions and preserve-unknown-fields schemas', () => {
    const rev = { apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { whatever: { deep: 1 } } };
    expect(findUnknownFields({ group: 'apps', version: 'v1', kind: 'ControllerRevision' }, rev)).toEqual([]);
    const crd = {
      spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string', nope: 1 } } } } }] },
    };
    expect(findUnknownFields({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' }, crd)).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties.a.nope',
    ]);
  });

  it('reports nothing for kinds without a schema', () => {
    expect(findUnknownFields({ group: 'example.com', version: 'v1', kind: 'Widget' }, { spec: { x: 1 } })).toEqual([]);
  });
});
