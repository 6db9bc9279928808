/**
 * `kubectl describe` (k8s.io/kubectl/pkg/describe/describe.go): the per-kind layouts for Pods, Deployments,
 * ReplicaSets, Services, Namespaces, ConfigMaps and Nodes, a generic fallback, and the Events section read with
 * the involvedObject field selector. Aligned with describe's own tabwriter (minwidth 0, padding 2).
 */
import { F, type Command } from '../command';
import { collectionUrl, objectUrl, parseResourceArgs, type Env, type Mapping } from '../env';
import { KubectlError, messageForError } from '../errors';
import { TabWriter } from '../tabwriter';
import { humanDuration, translateTimestampSince } from '../../apiserver/printers';
import { rfc1123z, timestampMs } from '../time';

type Obj = Record<string, any>;

/** describe's PrefixWriter: each level indents two spaces; tabs align within the whole document. */
class Doc {
  private text = '';
  line(level: number, fmt: string): void {
    this.text += '  '.repeat(level) + fmt + '\n';
  }
  render(): string {
    const w = new TabWriter(0, 2, false);
    w.write(this.text);
    return w.flush();
  }
}


function mapLines(d: Doc, title: string, m: Record<string, string> | undefined, skip: string[] = []): void {
  const keys = Object.keys(m ?? {})
    .filter((k) => !skip.includes(k))
    .sort();
  if (keys.length === 0) {
    d.line(0, `${title}:\t<none>`);
    return;
  }
  keys.forEach((k, i) => d.line(0, `${i === 0 ? title + ':' : ''}\t${k}=${m?.[k]}`));
}

function annotationLines(d: Doc, m: Record<string, string> | undefined): void {
  const keys = Object.keys(m ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    d.line(0, `Annotations:\t<none>`);
    return;
  }
  keys.forEach((k, i) => d.line(0, `${i === 0 ? 'Annotations:' : ''}\t${k}: ${m?.[k]}`));
}

const rfc1123 = rfc1123z;

function eventsSection(env: Env, d: Doc, obj: Obj): void {
  const meta = obj.metadata ?? {};
  const fs = [`involvedObject.name=${meta.name}`, meta.namespace ? `involvedObject.namespace=${meta.namespace}` : '', `involvedObject.uid=${meta.uid}`].filter(Boolean).join(',');
  const res = env.request({ method: 'GET', path: meta.namespace ? `/api/v1/namespaces/${meta.namespace}/events` : '/api/v1/events', query: { fieldSelector: fs, limit: '500' } });
  const items: Obj[] = res.status === 200 ? (((res.body as Obj).items as Obj[]) ?? []) : [];
  if (items.length === 0) {
    d.line(0, 'Events:\t<none>');
    return;
  }
  const now = env.ctx.nowMs();
  const when = (e: Obj) => e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  items.sort((a, b) => timestampMs(when(a)) - timestampMs(when(b)));
  d.line(0, 'Events:');
  d.line(1, 'Type\tReason\tAge\tFrom\tMessage');
  d.line(1, '----\t------\t----\t----\t-------');
  for (const e of items) {
    const count = e.count ?? e.series?.count ?? 1;
    const last = translateTimestampSince(when(e), now);
    const first = translateTimestampSince(e.firstTimestamp ?? when(e), now);
    const age = count > 1 ? `${last} (x${count} over ${first})` : last;
    const from = [e.source?.component ?? e.reportingComponent, e.source?.host].filter(Boolean).join(', ');
    d.line(1, `${e.type}\t${e.reason}\t${age}\t${from}\t${String(e.message ?? '').trim()}`);
  }
}

