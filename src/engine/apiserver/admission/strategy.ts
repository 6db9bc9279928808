/**
 * The parts of the REST strategies (pkg/registry/<group>/<kind>/strategy.go) that shape an object on create before
 * validation: the Job selector and labels, the Namespace finalizer and phase.
 */
 
import type { ResourceInfo } from '../registry';

/**
 * jobStrategy generates the selector unless spec.manualSelector is set. Upstream does it in Validate, after the
 * UID is filled in, so the object must already carry its metadata.uid.
 */
function generateJobSelector(job: any): void {
  if (job.spec?.manualSelector === true) return;
  job.spec ??= {};
  job.spec.template ??= {};
  job.spec.template.metadata ??= {};
  const labels = (job.spec.template.metadata.labels ??= {});
  const name = job.metadata?.name ?? '';
  const uid = job.metadata?.uid ?? '';
  // A label the user set is kept; a conflict is then reported by validation.
  for (const key of ['job-name', 'batch.kubernetes.io/job-name']) if (!(key in labels)) labels[key] = name;
  for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(key in labels)) labels[key] = uid;
  job.spec.selector ??= {};
  job.spec.selector.matchLabels ??= {};
  if (!('batch.kubernetes.io/controller-uid' in job.spec.selector.matchLabels)) {
    job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'] = uid;
  }
}

/** namespaceStrategy.PrepareForCreate: a namespace is born Active with the `kubernetes` finalizer. */
function prepareNamespace(ns: any): void {
  ns.status = { phase: 'Active' };
  ns.spec ??= {};
  const finalizers: string[] = ns.spec.finalizers ?? [];
  if (!finalizers.includes('kubernetes')) ns.spec.finalizers = [...finalizers, 'kubernetes'];
}

/**
 * The service REST storage fills the IP family fields before allocating (initIPFamilyFields) on this single-stack
 * IPv4 cluster: headless services without a selector ask for every family, others for one.
 */
function initServiceIPFamilies(svc: any): void {
  const spec = (svc.spec ??= {});
  if (spec.type === 'ExternalName') return;
  const headless = spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None';
  const selectorless = Object.keys(spec.selector ?? {}).length === 0;
  spec.ipFamilyPolicy ??= headless && selectorless ? 'RequireDualStack' : 'SingleStack';
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
}

/** UTF-8 text as standard base64, the wire form of Secret data. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The v1 → internal conversion folds stringData into data (stringData wins) and never stores it. */
function foldSecretStringData(secret: any): void {
  if (!secret.stringData) return;
  secret.data ??= {};
  for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = base64(String(v));
  delete secret.stringData;
}

/**
 * Pod conversion: the deprecated spec.serviceAccount only fills an empty serviceAccountName on the way in, and
 * always mirrors it on the way out.
 */
function aliasServiceAccount(pod: any): void {
  const spec = pod.spec;
  if (!spec) return;
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
}

/** What decoding and the strategy do to a create or update body before validation. */
export function prepare(resource: ResourceInfo, operation: 'CREATE' | 'UPDATE', subresource: string | undefined, obj: any): void {
  const key = `${resource.group}/${resource.kind}`;
  if (key === '/Secret') foldSecretStringData(obj);
  if (key === '/Pod') aliasServiceAccount(obj);
  if (operation !== 'CREATE' || subresource) return;
  if (key === 'batch/Job') generateJobSelector(obj);
  else if (key === '/Namespace') prepareNamespace(obj);
  else if (key === '/Service') initServiceIPFamilies(obj);
}
