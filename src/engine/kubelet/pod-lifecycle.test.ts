import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';

type Obj = Record<string, any>;

/** A pod pinned to worker-1 through spec.nodeName (no scheduler decision involved). */
function podYaml(name: string, spec: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: worker-1
${spec
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
}

function status(c: Cluster, name: string): Obj {
  return c.get('pod', name)?.status ?? {};
}

const container = (c: Cluster, name: string) => status(c, name).containerStatuses?.[0] ?? {};

function events(c: Cluster, pod: string): Obj[] {
  return c.list('events', 'default').filter((e) => e.involvedObject?.name === pod);
}

const messages = (c: Cluster, pod: string, reason: string) => events(c, pod).filter((e) => e.reason === reason).map((e) => e.message as string);

/** Advances in small steps and records when `sample` changes. */
function watch<T>(c: Cluster, totalMs: number, stepMs: number, sample: () => T): { t: number; v: T }[] {
  const out: { t: number; v: T }[] = [];
  let last: string | undefined;
  for (let t = 0; t <= totalMs; t += stepMs) {
    const v = sample();
    const key = JSON.stringify(v);
    if (key !== last) out.push({ t: c.now(), v });
    last = key;
    c.advance(stepMs);
  }
  return out;
}

describe('kubelet pod lifecycle', () => {
  it('runs nginx: ContainerCreating while pulling, then Running and Ready with a pod IP from the node CIDR', () => {
    const c = createCluster({ workers: 2 });
    c.apply(podYaml('web', 'containers: [{name: nginx, image: nginx}]'));
    c.advance(100);
    expect(status(c, 'web').phase).toBe('Pending');
    expect(container(c, 'web').state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    // host-local IPAM on worker-1's 10.244.1.0/24: never the network address or the cni0 gateway (.1).
    expect(status(c, 'web').podIP).toMatch(/^10\.244\.1\.([2-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])$/);
    expect(status(c, 'web').hostIP).toBe('172.18.0.3');
    c.advance(10_000);
    const s = status(c, 'web');
    expect(s.phase).toBe('Running');
    expect(container(c, 'web')).toMatchObject({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:latest' });
    expect(container(c, 'web').imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(container(c, 'web').containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(s.conditions.map((x: Obj) => [x.type, x.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    const pulled = messages(c, 'web', 'Pulled')[0];
    expect(pulled).toMatch(/^Successfully pulled image "nginx" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: 72099501 bytes\.$/);
    expect(messages(c, 'web', 'Created')).toEqual(['Created container: nginx']);
    expect(messages(c, 'web', 'Started')).toEqual(['Started container nginx']);
    expect(events(c, 'web').find((e) => e.reason === 'Started')?.source).toEqual({ component: 'kubelet', host: 'worker-1' });
    // The log is what nginx printed.
    expect(c.kubectl('logs web').stdout).toContain('Configuration complete; ready for start up');
  });

  it('keeps sh -c "exit 1" in CrashLoopBackOff, restarting after 10, 20, 40, 80 s', () => {
    const c = createCluster({ workers: 1 });
    c.apply(podYaml('crash', "containers: [{name: c, image: 'busybox:1.36', command: [sh, -c, 'exit 1']}]"));
    const restarts = watch(c, 200_000, 100, () => container(c, 'crash').restartCount ?? 0);
    const times = restarts.map((r) => r.t);
    const gaps = times.slice(2).map((t, i) => Math.round((t - times[i + 1]) / 1000));
    expect(gaps.slice(0, 4)).toEqual([10, 20, 40, 80]);
    const cs = container(c, 'crash');
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(cs.state.waiting.message).toMatch(/^back-off (1m20s|2m40s) restarting failed container=c pod=crash_default\(.+\)$/);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status(c, 'crash').phase).toBe('Running');
    const uid = c.get('pod', 'crash')?.metadata.uid;
    expect(messages(c, 'crash', 'BackOff')).toContain(`Back-off restarting failed container c in pod crash_default(${uid})`);
  });

  it('completes a restartPolicy Never pod running sleep 5 about 5 s after it started', () => {
    const c = createCluster({ workers: 1 });
    c.apply(podYaml('job', "restartPolicy: Never\ncontainers: [{name: main, image: 'busybox:1.36', command: [sleep, '5']}]"));
    const phases = watch(c, 20_000, 100, () => status(c, 'job').phase);
    const running = phases.find((p) => p.v === 'Running');
    const done = phases.find((p) => p.v === 'Succeeded');
    expect(running && done).toBeTruthy();
    expect((done as { t: number }).t - (running as { t: number }).t).toBeGreaterThanOrEqual(5000);
    expect((done as { t: number }).t - (running as { t: number }).t).toBeLessThanOrEqual(5100);
    const cs = container(c, 'job');
    expect(cs.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(status(c, 'job').conditions.find((x: Obj) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('reports ErrImagePull, then ImagePullBackOff, for an unreachable registry', () => {
    const c = createCluster({ workers: 1 });
    c.apply(podYaml('bad', 'containers: [{name: x, image: registry.invalid/x}]'));
    const reasons = watch(c, 30_000, 100, () => container(c, 'bad').state?.waiting?.reason);
    expect(reasons.map((r) => r.v)).toEqual(expect.arrayContaining(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']));
    expect(reasons.findIndex((r) => r.v === 'ErrImagePull')).toBeLessThan(reasons.findIndex((r) => r.v === 'ImagePullBackOff'));
    const failed = messages(c, 'bad', 'Failed');
    expect(failed).toContain(
      'Failed to pull image "registry.invalid/x": rpc error: code = Unknown desc = failed to pull and unpack image "registry.invalid/x:latest": failed to resolve reference "registry.invalid/x:latest": failed to do request: Head "https://registry.invalid/v2/x/manifests/latest": dial tcp: lookup registry.invalid: no such host',
    );
    expect(failed).toContain('Error: ErrImagePull');
    expect(failed).toContain('Error: ImagePullBackOff');
    expect(messages(c, 'bad', 'BackOff')).toContain('Back-off pulling image "registry.invalid/x"');
    c.advance(1000);
    const waiting = container(c, 'bad').state.waiting;
    if (waiting.reason === 'ImagePullBackOff') expect(waiting.message).toMatch(/^Back-off pulling image "registry.invalid\/x": ErrImagePull: rpc error: code = Unknown desc = failed to pull/);
  });

  it('fails with CreateContainerConfigError for a missing ConfigMap, and starts once it exists', () => {
    const c = createCluster({ workers: 1 });
    c.apply(podYaml('cfg', "containers: [{name: app, image: 'busybox:1.36', command: [sleep, '3600'], env: [{name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode}}}]}]"));
    c.advance(3000);
    expect(container(c, 'cfg').state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    expect(messages(c, 'cfg', 'Failed')).toContain('Error: configmap "settings" not found');
    c.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {other: x}\n');
    c.advance(10_000);
    expect(container(c, 'cfg').state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key mode in ConfigMap default/settings" });
    c.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n');
    c.advance(10_000);
    expect(container(c, 'cfg').state.running).toBeDefined();
  });

  it('keeps a pod whose readiness probe fails Running but not Ready, with Unhealthy events', () => {
    const c = createCluster({ workers: 1 });
    c.apply(
      podYaml(
        'unready',
        "containers:\n- name: web\n  image: 'nginx:1.27'\n  readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 5, failureThreshold: 1}",
      ),
    );
    c.advance(30_000);
    expect(status(c, 'unready').phase).toBe('Running');
    expect(container(c, 'unready').ready).toBe(false);
    expect(status(c, 'unready').conditions.find((x: Obj) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(messages(c, 'unready', 'Unhealthy')[0]).toMatch(/^Readiness probe failed: Get "http:\/\/10\.244\.1\.\d+:8080\/": dial tcp 10\.244\.1\.\d+:8080: connect: connection refused$/);
  });

  it('becomes Ready once an http readiness probe to nginx:80 succeeds', () => {
    const c = createCluster({ workers: 1 });
    c.apply(podYaml('ready', "containers:\n- name: web\n  image: 'nginx:1.27'\n  readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 2, periodSeconds: 3}"));
    c.advance(2000);
    expect(container(c, 'ready').ready).toBe(false);
    c.advance(20_000);
    expect(container(c, 'ready').ready).toBe(true);
  });

  it('restarts a container whose exec liveness probe fails, with Killing events', () => {
    const c = createCluster({ workers: 1 });
    c.apply(
      podYaml(
        'live',
        "containers:\n- name: app\n  image: 'busybox:1.36'\n  command: [sh, -c, 'touch /tmp/healthy; sleep 20; rm /tmp/healthy; sleep 600']\n  livenessProbe: {exec: {command: [cat, /tmp/healthy]}, initialDelaySeconds: 5, periodSeconds: 5}",
      ),
    );
    c.advance(25_000);
    expect(container(c, 'live').restartCount).toBe(0);
    c.advance(60_000);
    expect(container(c, 'live').restartCount).toBeGreaterThanOrEqual(1);
    expect(messages(c, 'live', 'Unhealthy')[0]).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(messages(c, 'live', 'Killing')).toContain('Container app failed liveness probe, will be restarted');
    // The restarted container starts with a fresh filesystem, so the file exists again.
    expect(container(c, 'live').state.running).toBeDefined();
  });

  it('OOM-kills a container whose memory exceeds its limit', () => {
    const c = createCluster({ workers: 1 });
    c.apply(podYaml('oom', "restartPolicy: Never\ncontainers: [{name: db, image: 'redis:7', resources: {limits: {memory: 1Mi}}}]"));
    c.advance(15_000);
    expect(container(c, 'oom').state.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(status(c, 'oom').phase).toBe('Failed');
  });

  it('honours terminationGracePeriodSeconds on delete, then the kubelet removes the pod', () => {
    const c = createCluster({ workers: 1 });
    c.apply(podYaml('slow', "terminationGracePeriodSeconds: 7\ncontainers: [{name: s, image: 'busybox:1.36', command: [sleep, '3600']}]"));
    c.advance(5000);
    expect(status(c, 'slow').phase).toBe('Running');
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/slow' });
    c.advance(6000);
    // sleep as PID 1 ignores SIGTERM: the pod stays until SIGKILL at the end of the grace period.
    expect(c.get('pod', 'slow')?.metadata.deletionTimestamp).toBeDefined();
    expect(messages(c, 'slow', 'Killing')).toEqual(['Stopping container s']);
    c.advance(1500);
    expect(c.get('pod', 'slow')).toBeUndefined();
    const finalDelete = c.engine.traffic
      .recent()
      .filter((r) => r.kind === 'request' && r.method === 'DELETE' && r.name === 'slow')
      .map((r) => (r as { from: string }).from);
    expect(finalDelete).toEqual(['test', 'kubelet/worker-1']);
  });

  it('keeps files in an emptyDir across a restart while the container filesystem starts fresh', () => {
    const c = createCluster({ workers: 1 });
    c.apply(
      podYaml(
        'vol',
        "volumes: [{name: data, emptyDir: {}}]\ncontainers:\n- name: c\n  image: 'busybox:1.36'\n  command: [sh, -c, 'cat /data/f /tmp/g 2>&1; echo x >> /data/f; echo y > /tmp/g; exit 1']\n  volumeMounts: [{name: data, mountPath: /data}]",
      ),
    );
    c.advance(15_000);
    expect(container(c, 'vol').restartCount).toBeGreaterThanOrEqual(2);
    const log = c.kubectl('logs vol').stdout;
    expect(log).toContain('x\nx');
    expect(log).toContain("cat: can't open '/tmp/g': No such file or directory");
    expect(c.kubectl('logs vol --previous').stdout).toContain('x');
  });

  it('runs init containers before the app containers', () => {
    const c = createCluster({ workers: 1 });
    c.apply(
      podYaml('init', "initContainers: [{name: setup, image: 'busybox:1.36', command: [sleep, '3']}]\ncontainers: [{name: app, image: 'busybox:1.36', command: [sleep, '3600']}]"),
    );
    for (let i = 0; i < 600 && !status(c, 'init').initContainerStatuses?.[0]?.state?.running; i++) c.advance(100);
    expect(status(c, 'init').initContainerStatuses[0].state.running).toBeDefined();
    expect(container(c, 'init').state.waiting.reason).toBe('PodInitializing');
    expect(status(c, 'init').conditions.find((x: Obj) => x.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [setup]' });
    c.advance(5000);
    expect(status(c, 'init').initContainerStatuses[0].state.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
    expect(container(c, 'init').state.running).toBeDefined();
    expect(c.kubectl('get pod init').stdout).toMatch(/init\s+1\/1\s+Running/);
  });

  it('rejects a pod that does not fit the node with OutOfcpu', () => {
    const c = createCluster({ workers: 1 });
    c.apply(podYaml('huge', "containers: [{name: c, image: 'busybox:1.36', command: [sleep, '1'], resources: {requests: {cpu: '64'}}}]"));
    c.advance(1000);
    expect(status(c, 'huge')).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu' });
    expect(status(c, 'huge').message).toMatch(/^Pod was rejected: Node didn't have enough resource: cpu, requested: 64000, used: \d+, capacity: 8000$/);
    expect(messages(c, 'huge', 'OutOfcpu')[0]).toMatch(/^Node didn't have enough resource: cpu, requested: 64000/);
  });
});
