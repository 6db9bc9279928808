/** Defaulting for batch/v1 (pkg/apis/batch/v1/defaults.go). */
 
import { defaultPodTemplateSpec } from './core';

const MAX_INT32 = 2147483647;

export function defaultJob(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  // A non-parallel job may leave both unset; both then become 1.
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? MAX_INT32 : 6;
  const templateLabels = spec.template?.metadata?.labels;
  obj.metadata ??= {};
  if (templateLabels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...templateLabels };
  if (!spec.completionMode) spec.completionMode = 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) if (!pattern.status) pattern.status = 'True';
  }
  if (!spec.podReplacementPolicy) spec.podReplacementPolicy = spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultPodTemplateSpec(spec.template);
}

export function defaultCronJob(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  // SetDefaults_Job takes a Job, so a job template gets only the pod template defaults.
  defaultPodTemplateSpec(spec.jobTemplate?.spec?.template);
}
