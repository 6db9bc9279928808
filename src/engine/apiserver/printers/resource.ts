/** Printers of the resource.k8s.io group (dynamic resource allocation, v1beta1 in 1.32). */
import { DOC } from './descriptions';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

interface Meta {
  metadata?: { name?: string; creationTimestamp?: string; deletionTimestamp?: string };
}
interface ResourceClaim extends Meta {
  status?: { allocation?: unknown; reservedFor?: unknown[] };
}
interface ResourceSlice extends Meta {
  spec?: { nodeName?: string; driver?: string; pool?: { name?: string } };
}

const age = (obj: Meta, nowMs: number) => translateTimestampSince(obj.metadata?.creationTimestamp, nowMs);

/** resourceClaimState: `pending`, `allocated`, `allocated,reserved`, with `deleted` first while being deleted. */
function resourceClaimState(obj: ResourceClaim): string {
  const states: string[] = [];
  if (obj.metadata?.deletionTimestamp) states.push('deleted');
  if (!obj.status?.allocation) {
    if (!obj.metadata?.deletionTimestamp) states.push('pending');
  } else {
    states.push('allocated');
    if ((obj.status.reservedFor ?? []).length > 0) states.push('reserved');
  }
  return states.join(',');
}

export const deviceClassPrinter: Printer = {
  columns: [NAME_COLUMN, AGE_COLUMN],
  row: (obj: Meta, nowMs) => [obj.metadata?.name ?? '', age(obj, nowMs)],
};

export const resourceClaimPrinter: Printer = {
  columns: [NAME_COLUMN, column('State', 'string', 'A summary of the current state (allocated, pending, reserved, etc.).'), AGE_COLUMN],
  row: (obj: ResourceClaim, nowMs) => [obj.metadata?.name ?? '', resourceClaimState(obj), age(obj, nowMs)],
};

export const resourceClaimTemplatePrinter: Printer = deviceClassPrinter;

export const resourceSlicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Node', 'string', DOC['rslice.nodeName']),
    column('Driver', 'string', DOC['rslice.driver']),
    column('Pool', 'string', DOC['rslice.pool']),
    AGE_COLUMN,
  ],
  row: (obj: ResourceSlice, nowMs) => [obj.metadata?.name ?? '', obj.spec?.nodeName ?? '', obj.spec?.driver ?? '', obj.spec?.pool?.name ?? '', age(obj, nowMs)],
};
