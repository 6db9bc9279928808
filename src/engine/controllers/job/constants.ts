/** Names the Job API and its controller define (k8s.io/api/batch/v1 and pkg/controller/job). */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** PodIndexLabel (beta, on in 1.32): the completion index is also a label. */
export const JOB_COMPLETION_INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';
export const JOB_COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

export const JobConditionType = {
  Suspended: 'Suspended',
  Complete: 'Complete',
  Failed: 'Failed',
  FailureTarget: 'FailureTarget',
  SuccessCriteriaMet: 'SuccessCriteriaMet',
} as const;

export const JobReason = {
  BackoffLimitExceeded: 'BackoffLimitExceeded',
  DeadlineExceeded: 'DeadlineExceeded',
  PodFailurePolicy: 'PodFailurePolicy',
  CompletionsReached: 'CompletionsReached',
  SuccessPolicy: 'SuccessPolicy',
  MaxFailedIndexesExceeded: 'MaxFailedIndexesExceeded',
  FailedIndexes: 'FailedIndexes',
} as const;

/** Pod failure back-off: 10 s, doubling per failure since the last success, capped (job_controller.go). */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** Pod events are folded into one sync a second later (syncJobBatchPeriod). */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
export const MAX_UNCOUNTED_PODS = 500;
