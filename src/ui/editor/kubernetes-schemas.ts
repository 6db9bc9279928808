/**
 * Kubernetes JSON schemas for monaco-yaml. The OpenAPI definitions (`definitions.json`, being generated under
 * engine/apiserver/openapi/generated/) are picked up when present; until then this returns [] and the editor
 * validates YAML syntax only. import.meta.glob keeps the build working whether or not the file exists.
 */
import type { SchemasSettings } from 'monaco-yaml';

type Definitions = Record<string, Record<string, unknown>>;

const definitionsFiles = import.meta.glob<{ default: unknown }>('../../engine/apiserver/openapi/generated/definitions.json');

export const KUBERNETES_SCHEMA_URI = 'pilothouse://schemas/kubernetes.json';

export async function loadKubernetesSchemas(): Promise<SchemasSettings[]> {
  const load = Object.values(definitionsFiles)[0];
  if (!load) return [];
  const raw = (await load()).default as Record<string, unknown>;
  const definitions = (raw.definitions ?? raw) as Definitions;
  const schema = schemaFromDefinitions(definitions);
  return schema ? [{ uri: KUBERNETES_SCHEMA_URI, fileMatch: ['*'], schema }] : [];
}

/** One schema for any Kubernetes object: dispatches on apiVersion/kind to the matching definition. */
export function schemaFromDefinitions(definitions: Definitions): SchemasSettings['schema'] | undefined {
  const branches: Record<string, unknown>[] = [];
  for (const [name, def] of Object.entries(definitions)) {
    const gvks = def['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined;
    const props = def.properties as Record<string, unknown> | undefined;
    if (!gvks || !props?.metadata || !props?.kind) continue;
    for (const gvk of gvks) {
      if (gvk.kind.endsWith('List')) continue;
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      branches.push({
        if: { properties: { apiVersion: { const: apiVersion }, kind: { const: gvk.kind } }, required: ['apiVersion', 'kind'] },
        then: { $ref: `#/definitions/${name}` },
      });
    }
  }
  if (branches.length === 0) return undefined;
  return { type: 'object', definitions: withLooseScalars(definitions), allOf: branches } as SchemasSettings['schema'];
}

/** OpenAPI v2 types IntOrString and Quantity as strings, but YAML writes `port: 80` and `cpu: 1`: accept both. */
const NUMBER_OR_STRING = ['io.k8s.apimachinery.pkg.util.intstr.IntOrString', 'io.k8s.apimachinery.pkg.api.resource.Quantity'];

function withLooseScalars(definitions: Definitions): Definitions {
  const out = { ...definitions };
  for (const name of NUMBER_OR_STRING) {
    const def = out[name];
    if (def) out[name] = { description: def.description, anyOf: [{ type: 'string' }, { type: 'number' }] };
  }
  return out;
}
