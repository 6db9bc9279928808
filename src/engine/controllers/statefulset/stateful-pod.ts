/**
 * Stateful pod identity (pkg/controller/statefulset/stateful_set_utils.go): `<set>-<ordinal>` names, the
 * pod-name/pod-index labels, hostname and subdomain for the governing Service, and one PVC per
 * volumeClaimTemplate named `<template>-<set>-<ordinal>`.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { isPodReady, newControllerRef, podFromTemplate } from '../history/pods';

export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** getParentNameAndOrdinal: the ordinal of `<set>-<n>`, or -1. */
export function podOrdinal(set: StatefulSet, pod: Pod): number {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata?.name ?? '');
  if (!m || m[1] !== set.metadata?.name) return -1;
  return Number(m[2]);
}

export const podName = (set: StatefulSet, ordinal: number) => `${set.metadata!.name}-${ordinal}`;

export function claimName(set: StatefulSet, templateName: string, ordinal: number): string {
  return `${templateName}-${set.metadata!.name}-${ordinal}`;
}

/** getPersistentVolumeClaims: the claims a pod of this ordinal mounts, labelled with the set's selector. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((tpl) => {
    const { status: _status, ...copy } = structuredClone(tpl) as PersistentVolumeClaim;
    const claim: PersistentVolumeClaim = copy;
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    const templateName = tpl.metadata?.name ?? '';
    claim.metadata = {
      ...(claim.metadata ?? {}),
      name: claimName(set, templateName, ordinal),
      namespace: set.metadata?.namespace,
      labels: { ...(claim.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
    };
    return claim;
  });
}

/** newStatefulSetPod: the pod for an ordinal, from `set`'s template, tagged with `revision`. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revision: string): Pod {
  const pod = podFromTemplate(set.spec?.template, set.metadata!.name!, newControllerRef(set, 'apps/v1', 'StatefulSet'));
  const name = podName(set, ordinal);
  delete pod.metadata!.generateName;
  pod.metadata!.name = name;
  pod.metadata!.namespace = set.metadata?.namespace;
  pod.metadata!.labels = {
    ...(pod.metadata!.labels ?? {}),
    [STATEFULSET_POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [CONTROLLER_REVISION_HASH_LABEL]: revision,
  };
  pod.spec!.hostname = name;
  if (set.spec?.serviceName) pod.spec!.subdomain = set.spec.serviceName;
  // Each claim template becomes a volume bound to this ordinal's claim, replacing a same-named template volume.
  const volumes = (pod.spec!.volumes ?? []).filter((v) => !(set.spec?.volumeClaimTemplates ?? []).some((t) => t.metadata?.name === v.name));
  for (const tpl of set.spec?.volumeClaimTemplates ?? []) {
    const templateName = tpl.metadata?.name ?? '';
    volumes.push({ name: templateName, persistentVolumeClaim: { claimName: claimName(set, templateName, ordinal) } });
  }
  if (volumes.length > 0) pod.spec!.volumes = volumes;
  return pod;
}

export const podRevision = (pod: Pod) => pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
export const isCreated = (pod: Pod) => !!pod.metadata?.uid;
export const isFailed = (pod: Pod) => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod) => pod.status?.phase === 'Succeeded';
export const isTerminating = (pod: Pod) => !!pod.metadata?.deletionTimestamp;
export const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod);
