/** Printers of the certificates.k8s.io group. */
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import { DOC } from './descriptions';
import { humanDuration } from './duration';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

/** extractCSRStatus: Denied over Approved over Pending, then `,Failed` and `,Issued`. */
function csrCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

export const certificateSigningRequestPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    column('SignerName', 'string', DOC['csr.signerName']),
    column('Requestor', 'string', DOC['csr.request']),
    column('RequestedDuration', 'string', DOC['csr.expirationSeconds']),
    column('Condition', 'string', DOC['csr.conditions']),
  ],
  row(obj: CertificateSigningRequest, nowMs) {
    const seconds = obj.spec?.expirationSeconds;
    return [
      obj.metadata?.name ?? '',
      translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
      obj.spec?.signerName || '<none>',
      obj.spec?.username ?? '',
      seconds !== undefined && seconds !== null ? humanDuration(seconds * 1000) : '<none>',
      csrCondition(obj),
    ];
  },
};

interface ClusterTrustBundle {
  metadata?: { name?: string };
  spec?: { signerName?: string };
}

export const clusterTrustBundlePrinter: Printer = {
  columns: [NAME_COLUMN, column('SignerName', 'string', DOC['ctb.signerName'])],
  row: (obj: ClusterTrustBundle) => [obj.metadata?.name ?? '', obj.spec?.signerName || '<none>'],
};
