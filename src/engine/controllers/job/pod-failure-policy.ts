/**
 * spec.podFailurePolicy (pod_failure_policy.go): the first rule matching a failed pod's exit codes or conditions
 * decides whether the failure fails the Job, is ignored, or counts against backoffLimit.
 */
import type { Pod, ContainerStatus } from 'kubernetes-types/core/v1';
import type { PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement } from 'kubernetes-types/batch/v1';

export interface PolicyMatch {
  /** Set when the matching rule's action is FailJob: the Job fails with this message. */
  failJobMessage?: string;
  /** Whether the failure counts against backoffLimit. */
  countFailed: boolean;
  action?: string;
}

function matchingContainer(statuses: ContainerStatus[] | undefined, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  for (const s of statuses ?? []) {
    const terminated = s.state?.terminated;
    if (!terminated) continue;
    if (req.containerName && req.containerName !== s.name) continue;
    if (terminated.exitCode === 0) continue;
    const listed = req.values.includes(terminated.exitCode);
    if (req.operator === 'In' ? listed : !listed) return s;
  }
  return undefined;
}

/** matchPodFailurePolicy. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return { countFailed: true };
  const where = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  for (const [index, rule] of policy.rules.entries()) {
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const s = matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes) ?? matchingContainer(pod.status?.containerStatuses, rule.onExitCodes);
      if (!s) continue;
      failJobMessage = `Container ${s.name} for pod ${where} failed with exit code ${s.state?.terminated?.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const c = (pod.status?.conditions ?? []).find((pc) => rule.onPodConditions!.some((p) => p.type === pc.type && (p.status ?? 'True') === pc.status));
      if (!c) continue;
      failJobMessage = `Pod ${where} has condition ${c.type} matching ${rule.action} rule at index ${index}`;
    } else {
      continue;
    }
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: rule.action };
      case 'FailJob':
        return { failJobMessage, countFailed: true, action: rule.action };
      default:
        return { countFailed: true, action: rule.action };
    }
  }
  return { countFailed: true };
}
