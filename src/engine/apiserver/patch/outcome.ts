/**
 * What a patch engine returns: the patched value, or the error the upstream apiserver would answer with — both
 * the engine's own message (what the library said) and the metav1.Status the PATCH handler turns it into.
 */
import { badRequest, failure, type Status } from '../status';

export type PatchOutcome<T = unknown> = { ok: true; value: T } | { ok: false; error: string; status: Status };

/**
 * errors.NewGenericServerResponse(422, …) as the PATCH handler uses it for a patch that does not apply: the
 * engine's message is dropped and clients see a fixed sentence.
 */
export function unprocessablePatch(): Status {
  return failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

/** A plain Go error reaching the handler becomes a 500 with an empty reason and the error text as message. */
export function unknownServerError(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 };
}

export const badPatch = (message: string): PatchOutcome<never> => ({ ok: false, error: message, status: badRequest(message) });
