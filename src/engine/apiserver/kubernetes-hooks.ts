/**
 * Wires the Kubernetes-specific stages into the generic apiserver: admission (type checks, defaulting, admission
 * plugins, validation — admission/), unknown-field detection from the OpenAPI schemas (openapi/), and the patch
 * engines (patch/).
 */
import { parse as parseYaml } from 'yaml';
import type { ApiServerHooks, PatchType } from './hooks';
import { admit, type Lookup } from './admission';
import { definitionForKind, findUnknownFields, type GroupVersionKindRef } from './openapi/schema';
import { applyJsonMergePatch, applyJsonPatch, applyStrategicMergePatch, createApplyPatch } from './patch';
import { badRequest, failure } from './status';
import { admitEviction } from '../controllers/disruption/eviction-policy';

type Obj = Record<string, any>;

export function kubernetesHooks(lookup?: Lookup): ApiServerHooks {
  return {
    admit: (req) => admit({ ...req, lookup }),
    unknownFields: (gvk, obj) => findUnknownFields(gvk, obj),
    patch: (type, gvk, current, body) => applyPatch(type, gvk, current, body),
    // PodDisruptionBudgets guard pods/eviction (the policy lives with the disruption controller).
    admitEviction: (pod, ctx) => admitEviction(pod, ctx),
  };
}

function applyPatch(type: PatchType, gvk: GroupVersionKindRef, current: unknown, body: unknown) {
  switch (type) {
    case 'json':
      return applyJsonPatch(current, body);
    case 'merge':
      return applyJsonMergePatch(current, body);
    case 'strategic': {
      const schema = definitionForKind(gvk);
      if (!schema) {
        return {
          ok: false as const,
          status: failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`),
        };
      }
      return applyStrategicMergePatch(current, body, schema);
    }
    case 'apply':
      return applyConfiguration(gvk, current, body);
  }
}

/**
 * Server-side apply, approximated: the applied configuration is merged into the live object as a strategic merge
 * (fields it sets win; lists merge by key). Field ownership (managedFields) and the removal of fields a manager
 * stopped applying are not modelled yet.
 */
function applyConfiguration(gvk: GroupVersionKindRef, current: unknown, body: unknown) {
  let applied: unknown = body;
  if (typeof body === 'string') {
    try {
      applied = parseYaml(body);
    } catch (err) {
      return { ok: false as const, status: badRequest(`error decoding YAML: ${(err as Error).message}`) };
    }
  }
  if (typeof applied !== 'object' || applied === null || Array.isArray(applied)) {
    return { ok: false as const, status: badRequest('invalid object: the applied configuration must be an object') };
  }
  if (current === undefined) return { ok: true as const, value: applied };
  const schema = definitionForKind(gvk);
  return schema ? applyStrategicMergePatch(current, applied, schema) : applyJsonMergePatch(current, applied);
}

/** The patch `kubectl apply` sends for a kind: a three-way strategic merge patch (JSON merge without a schema). */
export function threeWayPatchFor(gvk: { group: string; version: string; kind: string }, original: Obj | undefined, modified: Obj, current: Obj): Obj {
  return createApplyPatch(original ?? {}, modified, current, definitionForKind(gvk)).patch;
}
