/**
 * The root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher): every namespace gets the
 * `kube-root-ca.crt` ConfigMap holding the cluster's CA bundle, which pods' projected service-account volumes
 * mount. The simulated cluster's CA is a fixed, well-formed PEM block (there is no real TLS in the simulation).
 */
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { isAlreadyExists } from '../../client/api-result';
import type { ControllerContext } from '../controller-context';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const CONFIG_MAPS = { group: '', version: 'v1', resource: 'configmaps' };
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

const CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIPilotHouSe0wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE',
  'AxMKa3ViZXJuZXRlczAeFw0yNTAxMDEwMDAwMDBaFw0zNTAxMDEwMDAwMDBaMBUx',
  'EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

export function newRootCACertPublisher(ctx: ControllerContext): Controller {
  const namespaces = ctx.informers.informerFor<Namespace>(NAMESPACES);
  const configMaps = ctx.informers.informerFor<ConfigMap>(CONFIG_MAPS);
  const api = ctx.client.as('root-ca-cert-publisher').resource<ConfigMap>(CONFIG_MAPS);
  return new Controller(
    ctx.engine,
    'root-ca-cert-publisher',
    {
      reconcile(key) {
        const ns = namespaces.lister.get(key);
        if (!ns || ns.status?.phase !== 'Active' || ns.metadata?.deletionTimestamp) return { note: 'namespace not active' };
        const existing = configMaps.lister.namespace(key).get(ROOT_CA_CONFIGMAP);
        if (existing) {
          if (existing.data?.['ca.crt'] === CA_PEM) return { note: 'up to date' };
          const fixed = structuredClone(existing);
          fixed.data = { 'ca.crt': CA_PEM };
          const res = api.update(key, fixed);
          return res.ok ? { note: 'restored ca.crt' } : { error: res.status.message };
        }
        const created = api.create(key, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
          data: { 'ca.crt': CA_PEM },
        });
        if (!created.ok && !isAlreadyExists(created.status)) return { error: created.status.message };
        return { note: `published ${key}/${ROOT_CA_CONFIGMAP}` };
      },
    },
    { decisionLog: ctx.decisions },
  )
    .watches(namespaces)
    .watches(configMaps, (cm) => (cm.metadata?.name === ROOT_CA_CONFIGMAP ? [cm.metadata.namespace ?? ''] : []), { create: () => false });
}
