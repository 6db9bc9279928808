import { describe, expect, it } from 'vitest';
import { isoSeconds } from '../../engine';
import { columnsFor, rowFor, toTable } from './index';

const NOW = 1_735_689_600_000; // 2025-01-01T00:00:00Z
const MIN = 60_000;
const ago = (ms: number) => isoSeconds(NOW - ms);
const meta = (name: string, extra: object = {}) => ({ name, namespace: 'default', creationTimestamp: ago(5 * MIN), ...extra });
const header = (group: string, resource: string, wide = false) =>
  columnsFor(group, resource)
    .filter((c) => wide || c.priority === 0)
    .map((c) => c.name.toUpperCase());

describe('column definitions', () => {
  it('match upstream names, priorities and the Name format', () => {
    expect(header('', 'pods')).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(header('', 'pods', true)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(header('apps', 'deployments', true)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(header('', 'services', true)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(header('', 'nodes', true)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    expect(header('', 'events')).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(header('batch', 'jobs')).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    expect(header('batch', 'cronjobs')).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(header('autoscaling', 'horizontalpodautoscalers')).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    expect(header('scheduling.k8s.io', 'priorityclasses')).toEqual(['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']);
    const name = columnsFor('', 'pods')[0];
    expect(name).toMatchObject({ name: 'Name', type: 'string', format: 'name', priority: 0 });
    expect(name.description).toMatch(/^Name must be unique within a namespace/);
    expect(columnsFor('', 'pods')[3]).toMatchObject({ name: 'Restarts', type: 'string' });
  });

  it('falls back to NAME / CREATED AT for kinds without a printer', () => {
    expect(columnsFor('rbac.authorization.k8s.io', 'roles').map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
    expect(rowFor('', 'limitranges', { metadata: { name: 'limits', creationTimestamp: '2024-12-31T22:00:00-02:00' } }, NOW)).toEqual(['limits', '2025-01-01T00:00:00Z']);
    expect(rowFor('example.com', 'widgets', { metadata: { name: 'w' } }, NOW)).toEqual(['w', '0001-01-01T00:00:00Z']);
  });

  it('every row has as many cells as its table has columns', () => {
    const samples: Array<[string, string]> = [
      ['', 'pods'], ['', 'services'], ['', 'nodes'], ['', 'events'], ['', 'persistentvolumes'], ['', 'persistentvolumeclaims'],
      ['', 'replicationcontrollers'], ['', 'resourcequotas'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['batch', 'cronjobs'],
      ['storage.k8s.io', 'csidrivers'], ['flowcontrol.apiserver.k8s.io', 'prioritylevelconfigurations'], ['events.k8s.io', 'events'],
    ];
    for (const [g, r] of samples) expect(rowFor(g, r, { metadata: { name: 'x' } }, NOW), `${g}/${r}`).toHaveLength(columnsFor(g, r).length);
  });
});

describe('workloads', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] } };

  it('deployments: READY ready/desired, UP-TO-DATE, AVAILABLE, wide containers/images/selector', () => {
    const d = {
      metadata: meta('web'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', tier: 'fe' } }, template },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(rowFor('apps', 'deployments', d, NOW)).toEqual(['web', '2/3', 3, 2, '5m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web,tier=fe']);
    expect(rowFor('apps', 'deployments', { metadata: meta('new'), spec: { replicas: 2, selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, template } }, NOW)).toEqual([
      'new', '0/2', 0, 0, '5m', 'nginx,sidecar', 'nginx:1.27,busybox', 'env in (dev,prod)',
    ]);
  });

  it('replicasets, statefulsets, daemonsets, replicationcontrollers', () => {
    expect(rowFor('apps', 'replicasets', { metadata: meta('web-7d4b9'), spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 3, readyReplicas: 1 } }, NOW)).toEqual([
      'web-7d4b9', 3, 3, 1, '5m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web',
    ]);
    expect(rowFor('apps', 'statefulsets', { metadata: meta('db'), spec: { replicas: 3, template }, status: { readyReplicas: 1 } }, NOW)).toEqual(['db', '1/3', '5m', 'nginx,sidecar', 'nginx:1.27,busybox']);
    const ds = {
      metadata: meta('agent'),
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'agent', image: 'agent:1' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    expect(rowFor('apps', 'daemonsets', ds, NOW)).toEqual(['agent', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '5m', 'agent', 'agent:1', 'app=agent']);
    expect(rowFor('', 'replicationcontrollers', { metadata: meta('rc'), spec: { replicas: 2, selector: { app: 'web' }, template }, status: { replicas: 2, readyReplicas: 2 } }, NOW)).toEqual([
      'rc', 2, 2, 2, '5m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web',
    ]);
  });

  it('jobs: STATUS, COMPLETIONS forms and DURATION', () => {
    const job = (spec: object, status: object, extra: object = {}) => ({ metadata: meta('pi', extra), spec: { template, ...spec }, status });
    const cols = (j: object) => rowFor('batch', 'jobs', j, NOW).slice(0, 5);
    expect(cols(job({ completions: 1 }, { succeeded: 1, startTime: ago(5 * MIN), completionTime: ago(5 * MIN - 42_000), conditions: [{ type: 'Complete', status: 'True' }] }))).toEqual([
      'pi', 'Complete', '1/1', '42s', '5m',
    ]);
    expect(cols(job({ completions: 5, parallelism: 2 }, { succeeded: 2, startTime: ago(3 * MIN) }))).toEqual(['pi', 'Running', '2/5', '3m', '5m']);
    expect(cols(job({ parallelism: 3 }, {}))).toEqual(['pi', 'Running', '0/1 of 3', '', '5m']);
    expect(cols(job({}, { conditions: [{ type: 'Failed', status: 'True' }] }))[1]).toBe('Failed');
    expect(cols(job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }))[1]).toBe('Suspended');
    expect(cols(job({}, { conditions: [{ type: 'FailureTarget', status: 'True' }] }))[1]).toBe('FailureTarget');
    expect(cols(job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }, { deletionTimestamp: ago(0) }))[1]).toBe('Terminating');
  });

  it('cronjobs', () => {
    const cj = { metadata: meta('backup'), spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } }, status: { active: [{ name: 'backup-1' }], lastScheduleTime: ago(2 * MIN) } };
    expect(rowFor('batch', 'cronjobs', cj, NOW)).toEqual(['backup', '*/5 * * * *', '<none>', '<unset>', 1, '2m', '5m', 'nginx,sidecar', 'nginx:1.27,busybox', '<none>']);
    const suspended = { metadata: meta('nightly'), spec: { schedule: '0 3 * * *', timeZone: 'Europe/Berlin', suspend: false, jobTemplate: { spec: { template } } } };
    expect(rowFor('batch', 'cronjobs', suspended, NOW).slice(0, 7)).toEqual(['nightly', '0 3 * * *', 'Europe/Berlin', 'False', 0, '<none>', '5m']);
  });

  it('horizontalpodautoscalers: TARGETS in v2 and v1 shapes', () => {
    const hpa = (metrics: object[] | undefined, currentMetrics?: object[]) => ({
      metadata: meta('web'),
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 10, metrics },
      status: { currentReplicas: 3, desiredReplicas: 3, currentMetrics },
    });
    const cpu80 = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
    expect(rowFor('autoscaling', 'horizontalpodautoscalers', hpa([cpu80], [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '100m' } } }]), NOW)).toEqual([
      'web', 'Deployment/web', 'cpu: 50%/80%', '2', 10, 3, '5m',
    ]);
    expect(rowFor('autoscaling', 'horizontalpodautoscalers', hpa([cpu80]), NOW)[2]).toBe('cpu: <unknown>/80%');
    expect(rowFor('autoscaling', 'horizontalpodautoscalers', hpa([]), NOW)[2]).toBe('<none>');
    const mem = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } };
    const pods = { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } };
    expect(rowFor('autoscaling', 'horizontalpodautoscalers', hpa([cpu80, mem, pods]), NOW)[2]).toBe('cpu: <unknown>/80%, memory: <unknown>/512Mi + 1 more...');
    const v1 = { metadata: meta('old'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'old' }, maxReplicas: 4, targetCPUUtilizationPercentage: 60 }, status: { currentReplicas: 1, currentCPUUtilizationPercentage: 12 } };
    expect(rowFor('autoscaling', 'horizontalpodautoscalers', v1, NOW)).toEqual(['old', 'Deployment/old', 'cpu: 12%/60%', '<unset>', 4, 1, '5m']);
  });

  it('controllerrevisions name their controller as kind.group/name', () => {
    const cr = { metadata: meta('web-6b7f', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] }), revision: 2 };
    expect(rowFor('apps', 'controllerrevisions', cr, NOW)).toEqual(['web-6b7f', 'statefulset.apps/web', 2, '5m']);
  });
});

