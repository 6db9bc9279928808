/**
 * What differs between a ReplicaSet and a ReplicationController for the shared controller code, as upstream's
 * replication manager wraps the ReplicaSet controller: the resource, the kind, the controller's name and how
 * the selector is written (a LabelSelector vs. a plain map).
 */
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { ReplicationController } from 'kubernetes-types/core/v1';
import { labelSelectorAsMatcher, selectorFromSet, type LabelSelectorResult } from '../../apiserver/selectors/labels';
import type { GroupVersionResource } from '../../client/paths';

export type ReplicaSetLike = ReplicaSet | ReplicationController;
export type ReplicaSetLikeStatus = ReplicaSetStatus;
export type ReplicaSetLikeCondition = ReplicaSetCondition;

export interface WorkloadKind {
  gvr: GroupVersionResource;
  apiVersion: string;
  kind: string;
  /** The controller's name: its client, event source and queue. */
  controllerName: string;
  selector(obj: ReplicaSetLike): LabelSelectorResult;
}

export const REPLICA_SET_KIND: WorkloadKind = {
  gvr: { group: 'apps', version: 'v1', resource: 'replicasets' },
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  controllerName: 'replicaset-controller',
  selector: (rs) => labelSelectorAsMatcher((rs as ReplicaSet).spec?.selector),
};

export const REPLICATION_CONTROLLER_KIND: WorkloadKind = {
  gvr: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  apiVersion: 'v1',
  kind: 'ReplicationController',
  controllerName: 'replication-controller',
  // An RC's selector is a map; an empty one matches nothing here (the apiserver defaults it from the template).
  selector: (rc) => {
    const sel = (rc as ReplicationController).spec?.selector;
    return sel && Object.keys(sel).length > 0 ? { ok: true, selector: selectorFromSet(sel) } : labelSelectorAsMatcher(undefined);
  },
};
