/**
 * rest.NewDefaultTableConvertor: what kinds without a printer (Roles, LimitRanges, CRDs without printer columns …)
 * show — NAME and CREATED AT, the creation time as an RFC 3339 date.
 */
import { isoSeconds } from '../../engine';
import { DOC } from './descriptions';
import { timeOf } from './time';
import { NAME_COLUMN, column, type Printer } from './types';

/** Go's zero time.Time, which an object without a creationTimestamp reports. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, column('Created At', 'date', DOC['meta.creationTimestamp'])],
  row(obj: { metadata?: { name?: string; creationTimestamp?: string } }) {
    const created = timeOf(obj.metadata?.creationTimestamp);
    return [obj.metadata?.name ?? '', created === undefined ? ZERO_TIME : isoSeconds(created)];
  },
};