describe('services and networking', () => {
  const svc = (spec: object, status: object = {}) => ({ metadata: meta('web'), spec, status });
  const ports = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }];

  it('ClusterIP, headless, NodePort, LoadBalancer (pending and assigned) and ExternalName', () => {
    expect(rowFor('', 'services', svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports, selector: { app: 'web' } }), NOW)).toEqual([
      'web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '5m', 'app=web',
    ]);
    expect(rowFor('', 'services', svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }), NOW)).toEqual(['web', 'ClusterIP', 'None', '<none>', '<none>', '5m', '<none>']);
    const nodePorts = [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }];
    expect(rowFor('', 'services', svc({ type: 'NodePort', clusterIPs: ['10.96.1.1'], ports: nodePorts, externalIPs: ['1.2.3.4'] }), NOW).slice(1, 5)).toEqual([
      'NodePort', '10.96.1.1', '1.2.3.4', '80:30080/TCP,53:30053/UDP',
    ]);
    expect(rowFor('', 'services', svc({ type: 'LoadBalancer', clusterIPs: ['10.96.2.2'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }), NOW).slice(1, 5)).toEqual([
      'LoadBalancer', '10.96.2.2', '<pending>', '443:31443/TCP',
    ]);
    const assigned = svc({ type: 'LoadBalancer', clusterIPs: ['10.96.2.2'] }, { loadBalancer: { ingress: [{ ip: '203.0.113.7' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.7' }] } });
    expect(rowFor('', 'services', assigned, NOW)[3]).toBe('203.0.113.7,lb.example.com');
    expect(rowFor('', 'services', svc({ type: 'ExternalName', externalName: 'db.example.com' }), NOW).slice(1, 5)).toEqual(['ExternalName', '<none>', 'db.example.com', '<none>']);
  });

  it('endpoints and endpointslices list three addresses, then "+ N more..."', () => {
    const addresses = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ ip }));
    expect(rowFor('', 'endpoints', { metadata: meta('web'), subsets: [{ addresses, ports: [{ port: 8080 }] }] }, NOW)).toEqual([
      'web', '10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...', '5m',
    ]);
    expect(rowFor('', 'endpoints', { metadata: meta('empty') }, NOW)[1]).toBe('<none>');
    expect(rowFor('', 'endpoints', { metadata: meta('v6'), subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] }, NOW)[1]).toBe('[fd00::1]:80');
    const slice = { metadata: meta('web-abcde'), addressType: 'IPv4', ports: [{ port: 8080 }, { name: 'metrics' }], endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2'] }] };
    expect(rowFor('discovery.k8s.io', 'endpointslices', slice, NOW)).toEqual(['web-abcde', 'IPv4', '8080,metrics', '10.0.0.1,10.0.0.2', '5m']);
    expect(rowFor('discovery.k8s.io', 'endpointslices', { metadata: meta('none'), addressType: 'IPv4' }, NOW).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });

  it('ingresses and ingressclasses', () => {
    const ing = {
      metadata: meta('web'),
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
    };
    expect(rowFor('networking.k8s.io', 'ingresses', ing, NOW)).toEqual(['web', 'nginx', 'a.example.com,b.example.com', '192.168.49.2', '80, 443', '5m']);
    expect(rowFor('networking.k8s.io', 'ingresses', { metadata: meta('any'), spec: { rules: [{}] } }, NOW).slice(1, 5)).toEqual(['<none>', '*', '', '80']);
    const cls = { metadata: meta('nginx'), spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } } };
    expect(rowFor('networking.k8s.io', 'ingressclasses', cls, NOW)).toEqual(['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '5m']);
    expect(rowFor('networking.k8s.io', 'networkpolicies', { metadata: meta('deny'), spec: { podSelector: {} } }, NOW)).toEqual(['deny', '<none>', '5m']);
  });
});

