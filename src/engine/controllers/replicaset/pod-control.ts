/**
 * How a workload controller creates and deletes its pods (pkg/controller's RealPodControl), with the events
 * upstream records on the controlling object, and slowStartBatch: creations go out in batches of 1, 2, 4 …
 * and stop at the first failing batch, so a controller that cannot create pods (quota, admission) fails after
 * one call instead of hundreds.
 */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { Status } from '../../apiserver/status';
import { isNotFound, type ApiResult } from '../../client/api-result';
import type { KubeObject, ResourceClient } from '../../client/rest-client';
import type { EventRecorder } from '../../record/event-recorder';

export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause). */
export function isNamespaceTerminating(status: Status | undefined): boolean {
  return !!status?.details?.causes?.some((c) => c.reason === 'NamespaceTerminating');
}

/** controller.GetPodFromTemplate: the template's labels, annotations, finalizers and spec; name `<owner>-xxxxx`. */
export function podFromTemplate(template: PodTemplateSpec | undefined, ownerName: string, ref: OwnerReference | undefined): Pod {
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: `${ownerName}-` },
    spec: structuredClone(template?.spec ?? { containers: [] }),
  };
  const m = pod.metadata!;
  if (meta.labels) m.labels = { ...meta.labels };
  if (meta.annotations) m.annotations = { ...meta.annotations };
  if (meta.finalizers) m.finalizers = [...meta.finalizers];
  if (ref) m.ownerReferences = [ref];
  return pod;
}

export type PodControlResult = { ok: true; name: string } | { ok: false; error: string; status?: Status };

export class PodControl {
  constructor(
    private readonly pods: ResourceClient<Pod>,
    private readonly recorder: EventRecorder,
  ) {}

  createPod(namespace: string, template: PodTemplateSpec | undefined, owner: KubeObject, ref: OwnerReference): PodControlResult {
    const pod = podFromTemplate(template, owner.metadata?.name ?? '', ref);
    if (Object.keys(pod.metadata?.labels ?? {}).length === 0) return { ok: false, error: 'unable to create pods, no labels' };
    const res = this.pods.create(namespace, pod);
    if (!res.ok) {
      if (!isNamespaceTerminating(res.status)) this.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${res.status.message}`);
      return { ok: false, error: res.status.message ?? 'create failed', status: res.status };
    }
    this.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${res.value.metadata?.name}`);
    return { ok: true, name: res.value.metadata?.name ?? '' };
  }

  deletePod(namespace: string, name: string, owner: KubeObject): PodControlResult {
    const res: ApiResult<unknown> = this.pods.delete(namespace, name);
    if (!res.ok) {
      if (isNotFound(res.status)) return { ok: false, error: res.status.message ?? 'not found', status: res.status };
      this.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${res.status.message}`);
      return { ok: false, error: `unable to delete pods: ${res.status.message}`, status: res.status };
    }
    this.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    return { ok: true, name };
  }
}

/**
 * slowStartBatch: calls `fn` `count` times in batches of initialBatchSize, doubling; a batch with a failure
 * ends the run. Returns how many calls succeeded and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => string | undefined): { successes: number; error?: string } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstError: string | undefined;
    for (let i = 0; i < batch; i++) {
      const err = fn();
      if (err === undefined) successes++;
      else firstError ??= err;
    }
    if (firstError !== undefined) return { successes, error: firstError };
    remaining -= batch;
  }
  return { successes };
}
