/** The apiservices table of kube-aggregator's own storage (not pkg/printers). */
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

interface APIService {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { service?: { namespace?: string; name?: string } };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string }> };
}

export const apiServicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'string', 'Whether this service is available.'),
    AGE_COLUMN,
  ],
  row(obj: APIService, nowMs) {
    const svc = obj.spec?.service;
    const available = (obj.status?.conditions ?? []).find((c) => c.type === 'Available');
    let status = 'Unknown';
    if (available) {
      if (available.status === 'True') status = available.status;
      else status = available.reason ? `${available.status} (${available.reason})` : available.status;
    }
    return [obj.metadata?.name ?? '', svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local', status, translateTimestampSince(obj.metadata?.creationTimestamp, nowMs)];
  },
};
