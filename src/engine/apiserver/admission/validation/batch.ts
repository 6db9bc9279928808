/** Validation of batch/v1 Job and CronJob (pkg/apis/batch/validation/validation.go). */
 
import type { FieldError } from '../../status';
import { GoText, invalid, notSupported, Path, required } from '../field';
import { matchesSelector, selectorError } from '../selector';
import { validateLabelSelector, validateNonnegative, validatePodTemplateSpec } from './core';
import { cronScheduleError } from './cron';
import { labelSelectorValue, labelsValue } from './gotext';
import { deepEqual, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './objectmeta';

const SPEC = Path.root('spec');
const MAX_PARALLELISM_INDEXED = 100000;

/** validateJobSpec: the checks shared by a Job and a CronJob's job template. */
function validateJobSpecCommon(spec: any, path: Path): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    if (s[f] != null) errs.push(...validateNonnegative(s[f], path.child(f)));
  }
  if (s.completionMode != null) {
    if (s.completionMode !== 'NonIndexed' && s.completionMode !== 'Indexed') {
      errs.push(notSupported(path.child('completionMode'), s.completionMode, ['NonIndexed', 'Indexed']));
    }
    if (s.completionMode === 'Indexed') {
      if (s.completions == null) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
      if (s.parallelism != null && s.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(invalid(path.child('parallelism'), s.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
    }
  }
  if (s.podReplacementPolicy != null && !['TerminatingOrFailed', 'Failed'].includes(s.podReplacementPolicy)) {
    errs.push(notSupported(path.child('podReplacementPolicy'), s.podReplacementPolicy, ['TerminatingOrFailed', 'Failed']));
  }
  const tp = path.child('template');
  errs.push(...validatePodTemplateSpec(s.template, tp));
  const restartPolicy = s.template?.spec?.restartPolicy;
  // Defaulting turns an omitted restartPolicy into Always, so both read as "not set" for a Job.
  if (restartPolicy === 'Always' || !restartPolicy) {
    errs.push(required(tp.child('spec', 'restartPolicy'), 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(notSupported(tp.child('spec', 'restartPolicy'), restartPolicy, ['OnFailure', 'Never']));
  } else if (restartPolicy !== 'Never' && s.podFailurePolicy != null) {
    errs.push(invalid(tp.child('spec', 'restartPolicy'), restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

function validateHasLabel(labels: Record<string, string> | undefined, path: Path, key: string, expected: string): FieldError[] {
  const actual = labels?.[key];
  if (actual === undefined) return [required(path.child('labels').key(key), expected)];
  if (actual !== expected) return [invalid(path.child('labels').key(key), labelsValue(labels), `must be '${expected}'`)];
  return [];
}

/** validateGeneratedSelector: a generated selector must select exactly this job's pods. */
function validateGeneratedSelector(job: any): FieldError[] {
  if (job.spec?.manualSelector === true) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  if (!uid) errs.push(required(Path.root('metadata', 'uid')));
  const labels = job.spec?.template?.metadata?.labels;
  const mp = SPEC.child('template', 'metadata');
  errs.push(...validateHasLabel(labels, mp, 'controller-uid', uid));
  errs.push(...validateHasLabel(labels, mp, 'job-name', name));
  errs.push(...validateHasLabel(labels, mp, 'batch.kubernetes.io/controller-uid', uid));
  errs.push(...validateHasLabel(labels, mp, 'batch.kubernetes.io/job-name', name));
  const sel = job.spec?.selector;
  if (!selectorError(sel) && !(sel != null && matchesSelector(sel, { 'batch.kubernetes.io/controller-uid': uid }))) {
    errs.push(invalid(SPEC.child('selector'), labelSelectorValue(sel), '`selector` not auto-generated'));
  }
  return errs;
}

function validateJobSpec(spec: any): FieldError[] {
  const s = spec ?? {};
  const errs = validateJobSpecCommon(s, SPEC);
  if (s.selector == null) errs.push(required(SPEC.child('selector')));
  else errs.push(...validateLabelSelector(s.selector, SPEC.child('selector')));
  if (!selectorError(s.selector)) {
    const labels = s.template?.metadata?.labels;
    if (!(s.selector != null && matchesSelector(s.selector, labels ?? {}))) {
      errs.push(invalid(SPEC.child('template', 'metadata', 'labels'), labelsValue(labels), '`selector` does not match template `labels`'));
    }
  }
  return errs;
}

export function validateJob(job: any): FieldError[] {
  return [...validateObjectMeta(job.metadata, true, nameIsDNSSubdomain), ...validateGeneratedSelector(job), ...validateJobSpec(job.spec)];
}

/** A %#v-like rendering for values too large to print the Go way. */
const goish = (typeName: string, v: unknown) => new GoText(v == null ? 'null' : `${typeName}${JSON.stringify(v)}`);

function immutable(newVal: unknown, oldVal: unknown, path: Path, render: (v: unknown) => unknown = (v) => v): FieldError[] {
  return deepEqual(newVal ?? null, oldVal ?? null) ? [] : [invalid(path, render(newVal ?? null), 'field is immutable')];
}

export function validateJobUpdate(job: any, old: any): FieldError[] {
  const spec = job.spec ?? {};
  const oldSpec = old.spec ?? {};
  const errs = [...validateObjectMetaUpdate(job.metadata, old.metadata), ...validateJobSpec(spec)];
  // Indexed jobs may scale completions together with parallelism (ElasticIndexedJob).
  if (!(spec.completionMode === 'Indexed' && spec.completions === spec.parallelism)) {
    errs.push(...immutable(spec.completions, oldSpec.completions, SPEC.child('completions')));
  }
  errs.push(...immutable(spec.selector, oldSpec.selector, SPEC.child('selector'), (v) => labelSelectorValue(v)));
  // A suspended job that never started may change its scheduling directives.
  const neverStarted = oldSpec.suspend === true && !old.status?.startTime;
  const templateForCompare = (t: any) => {
    if (!neverStarted) return t;
    const { nodeSelector: _n, affinity: _a, tolerations: _t, schedulingGates: _g, ...rest } = t?.spec ?? {};
    const { labels: _l, annotations: _an, ...meta } = t?.metadata ?? {};
    return { ...t, metadata: meta, spec: rest };
  };
  if (!deepEqual(templateForCompare(spec.template), templateForCompare(oldSpec.template))) {
    errs.push(invalid(SPEC.child('template'), goish('core.PodTemplateSpec', spec.template), 'field is immutable'));
  }
  errs.push(...immutable(spec.completionMode, oldSpec.completionMode, SPEC.child('completionMode')));
  errs.push(...immutable(spec.podFailurePolicy, oldSpec.podFailurePolicy, SPEC.child('podFailurePolicy'), (v) => goish('batch.PodFailurePolicy', v)));
  errs.push(...immutable(spec.backoffLimitPerIndex, oldSpec.backoffLimitPerIndex, SPEC.child('backoffLimitPerIndex')));
  errs.push(...immutable(spec.managedBy, oldSpec.managedBy, SPEC.child('managedBy')));
  return errs;
}

function validateCronJobSpec(spec: any, oldSpec: any | undefined): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const sp = SPEC.child('schedule');
  if (!s.schedule) errs.push(required(sp));
  else {
    const err = cronScheduleError(s.schedule);
    if (err) errs.push(invalid(sp, s.schedule, err));
    const allowTZ = String(oldSpec?.schedule ?? '').includes('TZ');
    if (allowTZ && s.schedule.includes('TZ') && s.timeZone != null) {
      errs.push(invalid(sp, s.schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && s.schedule.includes('TZ')) {
      errs.push(invalid(sp, s.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  if (s.startingDeadlineSeconds != null) errs.push(...validateNonnegative(s.startingDeadlineSeconds, SPEC.child('startingDeadlineSeconds')));
  if (s.timeZone != null && (oldSpec == null || oldSpec.timeZone !== s.timeZone)) {
    if (s.timeZone === '') errs.push(invalid(SPEC.child('timeZone'), '', 'timeZone must be nil or non-empty string'));
    else if (/\s|^\.|\.\.|[^A-Za-z0-9_+\-/]/.test(s.timeZone)) errs.push(invalid(SPEC.child('timeZone'), s.timeZone, 'unknown time zone ' + s.timeZone));
  }
  const policies = ['Allow', 'Forbid', 'Replace'];
  if (!s.concurrencyPolicy) errs.push(required(SPEC.child('concurrencyPolicy')));
  else if (!policies.includes(s.concurrencyPolicy)) errs.push(notSupported(SPEC.child('concurrencyPolicy'), s.concurrencyPolicy, policies));
  const jt = SPEC.child('jobTemplate');
  errs.push(...validateJobSpecCommon(s.jobTemplate?.spec, jt.child('spec')));
  if (s.jobTemplate?.spec?.selector != null) {
    errs.push(invalid(jt.child('spec', 'selector'), labelSelectorValue(s.jobTemplate.spec.selector), '`selector` will be auto-generated'));
  }
  if (s.jobTemplate?.spec?.manualSelector === true) errs.push(notSupported(jt.child('spec', 'manualSelector'), true, ['nil', 'false']));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    if (s[f] != null) errs.push(...validateNonnegative(s[f], SPEC.child(f)));
  }
  return errs;
}

export function validateCronJob(cj: any): FieldError[] {
  const errs = [...validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain), ...validateCronJobSpec(cj.spec, undefined)];
  const name: string = cj.metadata?.name ?? '';
  // The controller appends an 11-character suffix to job names, which must stay within 63.
  if (name.length > 52) errs.push(invalid(Path.root('metadata', 'name'), name, 'must be no more than 52 characters'));
  return errs;
}

export function validateCronJobUpdate(cj: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(cj.metadata, old.metadata), ...validateCronJobSpec(cj.spec, old.spec)];
}
