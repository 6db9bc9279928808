/**
 * The ResourceQuota admission plugin (plugin/pkg/admission/resourcequota), last of the validating plugins: an
 * object a quota of its namespace covers must satisfy the evaluator's constraints, the quota's usage must be
 * known, and the usage it adds must fit under every covering quota's `hard` — else 403 with upstream's messages.
 *
 * Upstream checks against `status.used` and writes the increment back to the quota in the same request. This
 * plugin can only read, so it checks against the usage the namespace's stored objects add up to — what
 * `status.used` holds once the admission increments and the controller's recalculation have landed — and the
 * ResourceQuota controller brings `status.used` there at once.
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import { calculateUsage, evaluatorFor } from '../../../controllers/resourcequota/evaluators';
import { add, isZero, lessThanOrEqual, mask, negativeNames, prettyPrint, removeZeros, subtractNonNegative, type ResourceList } from '../../../controllers/resourcequota/resource-list';
import { AdmissionForbidden, type PluginContext } from './mutating';

/** Resources the plugin never evaluates (the apiserver's default ignored set). */
const IGNORED = new Set(['events', 'events.events.k8s.io', 'bindings', 'tokenreviews', 'subjectaccessreviews', 'localsubjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews']);

function listOf(ctx: PluginContext, group: string, plural: string, namespace: string): any[] {
  const found = ctx.lookup?.({ group, plural }, namespace);
  return Array.isArray(found) ? found : (found?.items ?? []);
}

/**
 * Admits or throws AdmissionForbidden. `nowMs` (epoch ms) decides which terminating pods still count; admission
 * has no clock, so callers pass 0 and pods stuck terminating past their grace period are still charged here.
 */
export function admitResourceQuota(ctx: PluginContext, obj: any, nowMs: number): void {
  const { resource } = ctx;
  if (ctx.subresource || !resource.namespaced || !ctx.lookup) return;
  if (IGNORED.has(resource.group ? `${resource.plural}.${resource.group}` : resource.plural)) return;
  const namespace: string = obj?.metadata?.namespace ?? '';
  const quotas = listOf(ctx, '', 'resourcequotas', namespace) as ResourceQuota[];
  if (quotas.length === 0) return;
  const evaluator = evaluatorFor(resource.group, resource.plural);
  if (!evaluator.handles(ctx.operation)) return;

  const interesting: ResourceQuota[] = [];
  for (const quota of [...quotas].sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)))) {
    if (!evaluator.matchesScopes(quota, obj)) continue;
    const hard = (quota.status?.hard ?? {}) as ResourceList;
    const restricted = evaluator.matchingResources(Object.keys(hard));
    if (restricted.length === 0) continue;
    const violation = evaluator.constraints(restricted, obj);
    if (violation) throw new AdmissionForbidden(`failed quota: ${quota.metadata?.name}: ${violation}`);
    const used = (quota.status?.used ?? {}) as ResourceList;
    if (restricted.some((r) => used[r] === undefined)) {
      throw new AdmissionForbidden(`status unknown for quota: ${quota.metadata?.name}, resources: ${[...restricted].sort().join(',')}`);
    }
    interesting.push(quota);
  }

  let delta = evaluator.usage(obj, nowMs);
  const negative = negativeNames(delta);
  if (negative.length) throw new AdmissionForbidden(`quota usage is negative for resource(s): ${negative.sort().join(',')}`);
  if (ctx.operation === 'UPDATE' && ctx.oldObject?.metadata?.resourceVersion) delta = subtractNonNegative(delta, evaluator.usage(ctx.oldObject, nowMs));
  delta = removeZeros(delta);
  if (isZero(delta) || interesting.length === 0) return;

  const list = (group: string, plural: string) => listOf(ctx, group, plural, namespace);
  for (const quota of interesting) {
    const hard = (quota.status?.hard ?? {}) as ResourceList;
    const requested = mask(delta, Object.keys(hard));
    // What the namespace's stored objects use (on update, the old version of this one included).
    const used = calculateUsage({ ...quota, spec: { ...quota.spec, hard } }, list, nowMs);
    const proposed = mask(add(used, requested), Object.keys(requested));
    const { allowed, exceeded } = lessThanOrEqual(proposed, hard);
    if (!allowed) {
      throw new AdmissionForbidden(
        `exceeded quota: ${quota.metadata?.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      );
    }
  }
}
