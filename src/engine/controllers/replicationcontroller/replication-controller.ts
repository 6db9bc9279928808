/**
 * The ReplicationController manager (pkg/controller/replication): upstream runs the ReplicaSet controller on
 * ReplicationControllers through conversion adapters; here the same controller code runs with the RC's kind,
 * resource, map selector and name.
 */
import type { Controller } from '../../client/controller';
import type { ControllerContext } from '../controller-context';
import { newReplicaSetLikeController } from '../replicaset/replicaset-controller';
import { REPLICATION_CONTROLLER_KIND } from '../replicaset/workload-kind';

export function newReplicationController(ctx: ControllerContext): Controller {
  return newReplicaSetLikeController(ctx, REPLICATION_CONTROLLER_KIND);
}
