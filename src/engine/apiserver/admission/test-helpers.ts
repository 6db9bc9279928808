/** Shared helpers for the admission tests: resources from the real registry and admit-and-read-the-message. */
import { kubernetesRegistry, type ResourceInfo } from '../registry';
import { admit, type AdmissionRequest } from './index';

const registry = kubernetesRegistry();

export function resourceFor(apiVersion: string, kind: string): ResourceInfo {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const r = registry.forKind(group, version, kind);
  if (!r) throw new Error(`no resource for ${apiVersion} ${kind}`);
  return r;
}

/** Admits a CREATE of `obj` (apiVersion/kind taken from it) and returns the failure message, or 'ok'. */
export function createMessage(obj: Record<string, unknown>, extra: Partial<AdmissionRequest> = {}): string {
  const result = admit({ operation: 'CREATE', resource: resourceFor(obj.apiVersion as string, obj.kind as string), object: obj, ...extra });
  return result.ok ? 'ok' : (result.status.message ?? '');
}

export function updateMessage(obj: Record<string, unknown>, oldObject: Record<string, unknown>, extra: Partial<AdmissionRequest> = {}): string {
  const result = admit({ operation: 'UPDATE', resource: resourceFor(obj.apiVersion as string, obj.kind as string), object: obj, oldObject, ...extra });
  return result.ok ? 'ok' : (result.status.message ?? '');
}
