/** Printers of the coordination.k8s.io group. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import { DOC } from './descriptions';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

export const leasePrinter: Printer = {
  columns: [NAME_COLUMN, column('Holder', 'string', DOC['lease.holderIdentity']), AGE_COLUMN],
  row: (obj: Lease, nowMs) => [obj.metadata?.name ?? '', obj.spec?.holderIdentity ?? '', translateTimestampSince(obj.metadata?.creationTimestamp, nowMs)],
};

interface LeaseCandidate {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { leaseName?: string; binaryVersion?: string; emulationVersion?: string };
}

export const leaseCandidatePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('LeaseName', 'string', DOC['lc.leaseName']),
    // Upstream looks these descriptions up in ObjectMeta's docs, which have no such fields.
    column('BinaryVersion', 'string', ''),
    column('EmulationVersion', 'string', ''),
    AGE_COLUMN,
  ],
  row: (obj: LeaseCandidate, nowMs) => [
    obj.metadata?.name ?? '',
    obj.spec?.leaseName ?? '',
    obj.spec?.binaryVersion ?? '',
    obj.spec?.emulationVersion ?? '',
    translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
  ],
};
