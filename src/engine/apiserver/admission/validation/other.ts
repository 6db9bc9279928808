/**
 * Validation for the smaller groups: rbac, scheduling, coordination, autoscaling, policy, storage (their
 * pkg/apis/<group>/validation). The rest get ObjectMeta validation only.
 */
 
import type { FieldError } from '../../status';
import { forbidden, GoText, goQuote, invalid, notSupported, Path, required } from '../field';
import { validateLabelSelector, validateNonnegative } from './core';
import { intOrStringValue } from './gotext';
import { nameIsDNSSubdomain, nameIsPathSegment, validateObjectMeta } from './objectmeta';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validatePolicyRules(rules: any[] | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (rules ?? []).forEach((rule, i) => {
    const p = Path.root('rules').index(i);
    if (!(rule.verbs?.length > 0)) errs.push(required(p.child('verbs'), 'verbs must contain at least one value'));
    const nonResource = rule.nonResourceURLs?.length > 0;
    if (nonResource) {
      if (namespaced) errs.push(invalid(p.child('nonResourceURLs'), rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
      if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
        errs.push(invalid(p.child('nonResourceURLs'), rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
      }
      return;
    }
    if (!(rule.apiGroups?.length > 0)) errs.push(required(p.child('apiGroups'), 'resource rules must supply at least one api group'));
    if (!(rule.resources?.length > 0)) errs.push(required(p.child('resources'), 'resource rules must supply at least one resource'));
  });
  return errs;
}

export function validateRole(role: any, namespaced: boolean): FieldError[] {
  return [...validateObjectMeta(role.metadata, namespaced, nameIsPathSegment), ...validatePolicyRules(role.rules, namespaced)];
}

export function validateRoleBinding(rb: any, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(rb.metadata, namespaced, nameIsPathSegment);
  const ref = rb.roleRef ?? {};
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported(Path.root('roleRef', 'apiGroup'), ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported(Path.root('roleRef', 'kind'), ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required(Path.root('roleRef', 'name')));
  else for (const msg of nameIsPathSegment(ref.name, false)) errs.push(invalid(Path.root('roleRef', 'name'), ref.name, msg));
  (rb.subjects ?? []).forEach((s: any, i: number) => {
    const p = Path.root('subjects').index(i);
    if (!s.name) errs.push(required(p.child('name')));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.apiGroup) errs.push(notSupported(p.child('apiGroup'), s.apiGroup, ['']));
        if (!namespaced && !s.namespace) errs.push(required(p.child('namespace')));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(p.child('apiGroup'), s.apiGroup ?? '', [RBAC_GROUP]));
        break;
      default:
        errs.push(notSupported(p.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errs;
}

export function validateRoleBindingUpdate(rb: any, old: any): FieldError[] {
  const a = rb.roleRef ?? {};
  const b = old.roleRef ?? {};
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  const text = `rbac.RoleRef{APIGroup:${goQuote(a.apiGroup ?? '')}, Kind:${goQuote(a.kind ?? '')}, Name:${goQuote(a.name ?? '')}}`;
  return [invalid(Path.root('roleRef'), new GoText(text), 'cannot change roleRef')];
}

const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };
const HIGHEST_USER_PRIORITY = 1000000000;

export function validatePriorityClass(pc: any): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name: string = pc.metadata?.name ?? '';
  if (name.startsWith('system-')) {
    if (!(name in SYSTEM_PRIORITY_CLASSES)) {
      errs.push(forbidden(Path.root('metadata', 'name'), `priority class names with 'system-' prefix are reserved for system use only. error: ${name} is not a known system priority class`));
    }
  } else if ((pc.value ?? 0) > HIGHEST_USER_PRIORITY) {
    errs.push(forbidden(Path.root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  if (pc.preemptionPolicy != null && !['Never', 'PreemptLowerPriority'].includes(pc.preemptionPolicy)) {
    errs.push(notSupported(Path.root('preemptionPolicy'), pc.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  }
  return errs;
}

export function validatePriorityClassUpdate(pc: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  if (pc.value !== old.value) errs.push(forbidden(Path.root('value'), 'may not be changed in an update.'));
  if ((pc.preemptionPolicy ?? null) !== (old.preemptionPolicy ?? null)) errs.push(invalid(Path.root('preemptionPolicy'), pc.preemptionPolicy ?? null, 'field is immutable'));
  return errs;
}

export function validateLease(lease: any): FieldError[] {
  const errs = validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain);
  const spec = lease.spec ?? {};
  const p = Path.root('spec');
  if (spec.leaseDurationSeconds != null && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid(p.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions != null) errs.push(...validateNonnegative(spec.leaseTransitions, p.child('leaseTransitions')));
  return errs;
}

export function validateHorizontalPodAutoscaler(hpa: any): FieldError[] {
  const errs = validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain);
  const spec = hpa.spec ?? {};
  const p = Path.root('spec');
  const ref = spec.scaleTargetRef ?? {};
  const rp = p.child('scaleTargetRef');
  if (!ref.kind) errs.push(required(rp.child('kind')));
  if (!ref.name) errs.push(required(rp.child('name')));
  if (spec.minReplicas != null && spec.minReplicas < 1) errs.push(invalid(p.child('minReplicas'), spec.minReplicas, 'must be greater than or equal to 1'));
  if ((spec.maxReplicas ?? 0) < 1) errs.push(invalid(p.child('maxReplicas'), spec.maxReplicas ?? 0, 'must be greater than 0'));
  if (spec.minReplicas != null && spec.maxReplicas != null && spec.minReplicas > spec.maxReplicas) {
    errs.push(invalid(p.child('minReplicas'), spec.minReplicas, 'must be less than or equal to maxReplicas'));
  }
  return errs;
}

export function validatePodDisruptionBudget(pdb: any): FieldError[] {
  const errs = validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain);
  const spec = pdb.spec ?? {};
  const p = Path.root('spec');
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    errs.push(invalid(p.child('minAvailable'), intOrStringValue(spec.minAvailable), 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    const v = spec[f];
    if (v == null) continue;
    if (typeof v === 'number') errs.push(...validateNonnegative(v, p.child(f)));
    else {
      const m = /^([0-9]+)%$/.exec(v);
      if (!m) errs.push(invalid(p.child(f), intOrStringValue(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      else if (Number(m[1]) > 100) errs.push(invalid(p.child(f), intOrStringValue(v), 'must not be greater than 100%'));
    }
  }
  errs.push(...validateLabelSelector(spec.selector, p.child('selector')));
  if (spec.unhealthyPodEvictionPolicy != null && !['AlwaysAllow', 'IfHealthyBudget'].includes(spec.unhealthyPodEvictionPolicy)) {
    errs.push(notSupported(p.child('unhealthyPodEvictionPolicy'), spec.unhealthyPodEvictionPolicy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errs;
}

export function validateStorageClass(sc: any): FieldError[] {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain);
  if (!sc.provisioner) errs.push(required(Path.root('provisioner')));
  const reclaim = ['Delete', 'Retain'];
  if (sc.reclaimPolicy && !reclaim.includes(sc.reclaimPolicy)) errs.push(notSupported(Path.root('reclaimPolicy'), sc.reclaimPolicy, reclaim));
  const modes = ['Immediate', 'WaitForFirstConsumer'];
  if (sc.volumeBindingMode && !modes.includes(sc.volumeBindingMode)) errs.push(notSupported(Path.root('volumeBindingMode'), sc.volumeBindingMode, modes));
  return errs;
}

export function validateStorageClassUpdate(sc: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  if (JSON.stringify(sc.parameters ?? {}) !== JSON.stringify(old.parameters ?? {})) errs.push(forbidden(Path.root('parameters'), 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(forbidden(Path.root('provisioner'), 'updates to provisioner are forbidden.'));
  if ((sc.reclaimPolicy ?? '') !== (old.reclaimPolicy ?? '')) errs.push(forbidden(Path.root('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  if ((sc.volumeBindingMode ?? '') !== (old.volumeBindingMode ?? '')) errs.push(invalid(Path.root('volumeBindingMode'), sc.volumeBindingMode ?? '', 'field is immutable'));
  return errs;
}
