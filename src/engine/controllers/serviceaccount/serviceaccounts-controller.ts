/**
 * The serviceaccount controller (pkg/controller/serviceaccount/serviceaccounts_controller.go): every active
 * namespace gets a `default` ServiceAccount, re-created if someone deletes it.
 */
import type { Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { isAlreadyExists } from '../../client/api-result';
import type { ControllerContext } from '../controller-context';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const SERVICE_ACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts' };
export const DEFAULT_SERVICE_ACCOUNT = 'default';

export function newServiceAccountsController(ctx: ControllerContext): Controller {
  const namespaces = ctx.informers.informerFor<Namespace>(NAMESPACES);
  const serviceAccounts = ctx.informers.informerFor<ServiceAccount>(SERVICE_ACCOUNTS);
  const api = ctx.client.as('serviceaccount-controller').resource<ServiceAccount>(SERVICE_ACCOUNTS);
  return new Controller(
    ctx.engine,
    'serviceaccount-controller',
    {
      reconcile(key) {
        const ns = namespaces.lister.get(key);
        if (!ns) return { note: 'namespace gone' };
        if (ns.status?.phase !== 'Active' || ns.metadata?.deletionTimestamp) return { note: 'namespace not active' };
        if (serviceAccounts.lister.namespace(key).get(DEFAULT_SERVICE_ACCOUNT)) return { note: 'default service account exists' };
        const created = api.create(key, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT } });
        if (!created.ok && !isAlreadyExists(created.status)) return { error: created.status.message };
        return { note: `created ServiceAccount ${key}/${DEFAULT_SERVICE_ACCOUNT}` };
      },
    },
    { decisionLog: ctx.decisions },
  )
    .watches(namespaces)
    .watches(serviceAccounts, (sa) => [sa.metadata?.namespace ?? ''], { create: () => false, update: () => false });
}
