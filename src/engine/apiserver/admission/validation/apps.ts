/** Validation of apps/v1 workloads (pkg/apis/apps/validation/validation.go and the apps REST strategies). */
 
import type { FieldError } from '../../status';
import { forbidden, GoText, invalid, notSupported, Path, required } from '../field';
import { matchesSelector, selectorError } from '../selector';
import { validateLabelSelector, validateNonnegative, validatePodTemplateSpec } from './core';
import { intOrStringValue, labelSelectorValue, labelsValue } from './gotext';
import { nameIsDNSLabel, nameIsDNSSubdomain, validateImmutable, validateLabels, validateObjectMeta, validateObjectMetaUpdate, validateAnnotations } from './objectmeta';

const SPEC = Path.root('spec');
const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** Selector checks shared by Deployment, ReplicaSet and StatefulSet: required, valid, non-empty. */
function validateWorkloadSelector(sel: any, what: string): FieldError[] {
  if (sel == null) return [required(SPEC.child('selector'))];
  const errs = validateLabelSelector(sel, SPEC.child('selector'));
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0) {
    errs.push(invalid(SPEC.child('selector'), labelSelectorValue(sel), `empty selector is invalid for ${what}`));
  }
  return errs;
}

/**
 * The template must be matched by the selector. A nil selector selects nothing (so never matches); an empty one
 * selects everything (so the check is skipped), exactly as labels.Nothing/Everything behave upstream.
 */
function templateMatches(sel: any, template: any, path: Path): FieldError[] {
  if (selectorError(sel)) return [];
  const labels = template?.metadata?.labels;
  if (sel != null && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0) return [];
  if (sel != null && matchesSelector(sel, labels ?? {})) return [];
  return [invalid(path.child('metadata', 'labels'), labelsValue(labels), SELECTOR_MISMATCH)];
}

