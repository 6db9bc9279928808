/**
 * Defaulting and validation of Faults, worded as apiserver field errors so `kubectl apply` prints
 * `The Fault "f1" is invalid: spec.target.name: Not found: "worker-9"`.
 */
import type { FieldError } from '../apiserver/status';
import { invalid, notFound, notSupported, Path, required, forbidden } from '../apiserver/admission/field';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/admission/validation/objectmeta';
import { deepEqual } from '../apiserver/rest/object-meta';
import { FAULT_TYPES, NODE_FAULT_TYPES, type Fault, type FaultType } from './fault-types';

type Obj = Record<string, any>;

/** What validation may look up in the cluster: the targets a fault names. */
export interface FaultTargetLookup {
  node(name: string): Obj | undefined;
  pod(namespace: string, name: string): Obj | undefined;
}

export const DEFAULT_CRASH_EXIT_CODE = 137;

/** Fills in what a Fault leaves out (the target's namespace, the crash's exit code and repetition). */
export function defaultFault(fault: Obj): void {
  const spec = fault.spec;
  if (!spec || typeof spec !== 'object') return;
  if (spec.type === 'ContainerCrash') {
    if (spec.target && typeof spec.target === 'object' && spec.target.kind === 'Pod' && !spec.target.namespace) spec.target.namespace = 'default';
    spec.exitCode ??= DEFAULT_CRASH_EXIT_CODE;
    spec.repeat ??= 'Once';
  }
}

export function validateFault(fault: Obj, lookup: FaultTargetLookup): FieldError[] {
  const errs = validateObjectMeta(fault.metadata, false, nameIsDNSSubdomain);
  const spec = Path.root('spec');
  if (!fault.spec || typeof fault.spec !== 'object') return [...errs, required(spec)];
  const s = fault.spec as Obj;
  if (!s.type) errs.push(required(spec.child('type')));
  else if (!FAULT_TYPES.includes(s.type)) errs.push(notSupported(spec.child('type'), s.type, FAULT_TYPES));
  const target = spec.child('target');
  if (!s.target || typeof s.target !== 'object') {
    errs.push(required(target));
    return errs;
  }
  const type = s.type as FaultType;
  const wantKind = NODE_FAULT_TYPES.includes(type) ? 'Node' : type === 'ContainerCrash' ? 'Pod' : undefined;
  if (!s.target.kind) errs.push(required(target.child('kind')));
  else if (wantKind && s.target.kind !== wantKind) errs.push(notSupported(target.child('kind'), s.target.kind, [wantKind]));
  if (!s.target.name) errs.push(required(target.child('name')));
  if (errs.length > 0 || !wantKind) return errs;
  if (wantKind === 'Node') {
    if (!lookup.node(s.target.name)) errs.push(notFound(target.child('name'), s.target.name));
    for (const f of ['namespace', 'container'] as const) if (s.target[f] !== undefined) errs.push(forbidden(target.child(f), 'may not be set for a Node target'));
    for (const f of ['exitCode', 'repeat'] as const) if (s[f] !== undefined) errs.push(forbidden(spec.child(f), 'may only be set for ContainerCrash'));
    return errs;
  }
  const pod = lookup.pod(s.target.namespace, s.target.name);
  if (!pod) {
    errs.push(notFound(target.child('name'), `${s.target.namespace}/${s.target.name}`));
    return errs;
  }
  const containers: string[] = (pod.spec?.containers ?? []).map((c: Obj) => c.name);
  if (s.target.container !== undefined && !containers.includes(s.target.container)) {
    errs.push(notSupported(target.child('container'), s.target.container, containers));
  }
  if (typeof s.exitCode !== 'number' || !Number.isInteger(s.exitCode) || s.exitCode < 1 || s.exitCode > 255) {
    errs.push(invalid(spec.child('exitCode'), s.exitCode, 'must be between 1 and 255, inclusive'));
  }
  if (!['Once', 'Always'].includes(s.repeat)) errs.push(notSupported(spec.child('repeat'), s.repeat, ['Once', 'Always']));
  return errs;
}

/** A fault is what it breaks: its spec cannot change (delete it and create another). */
export function validateFaultUpdate(fault: Fault, old: Fault): FieldError[] {
  const errs = validateObjectMetaUpdate(fault.metadata, old.metadata);
  if (!deepEqual(fault.spec, old.spec)) errs.push(invalid(Path.root('spec'), '', 'field is immutable'));
  return errs;
}
