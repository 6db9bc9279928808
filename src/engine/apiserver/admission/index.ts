/**
 * Admission for create and update: what a kube-apiserver does to a decoded body before storing it, in upstream
 * order — decoding (type check, then scheme defaulting), the mutating admission plugins, the REST strategy's
 * preparation, and validation — with upstream's errors: 400 BadRequest for bodies that would not decode, 403 from
 * a plugin, 422 Invalid listing field errors.
 */
 
import type { ResourceInfo } from '../registry';
import { forbidden, invalid, type FieldError, type Status } from '../status';
import { applyDefaults } from './defaults';
import { dedupe } from './field';
import { AdmissionForbidden, runMutatingPlugins, type Lookup } from './plugins/mutating';
import { prepare } from './strategy';
import { limitRangerValidate } from './plugins/limitranger';
import { admitResourceQuota } from './plugins/resourcequota';
import { typeCheck } from './typecheck';
import { validateObject as validate } from './validation';

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE';
  resource: ResourceInfo;
  /** 'status', 'scale', … */
  subresource?: string;
  /** A fresh object the caller owns; defaulting and mutating plugins change it in place. For a Job it must already
   * carry metadata.uid (upstream generates the Job selector from the UID in Validate, after the UID is set). */
  object: any;
  /** The stored object on UPDATE (read-only). */
  oldObject?: any;
  /** Reads stored objects for plugins that consult them (Priority, DefaultStorageClass). Without it those plugins
   * act as if none exist. */
  lookup?: Lookup;
}

export type AdmissionResult = { ok: true } | { ok: false; status: Status };

export { applyDefaults } from './defaults';
export { typeCheck } from './typecheck';
export type { Lookup } from './plugins/mutating';

export function validateObject(req: AdmissionRequest): FieldError[] {
  return validate(req);
}

export function admit(req: AdmissionRequest): AdmissionResult {
  const { resource, object } = req;
  const decodeError = typeCheck(resource, object);
  if (decodeError) return { ok: false, status: decodeError };
  applyDefaults(resource, object);
  const name = object?.metadata?.name ?? '';
  try {
    runMutatingPlugins({ operation: req.operation, resource, subresource: req.subresource, oldObject: req.oldObject, lookup: req.lookup }, object);
  } catch (e) {
    if (e instanceof AdmissionForbidden) return { ok: false, status: forbidden({ group: resource.group, resource: resource.plural }, name, e.message) };
    throw e;
  }
  prepare(resource, req.operation, req.subresource, object);
  const errs = dedupe(validate(req));
  if (errs.length > 0) return { ok: false, status: invalid({ group: resource.group, kind: resource.kind }, name, errs) };
  // Validating admission, after the object validated: LimitRanger, then ResourceQuota (last, as upstream).
  try {
    const ctx = { operation: req.operation, resource, subresource: req.subresource, oldObject: req.oldObject, lookup: req.lookup };
    limitRangerValidate(ctx, object);
    admitResourceQuota(ctx, object, 0);
  } catch (e) {
    if (e instanceof AdmissionForbidden) return { ok: false, status: forbidden({ group: resource.group, resource: resource.plural }, object?.metadata?.name ?? name, e.message) };
    throw e;
  }
  return { ok: true };
}
