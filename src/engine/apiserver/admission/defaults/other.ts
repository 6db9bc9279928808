/**
 * Defaulting for the smaller groups: autoscaling/v2, networking, rbac, storage, scheduling, discovery and
 * admissionregistration (their pkg/apis/<group>/<version>/defaults.go).
 */
 

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function scaleUpDefaults() {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

function scaleDownDefaults() {
  return { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** GenerateHPAScale{Up,Down}Rules: unset parts of a given rule set take the defaults. */
function fillRules(rules: any, defaults: any): any {
  if (!rules) return defaults;
  rules.stabilizationWindowSeconds ??= defaults.stabilizationWindowSeconds;
  rules.selectPolicy ??= defaults.selectPolicy;
  rules.policies ??= defaults.policies;
  return rules;
}

export function defaultHorizontalPodAutoscalerV2(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, scaleUpDefaults());
    spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, scaleDownDefaults());
  }
}

export function defaultHorizontalPodAutoscalerV1(obj: any): void {
  obj.spec ??= {};
  obj.spec.minReplicas ??= 1;
}

export function defaultNetworkPolicy(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
    for (const port of rule.ports ?? []) if (!port.protocol) port.protocol = 'TCP';
  }
  if (!spec.policyTypes || spec.policyTypes.length === 0) {
    spec.policyTypes = ['Ingress'];
    if ((spec.egress?.length ?? 0) > 0) spec.policyTypes.push('Egress');
  }
}

export function defaultRoleBinding(obj: any): void {
  obj.roleRef ??= {};
  if (!obj.roleRef.apiGroup) obj.roleRef.apiGroup = RBAC_GROUP;
  for (const s of obj.subjects ?? []) {
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
  }
}

export function defaultStorageClass(obj: any): void {
  if (!obj.reclaimPolicy) obj.reclaimPolicy = 'Delete';
  if (!obj.volumeBindingMode) obj.volumeBindingMode = 'Immediate';
}

export function defaultCSIDriver(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  spec.attachRequired ??= true;
  spec.podInfoOnMount ??= false;
  spec.storageCapacity ??= false;
  if (!spec.fsGroupPolicy) spec.fsGroupPolicy = 'ReadWriteOnceWithFSType';
  if (!spec.volumeLifecycleModes || spec.volumeLifecycleModes.length === 0) spec.volumeLifecycleModes = ['Persistent'];
  spec.requiresRepublish ??= false;
  spec.seLinuxMount ??= false;
}

export function defaultPriorityClass(obj: any): void {
  if (!obj.preemptionPolicy) obj.preemptionPolicy = 'PreemptLowerPriority';
}

export function defaultEndpointSlice(obj: any): void {
  for (const port of obj.ports ?? []) {
    port.name ??= '';
    if (!port.protocol) port.protocol = 'TCP';
  }
}

function defaultWebhook(w: any, mutating: boolean): void {
  if (!w.failurePolicy) w.failurePolicy = 'Fail';
  if (!w.matchPolicy) w.matchPolicy = 'Equivalent';
  w.namespaceSelector ??= {};
  w.objectSelector ??= {};
  w.timeoutSeconds ??= 10;
  if (mutating && !w.reinvocationPolicy) w.reinvocationPolicy = 'Never';
  for (const rule of w.rules ?? []) if (!rule.scope) rule.scope = '*';
  if (w.clientConfig?.service) w.clientConfig.service.port ??= 443;
}

export function defaultMutatingWebhookConfiguration(obj: any): void {
  for (const w of obj.webhooks ?? []) defaultWebhook(w, true);
}

export function defaultValidatingWebhookConfiguration(obj: any): void {
  for (const w of obj.webhooks ?? []) defaultWebhook(w, false);
}
