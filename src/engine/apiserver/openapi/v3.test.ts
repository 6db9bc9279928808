import { describe, expect, it } from 'vitest';
import { openApiV3Document, openApiV3Index } from './v3';

describe('/openapi/v3', () => {
  it('indexes the served group-versions with hashed document URLs', () => {
    const { paths } = openApiV3Index();
    expect(paths['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(paths['apis/apps/v1']).toBeDefined();
    expect(Object.keys(paths).some((k) => /alpha|beta/.test(k))).toBe(false);
    expect(paths['apis/resource.k8s.io']).toBeUndefined();
  });

  it('serves a group-version document whose PATCH operations carry fieldValidation', () => {
    const doc = openApiV3Document('apis/apps/v1') as any;
    expect(doc.openapi).toBe('3.0.0');
    const item = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(item.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(item.patch.parameters.find((p: any) => p.name === 'fieldValidation')).toMatchObject({ in: 'query', schema: { type: 'string' } });
    expect(Object.keys(item.patch.requestBody.content)).toContain('application/strategic-merge-patch+json');
    expect(item.parameters.map((p: any) => p.name)).toEqual(['name', 'namespace', 'pretty']);
    expect(item.get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/io.k8s.api.apps.v1.Deployment' });
  });

  it('carries every referenced schema with refs rewritten to components', () => {
    const doc = openApiV3Document('apis/apps/v1') as any;
    const schemas = doc.components.schemas;
    const text = JSON.stringify(doc);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(schemas[name]).toBeDefined();
    expect(text).not.toContain('#/definitions/');
    const containers = schemas['io.k8s.api.core.v1.PodSpec'].properties.containers;
    expect(containers['x-kubernetes-patch-merge-key']).toBe('name');
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy).toMatchObject({
      'x-kubernetes-patch-strategy': 'retainKeys',
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy' }],
    });
  });

  it('has no document for a group-version that is not served', () => {
    expect(openApiV3Document('apis/resource.k8s.io/v1beta1')).toBeUndefined();
  });
});
