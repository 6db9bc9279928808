/**
 * API call outcomes as values: a client call either yields the decoded body or the metav1.Status the server
 * answered with. API errors are data (a controller branches on NotFound or Conflict), never exceptions.
 */
import { failure, isStatus, type Status } from '../apiserver/status';
import type { ApiResponse } from '../apiserver/types';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: Status };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = <T = never>(status: Status): ApiResult<T> => ({ ok: false, status });

/** Reasons client-go's apierrors.NewGenericServerResponse assigns to a bare HTTP code. */
const REASON_FOR_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** A response as a result: 2xx carries the body; anything else the Status (synthesised when the body is not one). */
export function toResult<T>(res: ApiResponse): ApiResult<T> {
  if (res.status >= 200 && res.status < 300) return ok(res.body as T);
  if (isStatus(res.body)) return fail(res.body);
  const reason = REASON_FOR_CODE[res.status] ?? 'Unknown';
  const message = typeof res.body === 'string' && res.body ? res.body : `the server responded with the status code ${res.status} but did not return more information`;
  return fail(failure(res.status, reason, message));
}

/** A failure raised by the client before any request is sent (e.g. an empty name), as client-go returns one. */
export function clientError(message: string): Status {
  return failure(400, 'BadRequest', message);
}

// Predicates named after k8s.io/apimachinery/pkg/api/errors.
const hasReason = (s: Status | undefined, reason: string, code: number) => !!s && (s.reason === reason || (!s.reason && s.code === code));

export const isNotFound = (s: Status | undefined) => hasReason(s, 'NotFound', 404);
export const isAlreadyExists = (s: Status | undefined) => hasReason(s, 'AlreadyExists', 409);
export const isConflict = (s: Status | undefined) => hasReason(s, 'Conflict', 409);
export const isInvalid = (s: Status | undefined) => hasReason(s, 'Invalid', 422);
export const isTooManyRequests = (s: Status | undefined) => hasReason(s, 'TooManyRequests', 429);
/** 410 Gone: a resourceVersion or continue token too old for the server's history. */
export const isResourceExpired = (s: Status | undefined) => !!s && (s.reason === 'Expired' || s.reason === 'Gone' || s.code === 410);
