/** Printers of the batch group. */
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import { DOC } from './descriptions';
import { humanDuration } from './duration';
import { formatLabelSelector, layoutContainerCells, printBoolPtr } from './format';
import { timeOf, translateTimestampSince } from './time';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, column, type Printer } from './types';

const age = (obj: { metadata?: { creationTimestamp?: string } }, nowMs: number) => translateTimestampSince(obj.metadata?.creationTimestamp, nowMs);

/** hasJobCondition: the first condition of the type decides. */
function hasJobCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasJobCondition(conditions, 'Complete')) return 'Complete';
  if (hasJobCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasJobCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec.completions !== null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Job, nowMs: number): string {
  const start = timeOf(job.status?.startTime);
  if (start === undefined) return '';
  const completion = timeOf(job.status?.completionTime);
  return humanDuration((completion ?? nowMs) - start);
}

export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', DOC['job.succeeded']),
    column('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DOC['job.selector'], 1),
  ],
  row(obj: Job, nowMs) {
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [
      obj.metadata?.name ?? '',
      jobStatus(obj),
      jobCompletions(obj),
      jobDuration(obj, nowMs),
      age(obj, nowMs),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ];
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Schedule', 'string', DOC['cj.schedule']),
    column('Timezone', 'string', DOC['cj.timeZone']),
    column('Suspend', 'boolean', DOC['cj.suspend']),
    column('Active', 'integer', DOC['cj.active']),
    column('Last Schedule', 'string', DOC['cj.lastScheduleTime']),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', DOC['job.selector'], 1),
  ],
  row(obj: CronJob, nowMs) {
    const jobSpec = obj.spec?.jobTemplate?.spec;
    const [names, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    const lastSchedule = obj.status?.lastScheduleTime ? translateTimestampSince(obj.status.lastScheduleTime, nowMs) : '<none>';
    return [
      obj.metadata?.name ?? '',
      obj.spec?.schedule ?? '',
      obj.spec?.timeZone ?? '<none>',
      printBoolPtr(obj.spec?.suspend),
      (obj.status?.active ?? []).length,
      lastSchedule,
      age(obj, nowMs),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};