describe('nodes', () => {
  const node = (labels: Record<string, string>, ready: string | undefined, unschedulable = false) => ({
    metadata: { name: 'node-1', labels, creationTimestamp: ago(3 * 24 * 60 * MIN) },
    spec: { unschedulable },
    status: {
      conditions: ready ? [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: ready }] : [],
      addresses: [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: 'node-1' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'containerd://1.7.24' },
    },
  });

  it('STATUS, ROLES, VERSION and the wide columns', () => {
    expect(rowFor('', 'nodes', node({ 'node-role.kubernetes.io/control-plane': '' }, 'True'), NOW)).toEqual([
      'node-1', 'Ready', 'control-plane', '3d', 'v1.32.0', '192.168.1.10', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-18-amd64', 'containerd://1.7.24',
    ]);
    expect(rowFor('', 'nodes', node({}, 'True', true), NOW).slice(1, 3)).toEqual(['Ready,SchedulingDisabled', '<none>']);
    expect(rowFor('', 'nodes', node({}, 'False'), NOW)[1]).toBe('NotReady');
    expect(rowFor('', 'nodes', node({}, 'Unknown'), NOW)[1]).toBe('NotReady');
    expect(rowFor('', 'nodes', node({}, undefined, true), NOW)[1]).toBe('Unknown,SchedulingDisabled');
    const roles = { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/infra': 'true', 'kubernetes.io/role': 'gpu', 'node-role.kubernetes.io/': '' };
    expect(rowFor('', 'nodes', node(roles, 'True'), NOW)[2]).toBe('gpu,infra,worker');
  });
});

