import { describe, expect, it } from 'vitest';
import { createMessage, updateMessage } from '../test-helpers';

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web', namespace: 'default' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });

describe('Pod validation', () => {
  it('requires a name or generateName, and a valid name', () => {
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x' }] }, { namespace: 'default' }))).toBe(
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    );
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x' }] }, { name: 'Web', namespace: 'default' }))).toBe(
      `Pod "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x' }] }, { generateName: 'web-', namespace: 'default' }))).toBe('ok');
  });

  it('requires containers, images and unique names', () => {
    expect(createMessage(pod({}))).toBe('Pod "web" is invalid: spec.containers: Required value');
    expect(createMessage(pod({ containers: [{ name: 'c' }] }))).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x' }, { name: 'c', image: 'y' }] }))).toBe(
      'Pod "web" is invalid: spec.containers[1].name: Duplicate value: "c"',
    );
  });

  it('checks ports, protocols, restart policy and resources', () => {
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 70000 }] }] }))).toBe(
      'Pod "web" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] }))).toBe(
      'Pod "web" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
    expect(createMessage(pod({ restartPolicy: 'Sometimes', containers: [{ name: 'c', image: 'x' }] }))).toBe(
      'Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1000m' } } }] }))).toBe(
      'Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
  });

  it('checks probes and volume mounts', () => {
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x', livenessProbe: { periodSeconds: 5 } }] }))).toBe(
      'Pod "web" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type',
    );
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }))).toBe(
      'Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    );
    expect(createMessage(pod({ containers: [{ name: 'c', image: 'x', env: [{ name: '' }] }] }))).toBe(
      'Pod "web" is invalid: spec.containers[0].env[0].name: Required value',
    );
  });

  it('lists several errors in brackets', () => {
    expect(createMessage(pod({ containers: [{ name: 'C' }] }))).toBe(
      `Pod "web" is invalid: [spec.containers[0].name: Invalid value: "C": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), spec.containers[0].image: Required value]`,
    );
  });

  it('forbids spec changes on update other than images and the like', () => {
    const old = { ...pod({ containers: [{ name: 'c', image: 'nginx:1' }] }), metadata: { name: 'web', namespace: 'default', uid: 'u' } };
    const admittedOld = structuredClone(old);
    expect(createMessage(admittedOld)).toBe('ok');
    // A replace with the original manifest keeps what admission added on create.
    const replaced = structuredClone(old) as any;
    replaced.spec.containers[0].image = 'nginx:2';
    replaced.spec.serviceAccountName = 'default';
    expect(updateMessage(replaced, admittedOld)).toBe('ok');
    const imageOnly = structuredClone(admittedOld) as any;
    imageOnly.spec.containers[0].image = 'nginx:2';
    expect(updateMessage(imageOnly, admittedOld)).toBe('ok');
    const nodeChange = structuredClone(admittedOld) as any;
    nodeChange.spec.nodeName = 'node-2';
    expect(updateMessage(nodeChange, admittedOld)).toMatch(
      /^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    const added = structuredClone(admittedOld) as any;
    added.spec.containers.push({ name: 'd', image: 'x' });
    expect(updateMessage(added, admittedOld)).toBe('Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
    const renamed = structuredClone(admittedOld) as any;
    renamed.metadata.name = 'other';
    expect(updateMessage(renamed, admittedOld)).toBe('Pod "other" is invalid: metadata.name: Invalid value: "other": field is immutable');
  });
});

const svc = (spec: Record<string, unknown>, name = 'web') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });

describe('Service validation', () => {
  it('requires ports unless headless or ExternalName', () => {
    expect(createMessage(svc({ selector: { app: 'web' } }))).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(createMessage(svc({ clusterIP: 'None', selector: { app: 'web' } }))).toBe('ok');
    expect(createMessage(svc({ type: 'ExternalName', externalName: 'example.com' }))).toBe('ok');
    expect(createMessage(svc({ type: 'ExternalName' }))).toBe('Service "web" is invalid: spec.externalName: Required value');
  });

  it('uses DNS-1035 names, port rules and the type enum', () => {
    expect(createMessage(svc({ ports: [{ port: 80 }] }, '1web'))).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(createMessage(svc({ ports: [{ port: 80 }, { port: 443 }] }))).toBe(
      'Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
    );
    expect(createMessage(svc({ ports: [{ port: 0 }] }))).toBe(
      // The target port defaults to the port, so it is reported too, as upstream does.
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    );
    expect(createMessage(svc({ type: 'Internal', ports: [{ port: 80 }] }))).toBe(
      'Service "web" is invalid: spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(createMessage(svc({ ports: [{ port: 80, nodePort: 30080 }] }))).toBe(
      "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });

  it('keeps the cluster IP on update', () => {
    const old = svc({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80 }] });
    expect(createMessage(old)).toBe('ok');
    const changed = structuredClone(old) as any;
    changed.spec.clusterIP = '10.96.0.11';
    changed.spec.clusterIPs = ['10.96.0.11'];
    expect(updateMessage(changed, old)).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set');
  });
});

describe('Namespace, ConfigMap, Secret and PVC validation', () => {
  it('uses DNS-1123 label names for namespaces and forbids a namespace on them', () => {
    expect(createMessage({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } })).toMatch(
      /^Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": a lowercase RFC 1123 label must consist/,
    );
    expect(createMessage({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', namespace: 'default' } })).toBe(
      'Namespace "a" is invalid: metadata.namespace: Forbidden: not allowed on this type',
    );
  });

  it('requires a namespace for namespaced kinds and checks data keys', () => {
    expect(createMessage({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } })).toBe('ConfigMap "cfg" is invalid: metadata.namespace: Required value');
    expect(createMessage({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'a b': 'x' } })).toBe(
      `ConfigMap "cfg" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  });

  it('checks Secret types and immutability', () => {
    expect(createMessage({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} })).toBe(
      'Secret "tls" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    const old = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'Opaque', immutable: true, data: { a: 'YQ==' } };
    const changed = { ...structuredClone(old), data: { a: 'Yg==' } };
    expect(updateMessage(changed, old)).toBe('Secret "s" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    const retyped = { ...structuredClone(old), immutable: undefined, type: 'kubernetes.io/basic-auth', data: { username: 'YQ==' } };
    expect(updateMessage(retyped, { ...old, immutable: undefined })).toBe('Secret "s" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });

  it('requires PVC access modes and a storage request', () => {
    expect(createMessage({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: {} })).toBe(
      'PersistentVolumeClaim "data" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
    expect(
      createMessage({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '1Gi' } } } }),
    ).toBe(
      'PersistentVolumeClaim "data" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    );
  });
});
