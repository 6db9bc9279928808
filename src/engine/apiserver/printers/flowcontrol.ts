/** Printers of the flowcontrol.apiserver.k8s.io group. */
import type { FlowSchema, PriorityLevelConfiguration } from 'kubernetes-types/flowcontrol/v1';
import { DOC } from './descriptions';
import { byteCompare } from './format';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

export const flowSchemaPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('PriorityLevel', 'string', DOC['fs.plName']),
    column('MatchingPrecedence', 'string', DOC['fs.matchingPrecedence']),
    column('DistinguisherMethod', 'string', DOC['fs.distinguisherMethod']),
    AGE_COLUMN,
    column('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  row(obj: FlowSchema, nowMs) {
    const dangling = (obj.status?.conditions ?? []).find((c) => c.type === 'Dangling');
    return [
      obj.metadata?.name ?? '',
      obj.spec?.priorityLevelConfiguration?.name ?? '',
      obj.spec?.matchingPrecedence ?? 0,
      obj.spec?.distinguisherMethod?.type ?? '<none>',
      translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
      dangling ? (dangling.status ?? '') : '?',
    ];
  },
  // FlowSchemaSequence: by matching precedence, then name.
  compare: (a: FlowSchema, b: FlowSchema) =>
    (a.spec?.matchingPrecedence ?? 0) - (b.spec?.matchingPrecedence ?? 0) || byteCompare(a.metadata?.name ?? '', b.metadata?.name ?? ''),
};

export const priorityLevelConfigurationPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', DOC['plc.type']),
    column('NominalConcurrencyShares', 'string', DOC['plc.nominalConcurrencyShares']),
    column('Queues', 'string', DOC['plc.queues']),
    column('HandSize', 'string', DOC['plc.handSize']),
    column('QueueLengthLimit', 'string', DOC['plc.queueLengthLimit']),
    AGE_COLUMN,
  ],
  row(obj: PriorityLevelConfiguration, nowMs) {
    const limited = obj.spec?.limited;
    const queuing = limited?.limitResponse?.queuing;
    return [
      obj.metadata?.name ?? '',
      obj.spec?.type ?? '',
      limited ? (limited.nominalConcurrencyShares ?? 0) : '<none>',
      queuing ? (queuing.queues ?? 0) : '<none>',
      queuing ? (queuing.handSize ?? 0) : '<none>',
      queuing ? (queuing.queueLengthLimit ?? 0) : '<none>',
      translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
    ];
  },
};
