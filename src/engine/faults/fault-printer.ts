/**
 * `kubectl get faults`: NAME TYPE TARGET ACTIVE AGE (and, wide, the exit code of a ContainerCrash and when the
 * fault took effect) — what a CRD would declare as additionalPrinterColumns.
 */
import { translateTimestampSince } from '../apiserver/printers/time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from '../apiserver/printers/types';
import { ACTIVE_CONDITION, type Fault } from './fault-types';

/** `Node/worker-2`, `Pod/default/web-7d4b9-x2x4q` (plus `:container` when one is named). */
export function faultTargetString(f: Fault): string {
  const t = f.spec?.target as { kind?: string; namespace?: string; name?: string; container?: string } | undefined;
  if (!t) return '';
  const path = [t.kind, t.kind === 'Pod' ? t.namespace : undefined, t.name].filter(Boolean).join('/');
  return t.container ? `${path}:${t.container}` : path;
}

export const faultPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'What the fault breaks.'),
    column('Target', 'string', 'The node or container it breaks.'),
    column('Active', 'string', 'Whether the target is broken now.'),
    AGE_COLUMN,
    column('Active Since', 'date', 'When the fault took effect.', 1),
  ],
  row: (f: Fault, nowMs) => {
    const active = f.status?.conditions?.find((c) => c.type === ACTIVE_CONDITION)?.status ?? 'Unknown';
    return [
      f.metadata?.name ?? '',
      f.spec?.type ?? '',
      faultTargetString(f),
      active,
      translateTimestampSince(f.metadata?.creationTimestamp, nowMs),
      f.status?.activeSince ? translateTimestampSince(f.status.activeSince, nowMs) : '<none>',
    ];
  },
};
