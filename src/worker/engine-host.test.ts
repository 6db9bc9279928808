import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type EngineToUi, type ObjectSummary } from '../protocol/messages';
import { EngineHost } from './engine-host';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

function harness() {
  let wall = 0;
  const out: EngineToUi[] = [];
  const host = new EngineHost({ post: (m) => out.push(m), wall: () => wall });
  host.handle({ type: 'init', version: PROTOCOL_VERSION, seed: 1 });
  const objects = new Map<string, ObjectSummary>();
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 4) {
      wall += 4;
      host.pump();
    }
    for (const m of out) if (m.type === 'batch') for (const d of m.deltas) {
      if (d.op === 'upsert') objects.set(d.object.key, d.object);
      else if (d.op === 'delete') objects.delete(d.key);
    }
  };
  return { host, out, run, objects, advanceWall: (ms: number) => (wall += ms) };
}

const batches = (out: EngineToUi[]) => out.filter((m) => m.type === 'batch');

describe('EngineHost', () => {
  it('answers init with ready and rejects a different protocol version', () => {
    const { out } = harness();
    expect(out[0]).toMatchObject({ type: 'ready', version: PROTOCOL_VERSION, sim: { simTime: 0, paused: false, speed: 1 } });
    const other: EngineToUi[] = [];
    new EngineHost({ post: (m) => other.push(m), wall: () => 0 }).handle({ type: 'init', version: 999 });
    expect(other).toEqual([{ type: 'error', message: `protocol version mismatch: UI 999, engine ${PROTOCOL_VERSION}` }]);
  });

  it('applies YAML as kubectl, and the deployment reaches the UI cache through its watch', () => {
    const { host, out, run, objects } = harness();
    host.handle({ type: 'apply', id: 7, yaml: WEB });
    expect(out.find((m) => m.type === 'applyResult')).toEqual({
      type: 'applyResult',
      id: 7,
      lines: [{ text: 'deployment.apps/web created', ok: true, line: 1 }],
    });
    run(100);
    const web = objects.get('/apis/apps/v1/namespaces/default/deployments/web');
    expect(web).toMatchObject({ kind: 'Deployment', namespace: 'default', name: 'web', ready: '0/3' });
    expect(objects.get('/api/v1/namespaces/default')).toMatchObject({ kind: 'Namespace', status: 'Active' });
  });

  it('forwards kubectl traffic but not the UI watches', () => {
    const { host, out, run } = harness();
    host.handle({ type: 'apply', id: 1, yaml: WEB });
    run(50);
    const traffic = batches(out).flatMap((b) => (b.type === 'batch' ? b.traffic : []));
    expect(traffic.some((t) => t.from === 'kubectl' && t.verb === 'create' && t.resource === 'deployments' && t.name === 'web')).toBe(true);
    expect(traffic.some((t) => t.kind === 'store' && t.to === 'etcd')).toBe(true);
    expect(traffic.filter((t) => t.from === 'pilothouse-ui' || t.to === 'pilothouse-ui')).toEqual([]);
  });

  it('reports a YAML syntax error with its line and creates nothing', () => {
    const { host, out } = harness();
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n';
    host.handle({ type: 'apply', id: 2, yaml });
    const result = out.find((m) => m.type === 'applyResult');
    expect(result?.type === 'applyResult' && result.lines[0].ok).toBe(false);
    expect(result?.type === 'applyResult' && result.lines[0].text).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+/);
    expect(result?.type === 'applyResult' && result.lines[0].line).toBeGreaterThanOrEqual(9);
    expect(host.cluster!.get('configmaps', 'settings')).toBeUndefined(); // not even the valid first document
    expect(out.filter((m) => m.type === 'applyResult')).toHaveLength(1);
  });

  it('keeps the clock still while paused, steps exactly one event, and runs at the chosen speed', () => {
    const { host, out, run } = harness();
    host.handle({ type: 'control', action: 'pause' });
    run(1000);
    expect(host.cluster!.now()).toBe(0);
    host.handle({ type: 'apply', id: 1, yaml: WEB }); // queues watch notifications for the UI's watches
    const before = host.cluster!.engine.clock.size();
    expect(before).toBeGreaterThan(0);
    host.handle({ type: 'control', action: 'step' });
    const last = batches(out).at(-1);
    expect(last?.type === 'batch' && last.sim.events).toBe(1);
    expect(host.cluster!.engine.clock.size()).toBe(before - 1);
    host.handle({ type: 'speed', speed: 10 });
    host.handle({ type: 'control', action: 'play' });
    run(1000);
    expect(host.cluster!.now()).toBeGreaterThanOrEqual(9900);
    expect(host.cluster!.now()).toBeLessThanOrEqual(10_000);
  });

  it('answers REST requests and kubectl commands by id', () => {
    const { host, out } = harness();
    host.handle({ type: 'request', id: 3, request: { method: 'GET', path: '/api/v1/namespaces/default' } });
    expect(out.at(-1)).toMatchObject({ type: 'response', id: 3, response: { status: 200, body: { kind: 'Namespace' } } });
    host.handle({ type: 'kubectl', id: 4, commandLine: 'kubectl frobnicate pods' });
    expect(out.at(-1)).toEqual({ type: 'kubectlResult', id: 4, stdout: '', stderr: 'error: unknown command "frobnicate" for "kubectl"\n', exitCode: 1 });
  });

  it('keeps batches within the byte budget and counts dropped traffic', () => {
    let wall = 0;
    const out: EngineToUi[] = [];
    const host = new EngineHost({ post: (m) => out.push(m), wall: () => wall, limits: { maxDeltaBytes: 2_000, maxTraffic: 5 } });
    host.handle({ type: 'init', version: PROTOCOL_VERSION });
    const many = Array.from({ length: 40 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`).join('---\n');
    host.handle({ type: 'apply', id: 1, yaml: many });
    for (let i = 0; i < 100; i++) {
      wall += 20;
      host.pump();
    }
    const bs = batches(out).flatMap((b) => (b.type === 'batch' ? [b] : []));
    for (const b of bs) expect(JSON.stringify(b.deltas).length).toBeLessThan(2_000 + 1_000);
    expect(bs.reduce((n, b) => n + b.droppedTraffic, 0)).toBeGreaterThan(0);
    const cms = new Set(bs.flatMap((b) => b.deltas.flatMap((d) => (d.op === 'upsert' && d.object.kind === 'ConfigMap' && d.object.name.startsWith('cm-') ? [d.object.name] : []))));
    expect(cms.size).toBe(40);
  });

  it('keeps kubectl request bodies for the traffic it marks, and streams -w output until stopped', () => {
    const { host, out, run } = harness();
    host.handle({ type: 'kubectl', id: 1, commandLine: 'kubectl create configmap settings --from-literal=a=1' });
    run(50);
    const create = batches(out).flatMap((b) => (b.type === 'batch' ? b.traffic : [])).find((t) => t.from === 'kubectl' && t.verb === 'create');
    expect(create?.detail).toBe(true);
    host.handle({ type: 'requestDetail', id: 2, trafficId: create!.id });
    expect(out.at(-1)).toMatchObject({ type: 'requestDetail', detail: { method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { kind: 'ConfigMap', data: { a: '1' } } } });

    host.handle({ type: 'kubectl', id: 3, commandLine: 'get configmaps -w' });
    const answer = out.find((m) => m.type === 'kubectlResult' && m.id === 3);
    expect(answer?.type === 'kubectlResult' && answer.streamId).toBeGreaterThan(0);
    const streamId = answer?.type === 'kubectlResult' ? answer.streamId! : 0;
    host.handle({ type: 'kubectl', id: 4, commandLine: 'create configmap later' });
    run(200);
    const streamed = out.flatMap((m) => (m.type === 'kubectlStream' && m.streamId === streamId ? [m.text] : [])).join('');
    expect(streamed).toMatch(/later/);
    host.handle({ type: 'kubectlStop', streamId });
    run(20);
    expect(out.some((m) => m.type === 'kubectlStreamEnd' && m.streamId === streamId)).toBe(true);
    expect(host.openStreams()).toBe(0);
  });

  it('inspects an object: describe, YAML, owner chain and events', () => {
    const { host, out, run } = harness();
    host.handle({ type: 'apply', id: 1, yaml: WEB });
    run(3000);
    const rs = host.cluster!.list('replicasets', 'default')[0];
    expect(rs).toBeDefined();
    host.handle({ type: 'inspect', id: 2, key: `/apis/apps/v1/namespaces/default/replicasets/${rs.metadata.name}` });
    const view = out.at(-1);
    expect(view?.type).toBe('inspectResult');
    if (view?.type !== 'inspectResult') return;
    expect(view.view.describe).toMatch(/^Name:\s+web-/);
    expect(view.view.yaml).toContain('kind: ReplicaSet');
    expect(view.view.owners).toEqual([{ kind: 'Deployment', name: 'web', key: '/apis/apps/v1/namespaces/default/deployments/web' }]);
  });

  it('reports a 422 at the line of the field its causes name', () => {
    const { host, out } = harness();
    const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      containers: [{name: c, image: nginx}]\n';
    host.handle({ type: 'apply', id: 1, yaml });
    const result = out.find((m) => m.type === 'applyResult');
    expect(result?.type === 'applyResult' && result.lines[0]).toMatchObject({ ok: false, line: 6 });
  });

  it('pauses the clock at an armed breakpoint: right after the event that made a pod unschedulable', () => {
    const { host, out, run } = harness();
    host.handle({ type: 'init', version: PROTOCOL_VERSION, seed: 1, workers: 2 });
    host.handle({ type: 'speed', speed: 100 }); // (max would never yield: the test's wall clock stands still in a tick)
    run(200);
    host.handle({ type: 'breakpoints', enabled: ['podUnschedulable'] });
    const big = `apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers: [{name: c, image: nginx, resources: {requests: {cpu: '64'}}}]\n`;
    host.handle({ type: 'apply', id: 1, yaml: big });
    run(400);
    const hits = out.filter((m) => m.type === 'breakpointHit');
    expect(hits).toEqual([{ type: 'breakpointHit', kind: 'podUnschedulable', message: 'pod default/big cannot be scheduled', simTime: expect.any(Number) }]);
    const last = batches(out).at(-1)!;
    expect(last.type === 'batch' && last.sim.paused).toBe(true);
    // Paused: wall time passes, the clock doesn't.
    const frozen = last.type === 'batch' ? last.sim.simTime : -1;
    run(200);
    const after = batches(out).at(-1)!;
    expect(after.type === 'batch' && after.sim.simTime).toBe(frozen);
    // Disarmed, a second unschedulable pod doesn't stop the clock.
    host.handle({ type: 'breakpoints', enabled: [] });
    host.handle({ type: 'control', action: 'play' });
    host.handle({ type: 'apply', id: 2, yaml: big.replace('name: big', 'name: big2') });
    run(400);
    expect(out.filter((m) => m.type === 'breakpointHit')).toHaveLength(1);
  });

  describe('recording, replay and time travel', () => {
    type Obj = Record<string, any>;
    /** What "the same run" means: pods (names, IPs, nodes, phases) and the Kubernetes event log. */
    const fingerprint = (host: EngineHost) => {
      const c = host.cluster!;
      const pods = c.list('pods', '').map((p: Obj) => `${p.metadata.namespace}/${p.metadata.name} ${p.spec.nodeName ?? '-'} ${p.status?.podIP ?? '-'} ${p.status?.phase}`).sort();
      const events = c.list('events', '').map((e: Obj) => `${e.lastTimestamp ?? e.eventTime} ${e.involvedObject.kind}/${e.involvedObject.name} ${e.reason} ${e.message} x${e.count}`).sort();
      return { simTime: c.now(), pods, events };
    };

    function liveRun() {
      const h = harness();
      h.host.handle({ type: 'init', version: PROTOCOL_VERSION, seed: 3, workers: 3 });
      h.host.handle({ type: 'speed', speed: 100 });
      h.run(100);
      h.host.handle({ type: 'apply', id: 1, yaml: WEB });
      h.run(150);
      h.host.handle({ type: 'kubectl', id: 2, commandLine: 'kubectl scale deployment web --replicas=5' });
      h.host.handle({ type: 'kubectl', id: 3, commandLine: 'kubectl get pods -w' });
      h.run(100);
      const stream = h.out.find((m) => m.type === 'kubectlResult' && m.id === 3);
      h.host.handle({ type: 'kubectlStop', streamId: stream!.type === 'kubectlResult' ? stream!.streamId! : -1 });
      h.host.handle({ type: 'fault', id: 4, action: 'break', faultType: 'NodeDown', node: 'worker-2' });
      h.run(300);
      return h;
    }

    it('a loaded recording rebuilds the same run: same pod names, nodes, IPs and event log at the same sim time', () => {
      const original = liveRun();
      original.host.handle({ type: 'recording', id: 9 });
      const answer = original.out.find((m) => m.type === 'recordingResult');
      expect(answer?.type).toBe('recordingResult');
      const recording = answer!.type === 'recordingResult' ? answer!.recording : undefined;
      expect(recording!.actions.map((a) => a.action.kind)).toEqual(['apply', 'kubectl', 'kubectl', 'kubectlStop', 'fault']);
      const before = fingerprint(original.host);
      expect(before.pods.some((p) => p.includes('web-'))).toBe(true);

      const copy = harness();
      copy.host.handle({ type: 'load', id: 1, recording: JSON.parse(JSON.stringify(recording)) });
      expect(copy.out.find((m) => m.type === 'loadResult')).toMatchObject({ ok: true });
      expect(fingerprint(copy.host)).toEqual(before);
      expect(copy.out.some((m) => m.type === 'error')).toBe(false);
    });

    it('seeks back to a past sim time and forward again to the end of the timeline', () => {
      const h = harness();
      h.host.handle({ type: 'init', version: PROTOCOL_VERSION, seed: 5, workers: 2 });
      h.host.handle({ type: 'speed', speed: 100 });
      h.run(100);
      h.host.handle({ type: 'apply', id: 1, yaml: WEB });
      h.run(200);
      const past = fingerprint(h.host);
      h.host.handle({ type: 'kubectl', id: 2, commandLine: 'kubectl delete deployment web' });
      h.host.handle({ type: 'kubectl', id: 3, commandLine: 'kubectl create deployment api --image=httpd --replicas=2' });
      h.run(200);
      const end = fingerprint(h.host);
      expect(end.pods).not.toEqual(past.pods);

      h.host.handle({ type: 'seek', simTime: past.simTime });
      expect(fingerprint(h.host)).toEqual(past);
      const sim = h.out.filter((m) => m.type === 'batch').at(-1);
      expect(sim?.type === 'batch' && sim.sim).toMatchObject({ simTime: past.simTime, paused: true, tip: end.simTime });

      h.host.handle({ type: 'seek', simTime: end.simTime });
      expect(fingerprint(h.host)).toEqual(end);
    });

    it('acting in the past starts a new branch: the old future is dropped', () => {
      const h = harness();
      h.host.handle({ type: 'init', version: PROTOCOL_VERSION, seed: 5, workers: 1 });
      h.host.handle({ type: 'speed', speed: 100 });
      h.run(100);
      h.host.handle({ type: 'kubectl', id: 1, commandLine: 'kubectl create namespace a' });
      h.run(100);
      const t = h.host.cluster!.now();
      h.host.handle({ type: 'kubectl', id: 2, commandLine: 'kubectl create namespace b' });
      h.run(100);
      h.host.handle({ type: 'seek', simTime: t });
      h.host.handle({ type: 'kubectl', id: 3, commandLine: 'kubectl create namespace c' });
      h.host.handle({ type: 'recording', id: 4 });
      const rec = h.out.find((m) => m.type === 'recordingResult');
      expect(rec?.type === 'recordingResult' && rec.recording.actions.map((a) => a.action.kind === 'kubectl' && a.action.commandLine)).toEqual([
        'kubectl create namespace a',
        'kubectl create namespace c',
      ]);
      expect(h.host.cluster!.get('namespace', 'b')).toBeUndefined();
    });

    it('a recording can shape the cluster: zones and machine size', () => {
      const h = harness();
      h.host.handle({ type: 'load', id: 1, recording: { version: 1, seed: 4, workers: 2, cluster: { zones: ['zone-a', 'zone-b'], cpu: '4', memory: '8Gi' }, actions: [], until: 20_000 } });
      expect(h.out.find((m) => m.type === 'loadResult')).toMatchObject({ ok: true });
      const nodes = h.host.cluster!.list('nodes', '');
      const workers = nodes.filter((n: Obj) => n.metadata.name.startsWith('worker-'));
      expect(workers.map((n: Obj) => n.metadata.labels['topology.kubernetes.io/zone'])).toEqual(['zone-a', 'zone-b']);
      expect(workers.every((n: Obj) => n.status.capacity.cpu === '4' && n.status.capacity.memory === '8Gi')).toBe(true);
      h.host.handle({ type: 'load', id: 2, recording: { version: 1, seed: 4, workers: 2, cluster: { zones: ['<bad zone>'] }, actions: [], until: 0 } });
      expect(h.out.filter((m) => m.type === 'loadResult').at(-1)).toMatchObject({ ok: false, message: 'This link cannot be opened: cluster must name zones (DNS labels) and cpu/memory quantities.' });
    });

    it('refuses a corrupt or hostile recording with a clear message and keeps running', () => {
      const h = harness();
      h.host.handle({ type: 'load', id: 1, recording: { version: 2 } });
      h.host.handle({ type: 'load', id: 2, recording: { version: 1, seed: 1, workers: 1000, actions: [], until: 0 } });
      h.host.handle({ type: 'load', id: 3, recording: { version: 1, seed: 1, workers: 1, until: 10, actions: [{ at: 5, event: 1, action: { kind: 'rm -rf' } }] } });
      const results = h.out.filter((m) => m.type === 'loadResult').map((m) => (m.type === 'loadResult' ? m.message : ''));
      expect(results).toEqual([
        'This link cannot be opened: it was made by a newer Pilothouse (recording version 2; this one reads version 1).',
        'This link cannot be opened: workers must be between 0 and 50.',
        'This link cannot be opened: action 1: unknown kind "rm -rf".',
      ]);
      h.run(50);
      expect(h.host.cluster!.now()).toBeGreaterThan(0);
    });
  });
});
