import { describe, expect, it } from 'vitest';
import { admit } from './index';
import { resourceFor } from './test-helpers';
import { typeCheck } from './typecheck';

const deployment = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata,
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } }, ...spec },
});

const decodeError = (obj: Record<string, unknown>) => typeCheck(resourceFor(obj.apiVersion as string, obj.kind as string), obj)?.message;

describe('typeCheck', () => {
  it('accepts well-typed bodies, even when required fields are missing', () => {
    expect(decodeError(deployment({}))).toBeUndefined();
    expect(decodeError({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: {} })).toBeUndefined();
    expect(decodeError(deployment({ replicas: null }))).toBeUndefined();
  });

  it('words a type mismatch as encoding/json and the apiserver do', () => {
    expect(decodeError(deployment({ replicas: '3' }))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(decodeError(deployment({ replicas: 1.5 }))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(decodeError(deployment({ paused: 'yes' }))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
    );
  });

  it('names the innermost struct and the full field path without indices', () => {
    const d = deployment({}) as any;
    d.spec.template.spec.containers[0].ports = [{ containerPort: '80' }];
    expect(decodeError(d)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
    const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { version: 5 } }, spec: { containers: [] } };
    expect(decodeError(p)).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    const wrongSpec = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: 'nope' };
    expect(decodeError(wrongSpec)).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec');
    const policy = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: 1, containers: [] } };
    expect(decodeError(policy)).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy');
  });

  it('reports the first error in document order', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { revisionHistoryLimit: 'ten', replicas: 'three' } };
    expect(decodeError(d)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.revisionHistoryLimit of type int32',
    );
  });

  it('reports malformed quantities and int-or-string values', () => {
    const d = deployment({}) as any;
    d.spec.template.spec.containers[0].resources = { limits: { cpu: 'lots' } };
    expect(decodeError(d)).toBe(
      "Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    const ok = deployment({}) as any;
    ok.spec.template.spec.containers[0].resources = { limits: { cpu: 2, memory: '1Gi' } };
    expect(decodeError(ok)).toBeUndefined();
    expect(decodeError(deployment({ strategy: { rollingUpdate: { maxSurge: true } } }))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
    );
    expect(decodeError(deployment({ strategy: { rollingUpdate: { maxSurge: '30%' } } }))).toBeUndefined();
  });

  it('makes admit answer 400 before defaulting or validating', () => {
    const d = deployment({ replicas: '3' });
    const r = admit({ operation: 'CREATE', resource: resourceFor('apps/v1', 'Deployment'), object: d });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect((d.spec as any).strategy).toBeUndefined();
  });
});