function containerBlock(d: Doc, c: Obj, status: Obj | undefined): void {
  d.line(1, `${c.name}:`);
  d.line(2, `Container ID:\t${status?.containerID ?? ''}`);
  d.line(2, `Image:\t${c.image}`);
  d.line(2, `Image ID:\t${status?.imageID ?? ''}`);
  const ports: Obj[] = c.ports ?? [];
  if (ports.length === 0) d.line(2, 'Port:\t<none>');
  else ports.forEach((p) => d.line(2, `Port:\t${p.containerPort}/${p.protocol ?? 'TCP'}`));
  if (ports.length === 0) d.line(2, 'Host Port:\t<none>');
  else ports.forEach((p) => d.line(2, `Host Port:\t${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`));
  if (c.command?.length) {
    d.line(2, 'Command:');
    for (const x of c.command) d.line(3, x);
  }
  if (c.args?.length) {
    d.line(2, 'Args:');
    for (const x of c.args) d.line(3, x);
  }
  const state = status?.state ?? {};
  if (state.running) {
    d.line(2, 'State:\tRunning');
    d.line(3, `Started:\t${rfc1123(state.running.startedAt)}`);
  } else if (state.waiting) {
    d.line(2, 'State:\tWaiting');
    if (state.waiting.reason) d.line(3, `Reason:\t${state.waiting.reason}`);
  } else if (state.terminated) {
    d.line(2, 'State:\tTerminated');
    d.line(3, `Reason:\t${state.terminated.reason ?? ''}`);
    d.line(3, `Exit Code:\t${state.terminated.exitCode ?? 0}`);
    d.line(3, `Started:\t${rfc1123(state.terminated.startedAt)}`);
    d.line(3, `Finished:\t${rfc1123(state.terminated.finishedAt)}`);
  } else d.line(2, 'State:\tWaiting');
  d.line(2, `Ready:\t${status?.ready ? 'True' : 'False'}`);
  d.line(2, `Restart Count:\t${status?.restartCount ?? 0}`);
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  if (Object.keys(limits).length) {
    d.line(2, 'Limits:');
    for (const k of Object.keys(limits).sort()) d.line(3, `${k}:\t${limits[k]}`);
  }
  if (Object.keys(requests).length) {
    d.line(2, 'Requests:');
    for (const k of Object.keys(requests).sort()) d.line(3, `${k}:\t${requests[k]}`);
  }
  const envs: Obj[] = c.env ?? [];
  if (envs.length === 0) d.line(2, 'Environment:\t<none>');
  else {
    d.line(2, 'Environment:');
    for (const e of envs) d.line(3, `${e.name}:\t${e.value ?? (e.valueFrom ? '<set from source>' : '')}`);
  }
  const mounts: Obj[] = c.volumeMounts ?? [];
  if (mounts.length === 0) d.line(2, 'Mounts:\t<none>');
  else {
    d.line(2, 'Mounts:');
    for (const m of mounts) d.line(3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})`);
  }
}

function describePod(env: Env, p: Obj): string {
  const d = new Doc();
  const m = p.metadata ?? {};
  const s = p.status ?? {};
  d.line(0, `Name:\t${m.name}`);
  d.line(0, `Namespace:\t${m.namespace}`);
  d.line(0, `Priority:\t${p.spec?.priority ?? 0}`);
  if (p.spec?.priorityClassName) d.line(0, `Priority Class Name:\t${p.spec.priorityClassName}`);
  d.line(0, `Service Account:\t${p.spec?.serviceAccountName ?? ''}`);
  d.line(0, `Node:\t${p.spec?.nodeName ? `${p.spec.nodeName}/${s.hostIP ?? ''}` : '<none>'}`);
  if (s.startTime) d.line(0, `Start Time:\t${rfc1123(s.startTime)}`);
  mapLines(d, 'Labels', m.labels);
  annotationLines(d, m.annotations);
  if (m.deletionTimestamp) {
    d.line(0, `Status:\tTerminating (lasts ${humanDuration(env.ctx.nowMs() - timestampMs(m.deletionTimestamp))})`);
    d.line(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 30}s`);
  } else d.line(0, `Status:\t${s.phase ?? ''}`);
  if (s.reason) d.line(0, `Reason:\t${s.reason}`);
  if (s.message) d.line(0, `Message:\t${s.message}`);
  d.line(0, `IP:\t${s.podIP ?? ''}`);
  const ips: Obj[] = s.podIPs ?? [];
  if (ips.length === 0) d.line(0, 'IPs:\t<none>');
  else {
    d.line(0, 'IPs:');
    for (const ip of ips) d.line(1, `IP:\t${ip.ip}`);
  }
  const owner = (m.ownerReferences ?? []).find((o: Obj) => o.controller);
  if (owner) d.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if (p.spec?.initContainers?.length) {
    d.line(0, 'Init Containers:');
    for (const c of p.spec.initContainers) containerBlock(d, c, (s.initContainerStatuses ?? []).find((x: Obj) => x.name === c.name));
  }
  d.line(0, 'Containers:');
  for (const c of p.spec?.containers ?? []) containerBlock(d, c, (s.containerStatuses ?? []).find((x: Obj) => x.name === c.name));
  const conds: Obj[] = s.conditions ?? [];
  if (conds.length) {
    d.line(0, 'Conditions:');
    d.line(1, 'Type\tStatus');
    for (const c of conds) d.line(1, `${c.type} \t${c.status} `);
  }
  const vols: Obj[] = p.spec?.volumes ?? [];
  if (vols.length === 0) d.line(0, 'Volumes:\t<none>');
  else {
    d.line(0, 'Volumes:');
    for (const v of vols) {
      d.line(1, `${v.name}:`);
      if (v.configMap) {
        d.line(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)');
        d.line(2, `Name:\t${v.configMap.name}`);
        d.line(2, `Optional:\t${v.configMap.optional ?? false}`);
      } else if (v.secret) {
        d.line(2, 'Type:\tSecret (a volume populated by a Secret)');
        d.line(2, `SecretName:\t${v.secret.secretName}`);
        d.line(2, `Optional:\t${v.secret.optional ?? false}`);
      } else if (v.emptyDir) {
        d.line(2, 'Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)');
        d.line(2, `Medium:\t${v.emptyDir.medium ?? ''}`);
        d.line(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`);
      } else if (v.persistentVolumeClaim) {
        d.line(2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
        d.line(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}`);
        d.line(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly ?? false}`);
      } else d.line(2, `Type:\t${Object.keys(v).filter((k) => k !== 'name')[0] ?? ''}`);
    }
  }
  d.line(0, `QoS Class:\t${s.qosClass ?? 'BestEffort'}`);
  mapLines(d, 'Node-Selectors', p.spec?.nodeSelector);
  const tols: Obj[] = p.spec?.tolerations ?? [];
  if (tols.length === 0) d.line(0, 'Tolerations:\t<none>');
  tols.forEach((t, i) => {
    let s2 = t.key ?? '';
    if (t.value) s2 += `=${t.value}`;
    if (t.effect) s2 += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.key) s2 = 'op=Exists';
    else if (t.operator === 'Exists') s2 += ' op=Exists';
    if (t.tolerationSeconds !== undefined) s2 += ` for ${t.tolerationSeconds}s`;
    d.line(0, `${i === 0 ? 'Tolerations:' : ''}\t${s2}`);
  });
  eventsSection(env, d, p);
  return d.render();
}

function replicasLine(obj: Obj): string {
  const s = obj.status ?? {};
  return `${obj.spec?.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`;
}

function selectorString(sel: Obj | undefined): string {
  if (!sel) return '<none>';
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) parts.push(`${e.key} ${String(e.operator).toLowerCase()} (${(e.values ?? []).join(',')})`);
  return parts.length ? parts.join(',') : '<none>';
}

function podTemplate(d: Doc, t: Obj): void {
  d.line(0, 'Pod Template:');
  const labels = Object.keys(t.metadata?.labels ?? {}).sort();
  if (labels.length === 0) d.line(1, 'Labels:\t<none>');
  labels.forEach((k, i) => d.line(1, `${i === 0 ? 'Labels:' : ''}\t${k}=${t.metadata.labels[k]}`));
  const ann = Object.keys(t.metadata?.annotations ?? {}).sort();
  ann.forEach((k, i) => d.line(1, `${i === 0 ? 'Annotations:' : ''}\t${k}: ${t.metadata.annotations[k]}`));
  if (t.spec?.serviceAccountName) d.line(1, `Service Account:\t${t.spec.serviceAccountName}`);
  d.line(1, 'Containers:');
  for (const c of t.spec?.containers ?? []) {
    d.line(2, `${c.name}:`);
    d.line(3, `Image:\t${c.image}`);
    const ports: Obj[] = c.ports ?? [];
    d.line(3, `Port:\t${ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
    d.line(3, `Host Port:\t${ports.length ? ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
    if (c.command?.length) {
      d.line(3, 'Command:');
      for (const x of c.command) d.line(4, x);
    }
    if (c.args?.length) {
      d.line(3, 'Args:');
      for (const x of c.args) d.line(4, x);
    }
    const envs: Obj[] = c.env ?? [];
    if (envs.length === 0) d.line(3, 'Environment:\t<none>');
    else {
      d.line(3, 'Environment:');
      for (const e of envs) d.line(4, `${e.name}:\t${e.value ?? '<set from source>'}`);
    }
    d.line(3, `Mounts:\t${(c.volumeMounts ?? []).length ? '' : '<none>'}`);
    for (const mnt of c.volumeMounts ?? []) d.line(4, `${mnt.mountPath} from ${mnt.name} (${mnt.readOnly ? 'ro' : 'rw'})`);
  }
  d.line(1, `Volumes:\t${(t.spec?.volumes ?? []).length ? '' : '<none>'}`);
  for (const v of t.spec?.volumes ?? []) d.line(2, `${v.name}:`);
  d.line(1, `Node-Selectors:\t${Object.keys(t.spec?.nodeSelector ?? {}).length ? Object.entries(t.spec.nodeSelector).map(([k, v]) => `${k}=${v}`).join(',') : '<none>'}`);
  d.line(1, `Tolerations:\t${(t.spec?.tolerations ?? []).length ? (t.spec.tolerations as Obj[]).map((x) => x.key).join(', ') : '<none>'}`);
}

function describeDeployment(env: Env, dep: Obj): string {
  const d = new Doc();
  const m = dep.metadata ?? {};
  d.line(0, `Name:\t${m.name}`);
  d.line(0, `Namespace:\t${m.namespace}`);
  d.line(0, `CreationTimestamp:\t${rfc1123(m.creationTimestamp)}`);
  mapLines(d, 'Labels', m.labels);
  annotationLines(d, m.annotations);
  d.line(0, `Selector:\t${selectorString(dep.spec?.selector)}`);
  d.line(0, `Replicas:\t${replicasLine(dep)}`);
  const strategy = dep.spec?.strategy ?? {};
  d.line(0, `StrategyType:\t${strategy.type ?? 'RollingUpdate'}`);
  d.line(0, `MinReadySeconds:\t${dep.spec?.minReadySeconds ?? 0}`);
  if ((strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    d.line(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge`);
  }
  podTemplate(d, dep.spec?.template ?? {});
  const conds: Obj[] = dep.status?.conditions ?? [];
  if (conds.length) {
    d.line(0, 'Conditions:');
    d.line(1, 'Type\tStatus\tReason');
    d.line(1, '----\t------\t------');
    for (const c of conds) d.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
  }
  const sets = env.request({ method: 'GET', path: `/apis/apps/v1/namespaces/${m.namespace}/replicasets`, query: { labelSelector: selectorString(dep.spec?.selector) } });
  const owned: Obj[] = sets.status === 200 ? (((sets.body as Obj).items as Obj[]) ?? []).filter((rs) => (rs.metadata?.ownerReferences ?? []).some((o: Obj) => o.uid === m.uid)) : [];
  const rev = (rs: Obj) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  const newest = owned.sort((a, b) => Number(rev(b) ?? 0) - Number(rev(a) ?? 0))[0];
  const fmt = (rs: Obj) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`;
  const olds = owned.filter((rs) => rs !== newest && (rs.spec?.replicas ?? 0) > 0);
  d.line(0, `OldReplicaSets:\t${olds.length ? olds.map(fmt).join(', ') : '<none>'}`);
  d.line(0, `NewReplicaSet:\t${newest ? fmt(newest) : '<none>'}`);
  eventsSection(env, d, dep);
  return d.render();
}

function describeReplicaSet(env: Env, rs: Obj): string {
  const d = new Doc();
  const m = rs.metadata ?? {};
  d.line(0, `Name:\t${m.name}`);
  d.line(0, `Namespace:\t${m.namespace}`);
  d.line(0, `Selector:\t${selectorString(rs.spec?.selector)}`);
  mapLines(d, 'Labels', m.labels);
  annotationLines(d, m.annotations);
  const owner = (m.ownerReferences ?? []).find((o: Obj) => o.controller);
  if (owner) d.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  d.line(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired`);
  d.line(0, `Pods Status:\t${rs.status?.readyReplicas ?? 0} Running / 0 Waiting / 0 Succeeded / 0 Failed`);
  podTemplate(d, rs.spec?.template ?? {});
  eventsSection(env, d, rs);
  return d.render();
}

function describeService(env: Env, svc: Obj): string {
  const d = new Doc();
  const m = svc.metadata ?? {};
  const s = svc.spec ?? {};
  d.line(0, `Name:\t${m.name}`);
  d.line(0, `Namespace:\t${m.namespace}`);
  mapLines(d, 'Labels', m.labels);
  annotationLines(d, m.annotations);
  d.line(0, `Selector:\t${Object.keys(s.selector ?? {}).length ? Object.keys(s.selector).sort().map((k) => `${k}=${s.selector[k]}`).join(',') : '<none>'}`);
  d.line(0, `Type:\t${s.type ?? 'ClusterIP'}`);
  d.line(0, `IP Family Policy:\t${s.ipFamilyPolicy ?? 'SingleStack'}`);
  d.line(0, `IP Families:\t${(s.ipFamilies ?? ['IPv4']).join(',')}`);
  d.line(0, `IP:\t${s.clusterIP ?? ''}`);
  d.line(0, `IPs:\t${(s.clusterIPs ?? [s.clusterIP]).filter(Boolean).join(',')}`);
  const slices = env.request({ method: 'GET', path: `/apis/discovery.k8s.io/v1/namespaces/${m.namespace}/endpointslices`, query: { labelSelector: `kubernetes.io/service-name=${m.name}` } });
  const eps: Obj[] = slices.status === 200 ? (((slices.body as Obj).items as Obj[]) ?? []) : [];
  for (const p of s.ports ?? []) {
    const name = p.name || '<unset>';
    d.line(0, `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}`);
    d.line(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) d.line(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}`);
    const addrs: string[] = [];
    for (const slice of eps) {
      const port = (slice.ports ?? []).find((x: Obj) => (x.name ?? '') === (p.name ?? ''));
      if (!port) continue;
      for (const e of slice.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses ?? []) addrs.push(`${a}:${port.port}`);
    }
    d.line(0, `Endpoints:\t${addrs.length ? addrs.join(',') : ''}`);
  }
  d.line(0, `Session Affinity:\t${s.sessionAffinity ?? 'None'}`);
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') d.line(0, `External Traffic Policy:\t${s.externalTrafficPolicy ?? 'Cluster'}`);
  d.line(0, `Internal Traffic Policy:\t${s.internalTrafficPolicy ?? 'Cluster'}`);
  eventsSection(env, d, svc);
  return d.render();
}

function describeNamespace(env: Env, ns: Obj): string {
  const d = new Doc();
  d.line(0, `Name:\t${ns.metadata.name}`);
  mapLines(d, 'Labels', ns.metadata.labels);
  annotationLines(d, ns.metadata.annotations);
  d.line(0, `Status:\t${ns.status?.phase ?? 'Active'}`);
  d.line(0, '');
  d.line(0, 'No resource quota.');
  d.line(0, '');
  d.line(0, 'No LimitRange resource.');
  void env;
  return d.render();
}

function describeConfigMap(env: Env, cm: Obj): string {
  const d = new Doc();
  const m = cm.metadata ?? {};
  d.line(0, `Name:\t${m.name}`);
  d.line(0, `Namespace:\t${m.namespace}`);
  mapLines(d, 'Labels', m.labels);
  annotationLines(d, m.annotations);
  let text = d.render();
  text += '\nData\n====\n';
  for (const k of Object.keys(cm.data ?? {}).sort()) text += `${k}:\n----\n${cm.data[k]}\n\n`;
  text += '\nBinaryData\n====\n';
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) text += `${k}: ${cm.binaryData[k].length} bytes\n`;
  const ev = new Doc();
  eventsSection(env, ev, cm);
  return text + '\n' + ev.render();
}

function describeNode(env: Env, n: Obj): string {
  const d = new Doc();
  const m = n.metadata ?? {};
  d.line(0, `Name:\t${m.name}`);
  const roles = Object.keys(m.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  d.line(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}`);
  mapLines(d, 'Labels', m.labels);
  annotationLines(d, m.annotations);
  d.line(0, `CreationTimestamp:\t${rfc1123(m.creationTimestamp)}`);
  const taints: Obj[] = n.spec?.taints ?? [];
  if (taints.length === 0) d.line(0, 'Taints:\t<none>');
  taints.forEach((t, i) => d.line(0, `${i === 0 ? 'Taints:' : ''}\t${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`));
  d.line(0, `Unschedulable:\t${Boolean(n.spec?.unschedulable)}`);
  const conds: Obj[] = n.status?.conditions ?? [];
  d.line(0, 'Conditions:');
  d.line(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage');
  d.line(1, '----\t------\t-----------------\t------------------\t------\t-------');
  for (const c of conds) d.line(1, `${c.type} \t${c.status} \t${rfc1123(c.lastHeartbeatTime)} \t${rfc1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`);
  d.line(0, 'Addresses:');
  for (const a of n.status?.addresses ?? []) d.line(1, `${a.type}:\t${a.address}`);
  for (const [title, key] of [['Capacity', 'capacity'], ['Allocatable', 'allocatable']] as const) {
    const r = n.status?.[key] ?? {};
    d.line(0, `${title}:`);
    for (const k of Object.keys(r).sort()) d.line(1, `${k}:\t${r[k]}`);
  }
  const info = n.status?.nodeInfo ?? {};
  d.line(0, 'System Info:');
  for (const [label, k] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'], ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']]) {
    d.line(1, `${label}:\t${info[k] ?? ''}`);
  }
  if (n.spec?.podCIDR) d.line(0, `PodCIDR:\t${n.spec.podCIDR}`);
  if (n.spec?.podCIDRs) d.line(0, `PodCIDRs:\t${n.spec.podCIDRs.join(',')}`);
  const pods = env.request({ method: 'GET', path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${m.name},status.phase!=Succeeded,status.phase!=Failed` } });
  const items: Obj[] = pods.status === 200 ? (((pods.body as Obj).items as Obj[]) ?? []) : [];
  d.line(0, `Non-terminated Pods:\t(${items.length} in total)`);
  d.line(1, 'Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  d.line(1, '---------\t----\t------------\t----------\t---------------\t-------------\t---');
  for (const p of items) d.line(1, `${p.metadata.namespace}\t${p.metadata.name}\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t${translateTimestampSince(p.metadata.creationTimestamp, env.ctx.nowMs())}`);
  eventsSection(env, d, n);
  return d.render();
}

function describeGeneric(env: Env, obj: Obj): string {
  const d = new Doc();
  const m = obj.metadata ?? {};
  d.line(0, `Name:\t${m.name}`);
  if (m.namespace) d.line(0, `Namespace:\t${m.namespace}`);
  mapLines(d, 'Labels', m.labels);
  annotationLines(d, m.annotations);
  d.line(0, `API Version:\t${obj.apiVersion}`);
  d.line(0, `Kind:\t${obj.kind}`);
  let text = d.render();
  const rest: Obj = { ...obj };
  delete rest.apiVersion;
  delete rest.kind;
  delete rest.metadata;
  const walk = (v: unknown, level: number): string => {
    let s = '';
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const k of Object.keys(v as Obj).sort()) {
        const x = (v as Obj)[k];
        const title = k.charAt(0).toUpperCase() + k.slice(1);
        if (x && typeof x === 'object') s += `${'  '.repeat(level)}${title}:\n${walk(x, level + 1)}`;
        else s += `${'  '.repeat(level)}${title}:\t${x}\n`;
      }
    } else if (Array.isArray(v)) for (const x of v) s += x && typeof x === 'object' ? walk(x, level) : `${'  '.repeat(level)}${x}\n`;
    return s;
  };
  const body = new TabWriter(0, 2, false);
  body.write(walk(rest, 0));
  text += body.flush();
  const ev = new Doc();
  eventsSection(env, ev, obj);
  return text + ev.render();
}

const DESCRIBERS: Record<string, (env: Env, obj: Obj) => string> = {
  '/Pod': describePod,
  'apps/Deployment': describeDeployment,
  'apps/ReplicaSet': describeReplicaSet,
  '/Service': describeService,
  '/Namespace': describeNamespace,
  '/ConfigMap': describeConfigMap,
  '/Node': describeNode,
};

export function describeObject(env: Env, mapping: Mapping, obj: Obj): string {
  const fn = DESCRIBERS[`${mapping.resource.group}/${mapping.resource.kind}`] ?? describeGeneric;
  return fn(env, { apiVersion: mapping.resource.group ? `${mapping.resource.group}/${mapping.resource.version}` : mapping.resource.version, kind: mapping.resource.kind, ...obj });
}

export const describeCommand: Command = {
  name: 'describe',
  flags: [F.filename(), F.recursive(), F.kustomize(), F.selector(), F.allNamespaces(), { name: 'show-events', type: 'bool', default: true }, { name: 'chunk-size', type: 'int', default: 500 }],
  run(env) {
    const args = env.flags.positional;
    if (args.length === 0) throw new KubectlError(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples`);
    const parsed = parseResourceArgs(env, args);
    const docs: string[] = [];
    const errors: unknown[] = [];
    for (const t of parsed.targets) {
      const r = t.mapping.resource;
      const ns = r.namespaced && !env.flags.bool('all-namespaces') ? env.namespace : undefined;
      if (t.name !== undefined) {
        // describe TYPE NAME treats NAME as a prefix when no object has exactly that name.
        const res = env.request({ method: 'GET', path: objectUrl(r, ns ?? '', t.name) });
        if (res.status === 200) {
          docs.push(describeObject(env, t.mapping, res.body as Obj));
          continue;
        }
        const list = env.call({ method: 'GET', path: collectionUrl(r, ns) });
        const matches = ((list.items as Obj[]) ?? []).filter((o) => String(o.metadata?.name).startsWith(t.name as string));
        if (matches.length === 0) {
          errors.push(new KubectlError(`Error from server (NotFound): ${r.group ? `${r.plural}.${r.group}` : r.plural} "${t.name}" not found`));
          continue;
        }
        for (const o of matches) docs.push(describeObject(env, t.mapping, o));
        continue;
      }
      const q: Record<string, string> = {};
      if (env.flags.str('selector')) q.labelSelector = env.flags.str('selector');
      const list = env.call({ method: 'GET', path: collectionUrl(r, ns), query: q });
      for (const o of (list.items as Obj[]) ?? []) docs.push(describeObject(env, t.mapping, o));
    }
    env.print(docs.join('\n\n'));
    for (const e of errors) env.warn(messageForError(e));
    if (docs.length === 0 && errors.length === 0) env.warn(`No resources found in ${env.namespace} namespace.`);
    if (errors.length) throw new KubectlError('', 1);
  },
};
