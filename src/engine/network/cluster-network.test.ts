import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';
import { SandboxDouble } from './sandbox-double.testing';

const WEB = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: agnhost
        image: registry.k8s.io/e2e-test-images/agnhost:2.53
        args: [netexec, --http-port=8080]
        ports: [{name: http, containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - {name: sh, image: busybox:1.37, command: [sleep, "3600"]}
`;

function boot(seed = 3): { c: Cluster; sandboxes: SandboxDouble } {
  const c = createCluster({ seed });
  c.apply(WEB);
  c.advance(30_000);
  const sandboxes = new SandboxDouble(c);
  sandboxes.sync();
  return { c, sandboxes };
}

const podNames = (c: Cluster, sel: string) => c.list('pods', 'default', sel).map((p) => `default/${p.metadata.name}`).sort();

describe('cluster DNS', () => {
  it('resolves Services through the search path, pods by address, and NXDOMAIN otherwise', () => {
    const { c } = boot();
    const client = c.get('pod', 'client')!;
    const web = c.get('service', 'web')!;
    const r = c.network.resolveFrom(client as never, 'web');
    expect(r).toEqual({ server: '10.96.0.10', answer: { name: 'web.default.svc.cluster.local', addresses: [web.spec.clusterIP] } });
    expect(c.network.resolveFrom(client as never, 'kube-dns.kube-system').answer).toEqual({ name: 'kube-dns.kube-system.svc.cluster.local', addresses: ['10.96.0.10'] });
    expect(c.network.resolveFrom(client as never, 'kubernetes.default.svc.cluster.local.').answer?.addresses).toEqual(['10.96.0.1']);
    expect(c.network.resolveFrom(client as never, '10-244-1-7.default.pod.cluster.local').answer?.addresses).toEqual(['10.244.1.7']);
    expect(c.network.resolveFrom(client as never, 'nosuch')).toEqual({ server: '10.96.0.10' });
  });

  it('answers headless Services with ready pod addresses and StatefulSet pods by hostname', () => {
    const c = createCluster({ seed: 5 });
    c.apply(`
apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{name: web, port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 2
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: nginx:1.27, ports: [{containerPort: 80, name: web}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: kube-public}
spec:
  containers: [{name: sh, image: busybox:1.37, command: [sleep, "3600"]}]
`);
    c.advance(60_000);
    const ips = c.list('pods', 'default', 'app=nginx').map((p) => p.status.podIP).sort();
    expect(ips).toHaveLength(2);
    const client = c.get('pod', 'client', 'kube-public') as never;
    expect(c.network.resolveFrom(client, 'nginx.default').answer?.addresses.sort()).toEqual(ips);
    const web0 = c.get('pod', 'web-0')!;
    expect(c.network.resolveFrom(client, 'web-0.nginx.default.svc.cluster.local').answer).toEqual({ name: 'web-0.nginx.default.svc.cluster.local', addresses: [web0.status.podIP] });
    // From kube-public, the short name searches kube-public first and finds nothing.
    expect(c.network.resolveFrom(client, 'nginx').answer).toBeUndefined();
    const slice = c.list('endpointslices', 'default', 'kubernetes.io/service-name=nginx')[0];
    expect(slice.metadata.labels['service.kubernetes.io/headless']).toBe('');
    expect(slice.endpoints.map((e: { hostname: string }) => e.hostname).sort()).toEqual(['web-0', 'web-1']);
  });

  it('times out while no CoreDNS pod is ready', () => {
    const { c } = boot();
    c.kubectl('scale deployment coredns -n kube-system --replicas=0');
    c.advance(60_000);
    const client = c.get('pod', 'client') as never;
    expect(c.network.resolveFrom(client, 'web')).toEqual({ server: '10.96.0.10', error: 'timeout' });
  });
});

describe('service traffic', () => {
  it('spreads requests over the ready pods as the probabilities say, deterministically', () => {
    const run = () => {
      const { c } = boot(11);
      const sandboxes = new SandboxDouble(c);
      sandboxes.sync();
      return { report: c.network.sendTraffic({ from: { pod: 'default/client' }, to: 'web', count: 300, path: '/hostname' }), pods: podNames(c, 'app=web') };
    };
    const { report, pods } = run();
    expect(report.outcomes.ok).toBe(300);
    expect(Object.keys(report.byPod).sort()).toEqual(pods);
    for (const n of Object.values(report.byPod)) expect(n).toBeGreaterThan(70);
    expect(report.requests[0].chains.slice(0, 3)).toEqual(['PREROUTING', 'KUBE-SERVICES', expect.stringMatching(/^KUBE-SVC-/)]);
    expect(report.requests[0].body).toBe(report.requests[0].pod!.split('/')[1]);
    expect(run().report.byPod).toEqual(report.byPod);
  });

  it('keeps a client on one pod with ClientIP session affinity', () => {
    const { c, sandboxes } = boot();
    c.request({ method: 'PATCH', path: '/api/v1/namespaces/default/services/web', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { sessionAffinity: 'ClientIP' } } });
    c.advance(2000);
    sandboxes.sync();
    const report = c.network.sendTraffic({ from: { pod: 'default/client' }, to: 'web.default:80', count: 20 });
    expect(Object.values(report.byPod)).toEqual([20]);
  });

  it('flips the endpoint conditions and stops sending to a pod whose readiness fails', () => {
    const c = createCluster({ seed: 2 });
    c.apply(`
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: agnhost
        image: registry.k8s.io/e2e-test-images/agnhost:2.53
        args: [netexec, --http-port=8080]
        ports: [{name: http, containerPort: 8080}]
      - name: gate
        image: busybox:1.37
        command: [sh, -c, 'touch /tmp/ok; sleep 40; if [ "$HOSTNAME" = web-1 ]; then rm /tmp/ok; fi; sleep 3600']
        readinessProbe: {exec: {command: [cat, /tmp/ok]}, periodSeconds: 1}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers: [{name: sh, image: busybox:1.37, command: [sleep, "3600"]}]
`);
    c.advance(30_000);
    const conditions = () => {
      const slice = c.list('endpointslices', 'default', 'kubernetes.io/service-name=web')[0];
      return Object.fromEntries(slice.endpoints.map((e: { targetRef: { name: string }; conditions: unknown }) => [e.targetRef.name, e.conditions]));
    };
    const ready = { ready: true, serving: true, terminating: false };
    expect(conditions()).toEqual({ 'web-0': ready, 'web-1': ready, 'web-2': ready });
    c.advance(60_000);
    expect(conditions()['web-1']).toEqual({ ready: false, serving: false, terminating: false });
    const ep = c.get('endpoints', 'web')!;
    expect(ep.subsets[0].notReadyAddresses.map((a: { targetRef: { name: string } }) => a.targetRef.name)).toEqual(['web-1']);
    expect(ep.subsets[0].addresses).toHaveLength(2);
    new SandboxDouble(c).sync();
    const report = c.network.sendTraffic({ from: { pod: 'default/client' }, to: 'web', count: 60 });
    expect(Object.keys(report.byPod).sort()).toEqual(['default/web-0', 'default/web-2']);
  });

  it('keeps using stale rules while kube-proxy is stopped', () => {
    const { c, sandboxes } = boot(4);
    const clientNode = c.get('pod', 'client')!.spec.nodeName;
    const proxy = c.network.proxy(clientNode)!;
    const before = podNames(c, 'app=web');
    proxy.stop();
    c.kubectl('scale deployment web --replicas=6');
    c.advance(30_000);
    sandboxes.sync();
    const stale = c.network.sendTraffic({ from: { pod: 'default/client' }, to: 'web', count: 120 });
    expect(Object.keys(stale.byPod).sort()).toEqual(before);
    // Another node's kube-proxy kept syncing and reaches all six.
    expect(c.list('endpointslices', 'default', 'kubernetes.io/service-name=web')[0].endpoints).toHaveLength(6);
    proxy.start();
    c.advance(2000);
    const fresh = c.network.sendTraffic({ from: { pod: 'default/client' }, to: 'web', count: 300 });
    expect(Object.keys(fresh.byPod)).toHaveLength(6);
  });

  it('reaches a LoadBalancer Service from outside once the cloud assigned its address', () => {
    const { c, sandboxes } = boot();
    c.request({ method: 'PATCH', path: '/api/v1/namespaces/default/services/web', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { type: 'LoadBalancer' } } });
    c.advance(100);
    expect(c.kubectl('get svc web').stdout).toMatch(/web\s+LoadBalancer\s+10\.\S+\s+<pending>\s+80:3\d{4}\/TCP/);
    c.advance(5000);
    expect(c.kubectl('get svc web').stdout).toMatch(/web\s+LoadBalancer\s+10\.\S+\s+172\.18\.255\.200\s+80:3\d{4}\/TCP/);
    const reasons = c.list('events', 'default').filter((e) => e.involvedObject.name === 'web' && e.involvedObject.kind === 'Service').map((e) => `${e.reason}/${e.source.component}`);
    expect(reasons).toEqual(['EnsuringLoadBalancer/service-controller', 'EnsuredLoadBalancer/service-controller']);
    c.advance(2000);
    sandboxes.sync();
    const viaLB = c.network.sendTraffic({ from: { external: true, via: 'loadbalancer' }, to: 'web.default', count: 30 });
    expect(viaLB.outcomes.ok).toBe(30);
    expect(viaLB.requests[0].chains).toEqual(expect.arrayContaining(['KUBE-SERVICES', expect.stringMatching(/^KUBE-EXT-/), expect.stringMatching(/^KUBE-SEP-/)]));
    const viaNodePort = c.network.sendTraffic({ from: { external: true, via: 'nodeport', node: 'worker-2' }, to: 'web.default', count: 5 });
    expect(viaNodePort.requests.every((r) => r.node === 'worker-2' && r.chains.includes('KUBE-NODEPORTS'))).toBe(true);
    expect(viaNodePort.outcomes.ok).toBe(5);
  });

  it('refuses connections to a Service without endpoints and times out on unknown addresses', () => {
    const { c } = boot();
    c.kubectl('scale deployment web --replicas=0');
    c.advance(30_000);
    const refused = c.network.sendTraffic({ from: { pod: 'default/client' }, to: 'web', count: 1 });
    expect(refused.requests[0]).toMatchObject({ outcome: 'refused', rule: expect.stringContaining('"default/web:http has no endpoints"') });
    const nowhere = c.network.sendTraffic({ from: { pod: 'default/client' }, to: '10.96.99.99:80', count: 1 });
    expect(nowhere.requests[0].outcome).toBe('timeout');
  });
});
