/**
 * How kubectl turns failures into stderr lines (k8s.io/kubectl/pkg/cmd/util/helpers.go CheckErr): Status errors
 * as `Error from server (Reason): message`, Invalid errors as `The Kind "name" is invalid: field: detail`, other
 * errors prefixed with `error: `. Every failure exits 1.
 */
import type { ApiResponse } from '../apiserver/types';
import { isStatus, type Status } from '../apiserver/status';

/** A failure that ends the command; `message` is printed to stderr as is (a newline is added when missing). */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A server error carried to CheckErr as the Status it is. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
  }
}

/** The Status in a failed response (or a synthetic one when the body is not a Status). */
export function statusOf(res: ApiResponse): Status {
  if (isStatus(res.body)) return res.body;
  const message = typeof res.body === 'string' && res.body ? res.body : `the server responded with the status code ${res.status} but did not return more information`;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: reasonForCode(res.status), code: res.status };
}

function reasonForCode(code: number): string {
  switch (code) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 405:
      return 'MethodNotAllowed';
    case 409:
      return 'Conflict';
    case 410:
      return 'Expired';
    case 415:
      return 'UnsupportedMediaType';
    case 422:
      return 'Invalid';
    case 429:
      return 'TooManyRequests';
    case 500:
      return 'InternalError';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'Timeout';
    default:
      return 'Unknown';
  }
}

/** StandardErrorMessage for a Status: `Error from server (NotFound): pods "x" not found`. */
export function standardStatusMessage(status: Status): string {
  if (status.reason === 'Unauthorized') return `error: You must be logged in to the server (${status.message})`;
  if (status.reason) return `Error from server (${status.reason}): ${status.message}`;
  return `Error from server: ${status.message}`;
}

/** CheckErr's wording for a single error. */
export function checkErrMessage(err: unknown): string {
  if (err instanceof KubectlError) return err.message;
  if (err instanceof StatusError) {
    const s = err.status;
    if (s.reason === 'Invalid') {
      const d = s.details;
      if (!d) return `The request is invalid${s.message ? ': ' + s.message : ''}`;
      const prefix = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
      const causes = d.causes ?? [];
      if (causes.length === 0) return prefix;
      const lines = causes.map((c) => `${c.field}: ${c.message}`);
      return lines.length === 1 ? `${prefix}: ${lines[0]}` : `${prefix}: \n${lines.map((l) => `* ${l}`).join('\n')}`;
    }
    return standardStatusMessage(s);
  }
  const msg = err instanceof Error ? err.message : String(err);
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

/** One line per error, as MultipleErrors prints an aggregate. */
export function messageForError(err: unknown): string {
  if (err instanceof StatusError) return standardStatusMessage(err.status);
  if (err instanceof KubectlError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