/** ValidatePodTemplateSpecForReplicaSet. */
function validateTemplateForReplicaSet(template: any, sel: any, path: Path, what: string): FieldError[] {
  if (template == null) return [required(path)];
  const errs = templateMatches(sel, template, path);
  errs.push(...validatePodTemplateSpec(template, path));
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), restartPolicy ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${what} is not Supported`));
  }
  return errs;
}

function percentValue(v: unknown): { value: number; valid: boolean } {
  if (typeof v === 'number') return { value: v, valid: true };
  const m = /^([0-9]+)%$/.exec(String(v));
  return m ? { value: Number(m[1]), valid: true } : { value: 0, valid: false };
}

const PERCENT_ERROR = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function validatePositiveIntOrPercent(v: unknown, path: Path): FieldError[] {
  if (typeof v === 'string') return percentValue(v).valid ? [] : [invalid(path, intOrStringValue(v), PERCENT_ERROR)];
  if (typeof v === 'number') return validateNonnegative(v, path);
  return [invalid(path, intOrStringValue(v), "must be an integer or percentage (e.g '5%')")];
}

function notMoreThan100Percent(v: unknown, path: Path): FieldError[] {
  if (typeof v !== 'string') return [];
  const p = percentValue(v);
  return p.valid && p.value > 100 ? [invalid(path, intOrStringValue(v), 'must not be greater than 100%')] : [];
}

function goStrategy(strategy: any): GoText {
  const ru = strategy.rollingUpdate == null ? '(*apps.RollingUpdateDeployment)(nil)' : '(*apps.RollingUpdateDeployment)(0xc000000000)';
  return new GoText(`apps.DeploymentStrategy{Type:${JSON.stringify(strategy.type ?? '')}, RollingUpdate:${ru}}`);
}

function validateDeploymentStrategy(strategy: any, path: Path): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate != null ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      if (s.rollingUpdate == null) return [required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      const p = path.child('rollingUpdate');
      const { maxUnavailable, maxSurge } = s.rollingUpdate;
      const errs = [...validatePositiveIntOrPercent(maxUnavailable, p.child('maxUnavailable')), ...validatePositiveIntOrPercent(maxSurge, p.child('maxSurge'))];
      if (percentValue(maxUnavailable).value === 0 && percentValue(maxSurge).value === 0) {
        errs.push(invalid(p.child('maxUnavailable'), intOrStringValue(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100Percent(maxUnavailable, p.child('maxUnavailable')));
      return errs;
    }
    default:
      return [notSupported(path, goStrategy(s), ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeployment(d: any): FieldError[] {
  const errs = validateObjectMeta(d.metadata, true, nameIsDNSSubdomain);
  const spec = d.spec ?? {};
  errs.push(...validateNonnegative(spec.replicas, SPEC.child('replicas')));
  errs.push(...validateWorkloadSelector(spec.selector, 'deployment'));
  if (selectorError(spec.selector)) errs.push(invalid(SPEC.child('selector'), labelSelectorValue(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, SPEC.child('template'), 'ReplicaSet'));
  errs.push(...validateDeploymentStrategy(spec.strategy, SPEC.child('strategy')));
  errs.push(...validateNonnegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  if (spec.revisionHistoryLimit != null) errs.push(...validateNonnegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  if (spec.progressDeadlineSeconds != null) {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, SPEC.child('progressDeadlineSeconds')));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid(SPEC.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** Update: the create rules, metadata rules, and (for apps/v1) an immutable selector. */
function selectorImmutable(obj: any, old: any): FieldError[] {
  if (validateImmutable(obj.spec?.selector ?? null, old.spec?.selector ?? null, SPEC.child('selector')).length === 0) return [];
  return [invalid(SPEC.child('selector'), labelSelectorValue(obj.spec?.selector), 'field is immutable')];
}

const withoutMetadata = (errs: FieldError[]) => errs.filter((e) => !e.field.startsWith('metadata.'));

export function validateDeploymentUpdate(d: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(d.metadata, old.metadata), ...withoutMetadata(validateDeployment(d)), ...selectorImmutable(d, old)];
}

export function validateReplicaSet(rs: any): FieldError[] {
  const errs = validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain);
  const spec = rs.spec ?? {};
  errs.push(...validateNonnegative(spec.replicas, SPEC.child('replicas')));
  errs.push(...validateNonnegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  // Upstream reuses the Deployment wording here.
  errs.push(...validateWorkloadSelector(spec.selector, 'deployment'));
  if (selectorError(spec.selector)) errs.push(invalid(SPEC.child('selector'), labelSelectorValue(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, SPEC.child('template'), 'ReplicaSet'));
  return errs;
}

export function validateReplicaSetUpdate(rs: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(rs.metadata, old.metadata), ...withoutMetadata(validateReplicaSet(rs)), ...selectorImmutable(rs, old)];
}

function validateDaemonSetUpdateStrategy(strategy: any, path: Path): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      if (s.rollingUpdate == null) return [required(path.child('rollingUpdate'))];
      const p = path.child('rollingUpdate');
      const { maxUnavailable, maxSurge } = s.rollingUpdate;
      const errs = [
        ...validatePositiveIntOrPercent(maxUnavailable, p.child('maxUnavailable')),
        ...validatePositiveIntOrPercent(maxSurge, p.child('maxSurge')),
        ...notMoreThan100Percent(maxUnavailable, p.child('maxUnavailable')),
        ...notMoreThan100Percent(maxSurge, p.child('maxSurge')),
      ];
      const hasUnavailable = percentValue(maxUnavailable).value !== 0;
      const hasSurge = percentValue(maxSurge).value !== 0;
      if (hasUnavailable && hasSurge) errs.push(invalid(p.child('maxSurge'), intOrStringValue(maxSurge), 'may not be set when maxUnavailable is non-zero'));
      if (!hasUnavailable && !hasSurge) errs.push(required(p.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      return errs;
    }
    default: {
      const ru = s.rollingUpdate == null ? '(*apps.RollingUpdateDaemonSet)(nil)' : '(*apps.RollingUpdateDaemonSet)(0xc000000000)';
      return [notSupported(path, new GoText(`apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(s.type ?? '')}, RollingUpdate:${ru}}`), ['RollingUpdate', 'OnDelete'])];
    }
  }
}

export function validateDaemonSet(ds: any): FieldError[] {
  const errs = validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain);
  const spec = ds.spec ?? {};
  const tp = SPEC.child('template');
  errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
  if (!selectorError(spec.selector) && !(spec.selector != null && matchesSelector(spec.selector, spec.template?.metadata?.labels ?? {}))) {
    errs.push(invalid(tp.child('metadata', 'labels'), labelsValue(spec.template?.metadata?.labels), SELECTOR_MISMATCH));
  }
  if (spec.selector != null && Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions?.length ?? 0) === 0) {
    errs.push(invalid(SPEC.child('selector'), labelSelectorValue(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, tp));
  const restartPolicy = spec.template?.spec?.restartPolicy;
  if (restartPolicy !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), restartPolicy ?? '', ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy, SPEC.child('updateStrategy')));
  if (spec.revisionHistoryLimit != null) errs.push(...validateNonnegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSetUpdate(ds: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(ds.metadata, old.metadata), ...withoutMetadata(validateDaemonSet(ds)), ...selectorImmutable(ds, old)];
}

/** StatefulSet names become pod hostnames, so they must be DNS labels (since 1.27). */
export function validateStatefulSet(sts: any): FieldError[] {
  const errs = validateObjectMeta(sts.metadata, true, nameIsDNSLabel);
  const spec = sts.spec ?? {};
  const policy = spec.podManagementPolicy;
  if (!policy) errs.push(required(SPEC.child('podManagementPolicy')));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errs.push(invalid(SPEC.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  const us = spec.updateStrategy ?? {};
  switch (us.type) {
    case undefined:
    case '':
      errs.push(required(SPEC.child('updateStrategy')));
      break;
    case 'OnDelete':
      if (us.rollingUpdate != null) {
        errs.push(invalid(SPEC.child('updateStrategy', 'rollingUpdate'), new GoText('apps.RollingUpdateStatefulSetStrategy{Partition:(*int32)(0xc000000000), MaxUnavailable:(*intstr.IntOrString)(nil)}'), "only allowed for updateStrategy 'RollingUpdate'"));
      }
      break;
    case 'RollingUpdate':
      if (us.rollingUpdate?.partition != null) errs.push(...validateNonnegative(us.rollingUpdate.partition, SPEC.child('updateStrategy', 'rollingUpdate', 'partition')));
      break;
    default:
      errs.push(invalid(SPEC.child('updateStrategy'), new GoText(`apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(us.type)}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      if (!['Retain', 'Delete'].includes(retention[f])) errs.push(notSupported(SPEC.child('persistentVolumeClaimRetentionPolicy', f), retention[f] ?? '', ['Retain', 'Delete']));
    }
  }
  if (spec.ordinals?.start != null) errs.push(...validateNonnegative(spec.ordinals.start, SPEC.child('ordinals', 'start')));
  errs.push(...validateNonnegative(spec.replicas, SPEC.child('replicas')));
  errs.push(...validateNonnegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...validateWorkloadSelector(spec.selector, 'statefulset'));
  const tp = SPEC.child('template');
  if (selectorError(spec.selector)) errs.push(invalid(SPEC.child('selector'), labelSelectorValue(spec.selector), ''));
  else if (spec.template == null) errs.push(required(tp));
  else {
    errs.push(...templateMatches(spec.selector, spec.template, tp));
    errs.push(...validateLabels(spec.template.metadata?.labels, tp.child('labels')));
    errs.push(...validateAnnotations(spec.template.metadata?.annotations, tp.child('annotations')));
    // Upstream leaves the pod spec of a StatefulSet template unvalidated (it surfaces when pods are created).
  }
  const restartPolicy = spec.template?.spec?.restartPolicy;
  if (restartPolicy !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), restartPolicy ?? '', ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** Only replicas, ordinals, template, updateStrategy, retention policy and minReadySeconds may change. */
export function validateStatefulSetUpdate(sts: any, old: any): FieldError[] {
  const errs = [...validateObjectMetaUpdate(sts.metadata, old.metadata), ...withoutMetadata(validateStatefulSet(sts))];
  const strip = (spec: any) => {
    const { replicas: _r, ordinals: _o, template: _t, updateStrategy: _u, persistentVolumeClaimRetentionPolicy: _p, minReadySeconds: _m, ...rest } = spec ?? {};
    return rest;
  };
  if (validateImmutable(strip(sts.spec), strip(old.spec), SPEC).length) {
    errs.push(
      forbidden(
        SPEC,
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}
