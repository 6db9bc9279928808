/**
 * The namespace controller (pkg/controller/namespace/namespace_controller.go): every namespace with a
 * deletionTimestamp is emptied and finalized by the NamespacedResourcesDeleter; while content remains it comes
 * back after about half the estimated time (estimate / 2 + 1 seconds).
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import type { ControllerContext } from '../controller-context';
import { NamespacedResourcesDeleter, ResourcesRemainingError } from './resources-deleter';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const NAME = 'namespace-controller';

export function newNamespaceController(ctx: ControllerContext): Controller {
  const namespaces = ctx.informers.informerFor<Namespace>(NAMESPACES);
  const deleter = new NamespacedResourcesDeleter(ctx.client.as(NAME), () => ctx.engine.timestamp());
  return new Controller(
    ctx.engine,
    NAME,
    {
      reconcile(key) {
        const ns = namespaces.lister.get(key);
        if (!ns) return { note: 'namespace gone' };
        if (!ns.metadata?.deletionTimestamp) return { note: 'not being deleted' };
        try {
          return { note: deleter.delete(key) };
        } catch (err) {
          if (err instanceof ResourcesRemainingError) return { requeueAfter: (Math.floor(err.estimate / 2) + 1) * 1000, note: err.message };
          return { error: err instanceof Error ? err.message : String(err) };
        }
      },
    },
    { decisionLog: ctx.decisions },
  ).watches(namespaces, undefined, { update: (_o, n) => !!n.metadata?.deletionTimestamp });
}
