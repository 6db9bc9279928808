/**
 * metav1.Status errors, worded as the upstream apiserver words them
 * (k8s.io/apimachinery/pkg/api/errors/errors.go).
 */
import type { ApiResponse } from './types';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** Identifies a resource in messages: `deployments.apps`, or `pods` for the core group. */
export interface QualifiedResource {
  group: string;
  resource: string;
}

export function qualified(gr: QualifiedResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

export function success(details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}

export function respond(status: Status): ApiResponse<Status> {
  return { status: status.code, body: status };
}

export const notFound = (gr: QualifiedResource, name: string) =>
  failure(404, 'NotFound', `${qualified(gr)} "${name}" not found`, { name, group: gr.group, kind: gr.resource });

export const alreadyExists = (gr: QualifiedResource, name: string) =>
  failure(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, { name, group: gr.group, kind: gr.resource });

export const conflict = (gr: QualifiedResource, name: string, err: string) =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${err}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });

export const OPTIMISTIC_LOCK_ERROR = 'the object has been modified; please apply your changes to the latest version and try again';

/** A field error as field.Error prints it: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export interface FieldError {
  /** field.ErrorType reason: FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueDuplicate, FieldValueForbidden, FieldValueTooLong, FieldValueTypeInvalid. */
  type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany' | 'FieldValueTypeInvalid' | 'FieldValueNotFound' | 'InternalError';
  field: string;
  /** The full message after the field, e.g. `Invalid value: -1: must be greater than or equal to 0`. */
  detail: string;
}

/** 422 Invalid, as errors.NewInvalid builds it: `Deployment.apps "web" is invalid: [a, b]`. */
export function invalid(kind: { group: string; kind: string }, name: string, errs: FieldError[]): Status {
  const qualifiedKind = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  const messages = errs.map((e) => `${e.field}: ${e.detail}`);
  const joined = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group: kind.group,
    kind: kind.kind,
    causes: errs.map((e) => ({ reason: e.type, message: e.detail, field: e.field })),
  });
}

export const badRequest = (message: string) => failure(400, 'BadRequest', message);
export const methodNotSupported = (gr: QualifiedResource, action: string) =>
  failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualified(gr)}"`, { group: gr.group, kind: gr.resource });
export const gone = (message: string) => failure(410, 'Expired', message);
export const forbidden = (gr: QualifiedResource, name: string, err: string) =>
  failure(403, 'Forbidden', `${qualified(gr)}${name ? ` "${name}"` : ''} is forbidden: ${err}`, { name, group: gr.group, kind: gr.resource });
export const internalError = (err: string) =>
  failure(500, 'InternalError', `Internal error occurred: ${err}`, { causes: [{ message: err }] });
export const tooManyRequests = (message: string, retryAfterSeconds?: number) =>
  failure(429, 'TooManyRequests', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
/** The bare 404 for a path no handler serves. */
export const pathNotFound = () => failure(404, 'NotFound', 'the server could not find the requested resource', {});

export function isStatus(x: unknown): x is Status {
  return typeof x === 'object' && x !== null && (x as Status).kind === 'Status' && (x as Status).apiVersion === 'v1';
}