describe('events', () => {
  const event = (extra: object) => ({
    metadata: { name: 'web.17a3b', namespace: 'default', creationTimestamp: ago(5 * MIN) },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{app}' },
    reason: 'BackOff',
    message: 'Back-off restarting failed container app in pod web_default(uid)\n',
    type: 'Warning',
    source: { component: 'kubelet', host: 'node-1' },
    ...extra,
  });

  it('LAST SEEN TYPE REASON OBJECT MESSAGE, with wide subobject, source, first seen, count, name', () => {
    const e = event({ firstTimestamp: ago(5 * MIN), lastTimestamp: ago(30_000), count: 7 });
    expect(rowFor('', 'events', e, NOW)).toEqual([
      '30s', 'Warning', 'BackOff', 'pod/web', 'spec.containers{app}', 'kubelet, node-1', 'Back-off restarting failed container app in pod web_default(uid)', '5m', 7, 'web.17a3b',
    ]);
  });

  it('falls back to eventTime, uses the series and counts singletons as 1', () => {
    const fresh = event({ eventTime: '2024-12-31T23:58:00.123456Z', source: {}, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-cp-1' });
    const row = rowFor('', 'events', fresh, NOW);
    // 119.876544s ago: the microseconds count, so this is still seconds.
    expect([row[0], row[5], row[7], row[8]]).toEqual(['119s', 'default-scheduler, default-scheduler-cp-1', '119s', 1]);
    const series = event({ eventTime: ago(10 * MIN), series: { count: 4, lastObservedTime: ago(90_000) } });
    const r2 = rowFor('', 'events', series, NOW);
    expect([r2[0], r2[8]]).toEqual(['90s', 4]);
    expect(rowFor('', 'events', event({ involvedObject: { kind: 'Node' } }), NOW)[3]).toBe('node');
  });

  it('prints events.k8s.io/v1 Events the same way', () => {
    const e = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'default' },
      eventTime: ago(MIN),
      regarding: { kind: 'Deployment', name: 'web' },
      note: 'Scaled up replica set web-7d4b9 to 3',
      reason: 'ScalingReplicaSet',
      type: 'Normal',
      reportingController: 'deployment-controller',
      action: 'Scale',
    };
    expect(rowFor('events.k8s.io', 'events', e, NOW)).toEqual([
      '60s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller', 'Scaled up replica set web-7d4b9 to 3', '60s', 1, 'web.1',
    ]);
  });
});

