/** The built-in lessons, in the order a course would take them. */
import type { Lesson } from './lesson';
import { controlPlaneTour } from './library/control-plane-tour';
import { selfHealing } from './library/self-healing';
import { scaling } from './library/scaling';
import { rollingUpdate } from './library/rolling-update';
import { recreateVsRolling } from './library/recreate-vs-rolling';
import { whyPending } from './library/why-pending';
import { nodeFailure } from './library/node-failure';
import { servicesDns } from './library/services-dns';
import { statefulsetIdentity } from './library/statefulset-identity';
import { daemonsets } from './library/daemonsets';
import { jobsCronjobs } from './library/jobs-cronjobs';
import { probesCrashloop } from './library/probes-crashloop';
import { namespacesQuotas } from './library/namespaces-quotas';

export type { Lesson, LessonStep } from './lesson';
export type { Check, CheckResult } from './checks';
export { evaluateCheck } from './checks';

export const LESSONS: readonly Lesson[] = [
  controlPlaneTour,
  selfHealing,
  scaling,
  rollingUpdate,
  recreateVsRolling,
  whyPending,
  nodeFailure,
  servicesDns,
  statefulsetIdentity,
  daemonsets,
  jobsCronjobs,
  probesCrashloop,
  namespacesQuotas,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
