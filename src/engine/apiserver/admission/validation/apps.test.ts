import { describe, expect, it } from 'vitest';
import { createMessage, updateMessage } from '../test-helpers';

const template = (labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], ...spec },
});

const deployment = (spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
});

describe('Deployment validation', () => {
  it('accepts a well-formed deployment', () => {
    expect(createMessage(deployment({}))).toBe('ok');
  });

  it('rejects negative replicas', () => {
    expect(createMessage(deployment({ replicas: -1 }))).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('requires a selector that matches the template', () => {
    expect(createMessage(deployment({ selector: undefined }))).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    expect(createMessage(deployment({ selector: { matchLabels: { app: 'api' } } }))).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    expect(createMessage(deployment({ selector: {} }))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });

  it('requires restartPolicy Always in the template', () => {
    expect(createMessage(deployment({ template: template({ app: 'web' }, { restartPolicy: 'Never' }) }))).toBe(
      'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });

  it('checks the rollout strategy', () => {
    expect(createMessage(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    );
    expect(createMessage(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '120%' } } }))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    );
    expect(createMessage(deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }))).toBe(
      "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    );
    expect(createMessage(deployment({ strategy: { type: 'BlueGreen' } }))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    );
  });

  it('makes the selector immutable on update', () => {
    const old = deployment({});
    expect(createMessage(old)).toBe('ok');
    const changed = structuredClone(old) as any;
    changed.spec.selector = { matchLabels: { app: 'web', tier: 'fe' } };
    changed.spec.template.metadata.labels = { app: 'web', tier: 'fe' };
    expect(updateMessage(changed, old)).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    const scaled = structuredClone(old) as any;
    scaled.spec.replicas = 5;
    expect(updateMessage(scaled, old)).toBe('ok');
  });
});

describe('ReplicaSet, DaemonSet and StatefulSet validation', () => {
  it('validates ReplicaSets like Deployments, wording included', () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: {}, template: template() } };
    expect(createMessage(rs)).toBe(
      'ReplicaSet.apps "web-1" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });

  it('checks DaemonSet selectors and update strategy', () => {
    const ds = (spec: Record<string, unknown>) => ({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
    });
    expect(createMessage(ds({}))).toBe('ok');
    expect(createMessage(ds({ selector: { matchLabels: { app: 'agent' } } }))).toBe(
      'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    expect(createMessage(ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }))).toBe(
      'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    );
  });

  it('checks StatefulSets and limits what an update may change', () => {
    const sts = (spec: Record<string, unknown>) => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }, { containers: [{ name: 'db', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }] }] }),
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        ...spec,
      },
    });
    expect(createMessage(sts({}))).toBe('ok');
    // Upstream does not validate a StatefulSet's pod spec; a bad container only fails when pods are created.
    expect(createMessage(sts({ template: template({ app: 'web' }, { containers: [{ name: 'db' }] }) }))).toBe('ok');
    const dotted = { ...sts({}), metadata: { name: 'db.v2', namespace: 'default' } };
    expect(createMessage(dotted)).toMatch(/^StatefulSet\.apps "db\.v2" is invalid: metadata\.name: Invalid value: "db\.v2": a lowercase RFC 1123 label must consist/);
    expect(createMessage(sts({ podManagementPolicy: 'Eager' }))).toBe(
      "StatefulSet.apps \"db\" is invalid: spec.podManagementPolicy: Invalid value: \"Eager\": must be 'OrderedReady' or 'Parallel'",
    );
    const old = sts({});
    expect(createMessage(old)).toBe('ok');
    const renamed = structuredClone(old) as any;
    renamed.spec.serviceName = 'other';
    expect(updateMessage(renamed, old)).toBe(
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});