describe('config, storage, policy and the rest', () => {
  it('configmaps, secrets, serviceaccounts, namespaces, resourcequotas', () => {
    expect(rowFor('', 'configmaps', { metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }, NOW)).toEqual(['cfg', 3, '5m']);
    expect(rowFor('', 'secrets', { metadata: meta('tls'), type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }, NOW)).toEqual(['tls', 'kubernetes.io/tls', 2, '5m']);
    expect(rowFor('', 'serviceaccounts', { metadata: meta('default') }, NOW)).toEqual(['default', 0, '5m']);
    expect(rowFor('', 'namespaces', { metadata: meta('kube-system'), status: { phase: 'Active' } }, NOW)).toEqual(['kube-system', 'Active', '5m']);
    const quota = { metadata: meta('q'), status: { hard: { 'requests.cpu': '2', 'limits.memory': '2Gi', pods: '10', 'limits.cpu': '4' }, used: { 'requests.cpu': '500m', 'limits.memory': '1024Mi', pods: '3' } } };
    expect(rowFor('', 'resourcequotas', quota, NOW)).toEqual(['q', 'pods: 3/10, requests.cpu: 500m/2', 'limits.cpu: 0/4, limits.memory: 1Gi/2Gi', '5m']);
  });

  it('persistentvolumes and claims', () => {
    const pv = {
      metadata: { name: 'pv-1', creationTimestamp: ago(5 * MIN) },
      spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Bound' },
    };
    expect(rowFor('', 'persistentvolumes', pv, NOW)).toEqual(['pv-1', '10Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '5m', 'Filesystem']);
    const pending = { metadata: meta('data'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' }, status: { phase: 'Pending' } };
    expect(rowFor('', 'persistentvolumeclaims', pending, NOW)).toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '5m', '<unset>']);
    const bound = { ...pending, spec: { ...pending.spec, volumeName: 'pv-1', volumeMode: 'Filesystem' }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1024Mi' } } };
    expect(rowFor('', 'persistentvolumeclaims', bound, NOW)).toEqual(['data', 'Bound', 'pv-1', '1Gi', 'RWO', 'standard', '<unset>', '5m', 'Filesystem']);
  });

  it('storageclasses mark the default class', () => {
    const sc = { metadata: { name: 'standard', creationTimestamp: ago(5 * MIN), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
    expect(rowFor('storage.k8s.io', 'storageclasses', sc, NOW)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '5m']);
  });

  it('pdbs, priorityclasses, leases, rolebindings, webhooks, csrs', () => {
    expect(rowFor('policy', 'poddisruptionbudgets', { metadata: meta('web'), spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } }, NOW)).toEqual(['web', '50%', 'N/A', 1, '5m']);
    expect(rowFor('scheduling.k8s.io', 'priorityclasses', { metadata: meta('system-node-critical'), value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }, NOW)).toEqual([
      'system-node-critical', 2000001000, false, '5m', 'PreemptLowerPriority',
    ]);
    expect(rowFor('coordination.k8s.io', 'leases', { metadata: meta('kube-scheduler'), spec: { holderIdentity: 'cp-1_abc' } }, NOW)).toEqual(['kube-scheduler', 'cp-1_abc', '5m']);
    const rb = {
      metadata: meta('read'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'build' }, { kind: 'User', name: 'joe' }],
    };
    expect(rowFor('rbac.authorization.k8s.io', 'rolebindings', rb, NOW)).toEqual(['read', 'ClusterRole/view', '5m', 'jane, joe', 'devs', 'build/ci']);
    expect(rowFor('admissionregistration.k8s.io', 'validatingwebhookconfigurations', { metadata: meta('hooks'), webhooks: [{}, {}] }, NOW)).toEqual(['hooks', 2, '5m']);
    const csr = { metadata: meta('csr-1'), spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'jane', expirationSeconds: 86400 }, status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' } };
    expect(rowFor('certificates.k8s.io', 'certificatesigningrequests', csr, NOW)).toEqual(['csr-1', '5m', 'kubernetes.io/kube-apiserver-client', 'jane', '24h', 'Approved,Issued']);
  });
});

describe('toTable', () => {
  const pods = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'default', uid: 'u-b', resourceVersion: '12', creationTimestamp: ago(MIN) }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } },
  ];

  it('builds a meta.k8s.io/v1 Table with PartialObjectMetadata rows by default', () => {
    const table = toTable('', 'pods', pods, NOW, { resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(table.rows).toEqual([
      {
        cells: ['b', '0/1', 'Pending', '0', '60s', '<none>', '<none>', '<none>', '<none>'],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pods[0].metadata },
      },
    ]);
  });

  it('honours includeObject and noHeaders', () => {
    expect(toTable('', 'pods', pods, NOW, { includeObject: 'Object' }).rows[0].object).toBe(pods[0]);
    expect(toTable('', 'pods', pods, NOW, { includeObject: 'None' }).rows[0]).not.toHaveProperty('object');
    const headless = toTable('', 'pods', pods, NOW, { noHeaders: true });
    expect(headless.columnDefinitions).toEqual([]);
    expect(headless.metadata).toEqual({});
  });

  it('orders flowschemas by matching precedence, then name', () => {
    const fs = (name: string, matchingPrecedence: number) => ({ metadata: { name }, spec: { matchingPrecedence, priorityLevelConfiguration: { name: 'workload-low' } } });
    const table = toTable('flowcontrol.apiserver.k8s.io', 'flowschemas', [fs('global-default', 9900), fs('exempt', 1), fs('catch-all', 10000), fs('b', 1)], NOW, {});
    expect(table.rows.map((r) => r.cells[0])).toEqual(['b', 'exempt', 'global-default', 'catch-all']);
    expect(table.rows[0].cells).toEqual(['b', 'workload-low', 1, '<none>', '<unknown>', '?']);
  });
});
