/** Printers of the scheduling.k8s.io group. */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { DOC } from './descriptions';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

export const priorityClassPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Value', 'integer', DOC['pc.value']),
    column('Global-Default', 'boolean', DOC['pc.globalDefault']),
    AGE_COLUMN,
    // Priority 0 upstream, so it shows without -o wide too.
    column('PreemptionPolicy', 'string', DOC['pc.preemptionPolicy']),
  ],
  row: (obj: PriorityClass, nowMs) => [
    obj.metadata?.name ?? '',
    obj.value ?? 0,
    obj.globalDefault ?? false,
    translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
    obj.preemptionPolicy ?? '',
  ],
};
