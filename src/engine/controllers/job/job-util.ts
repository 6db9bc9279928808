/** Job status predicates shared by the Job, CronJob and TTL-after-finished controllers (pkg/controller/job/util). */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1';

/** The True Complete or Failed condition of a finished Job. */
export function jobFinishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** util.IsJobFinished. */
export const isJobFinished = (job: Job): boolean => jobFinishedCondition(job) !== undefined;

/** util.IsJobSucceeded. */
export const isJobSucceeded = (job: Job): boolean => jobFinishedCondition(job)?.type === 'Complete';
