/** Printers of the node.k8s.io group. */
import type { RuntimeClass } from 'kubernetes-types/node/v1';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

export const runtimeClassPrinter: Printer = {
  // Upstream looks the Handler description up in ObjectMeta's docs, which have no such field.
  columns: [NAME_COLUMN, column('Handler', 'string', ''), AGE_COLUMN],
  row: (obj: RuntimeClass, nowMs) => [obj.metadata?.name ?? '', obj.handler ?? '', translateTimestampSince(obj.metadata?.creationTimestamp, nowMs)],
};
