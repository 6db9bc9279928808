/** Printers of the policy group. */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { intOrString } from './format';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  row: (obj: PodDisruptionBudget, nowMs) => [
    obj.metadata?.name ?? '',
    obj.spec?.minAvailable !== undefined ? intOrString(obj.spec.minAvailable) : 'N/A',
    obj.spec?.maxUnavailable !== undefined ? intOrString(obj.spec.maxUnavailable) : 'N/A',
    obj.status?.disruptionsAllowed ?? 0,
    translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
  ],
};
