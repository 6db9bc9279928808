import { expect, it } from 'vitest';
import definitions from '../../engine/apiserver/openapi/generated/definitions.json';
import { schemaFromDefinitions } from './kubernetes-schemas';

it('builds one schema that dispatches on apiVersion and kind to the OpenAPI definition', () => {
  const schema = schemaFromDefinitions(definitions as never) as Record<string, any>;
  const deployment = schema.allOf.find((b: any) => b.if.properties.kind.const === 'Deployment' && b.if.properties.apiVersion.const === 'apps/v1');
  expect(deployment.then).toEqual({ $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' });
  expect(schema.allOf.some((b: any) => b.if.properties.kind.const === 'Service' && b.if.properties.apiVersion.const === 'v1')).toBe(true);
  expect(schema.allOf.some((b: any) => b.if.properties.kind.const.endsWith('List'))).toBe(false);
  expect(schema.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].anyOf).toEqual([{ type: 'string' }, { type: 'number' }]);
});
