/**
 * Workload commands: `scale` (merge patch on /scale), `rollout status|history|undo|restart|pause|resume`,
 * `set image`, `expose`.
 */
import { F, PRINT_FLAGS, dryRunStrategy, type Command } from '../command';
import { collectionUrl, objectUrl, resolveType, type Env, type Mapping } from '../env';
import { KubectlError, StatusError, statusOf } from '../errors';
import { WatchStream } from '../watch';
import { isoSeconds } from '../time';
import { parseOutputFormat, printObject } from '../output';
import { setEnvCommand, setResourcesCommand } from './set';
import { singleTargets } from './targets';

type Obj = Record<string, any>;


export const scaleCommand: Command = {
  name: 'scale',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), F.all(), F.resourceVersion(), F.dryRun(), F.timeout(), { name: 'replicas', type: 'int', default: -1 }, { name: 'current-replicas', type: 'int', default: -1 }],
  run(env) {
    const replicas = env.flags.int('replicas', -1);
    if (!env.flags.changed('replicas') || replicas < 0) throw new KubectlError(`error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0`);
    for (const t of singleTargets(env, env.flags.positional)) {
      const r = t.mapping.resource;
      if (!r.subresources.some((s) => s.name === 'scale')) throw new KubectlError(`error: no scaler has been implemented for {"${r.group}" "${r.kind}"}`);
      const path = objectUrl(r, env.namespace, t.name, 'scale');
      const current = env.flags.int('current-replicas', -1);
      if (current >= 0 || env.flags.str('resource-version')) {
        const scale = env.call({ method: 'GET', path });
        if (current >= 0 && scale.spec?.replicas !== current) {
          throw new KubectlError(`error: Expected replicas to be ${current}, was ${scale.spec?.replicas ?? 0}`);
        }
      }
      const dryRun = dryRunStrategy(env);
      if (dryRun !== 'client') {
        const query: Record<string, string> = {};
        if (dryRun === 'server') query.dryRun = 'All';
        const patch: Obj = { spec: { replicas } };
        if (env.flags.str('resource-version')) patch.metadata = { resourceVersion: env.flags.str('resource-version') };
        env.call({ method: 'PATCH', path, query, headers: { 'content-type': 'application/merge-patch+json' }, body: patch });
      }
      env.println(`${t.mapping.kindRef}/${t.name} scaled${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`);
    }
  },
};

/** The message rollout status prints for a deployment, and whether it is done (rollout_status.go). */
export function deploymentRolloutStatus(d: Obj): { message: string; done: boolean; error?: string } {
  const name = d.metadata?.name;
  const spec = d.spec ?? {};
  const status = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { message: `Waiting for deployment spec update to be observed...\n`, done: false };
  }
  const progressing = (status.conditions ?? []).find((c: Obj) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { message: '', done: true, error: `deployment "${name}" exceeded its progress deadline` };
  const replicas = spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
  if (total > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...\n`, done: false };
  if (available < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

const rolloutStatus: Command = {
  name: 'status',
  flags: [F.filename(), F.recursive(), F.kustomize(), F.selector(), F.watch(), { name: 'revision', type: 'int' }, F.timeout()],
  run(env) {
    const [t] = singleTargets(env, env.flags.positional);
    const r = t.mapping.resource;
    if (r.kind !== 'Deployment') throw new KubectlError(`error: no status viewer has been implemented for ${r.kind}`);
    const path = objectUrl(r, env.namespace, t.name);
    const first = env.call({ method: 'GET', path });
    const status = deploymentRolloutStatus(first);
    if (status.error) throw new KubectlError(`error: ${status.error}`);
    env.print(status.message);
    const watchFlag = !env.flags.changed('watch') || env.flags.bool('watch');
    if (status.done || !watchFlag) return;
    const stream = new WatchStream();
    let last = status.message;
    const handle = env.ctx.api.watch(
      { method: 'GET', path: collectionUrl(r, env.namespace), query: { watch: 'true', fieldSelector: `metadata.name=${t.name}`, resourceVersion: first.metadata?.resourceVersion }, client: 'kubectl' },
      (event) => {
        if (event.type === 'DELETED') {
          stream.write('stderr', `error: object has been deleted\n`);
          stream.finish(1);
          return;
        }
        if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
        const s = deploymentRolloutStatus(event.object as Obj);
        if (s.error) {
          stream.write('stderr', `error: ${s.error}\n`);
          stream.finish(1);
          return;
        }
        if (s.message !== last || s.done) stream.write('stdout', s.message);
        last = s.message;
        if (s.done) stream.finish(0);
      },
      () => stream.finish(stream.exitCode ?? 0),
    );
    if ('status' in handle) throw new StatusError(statusOf(handle));
    stream.onStop(() => handle.stop());
    env.watch = stream;
  },
};

function ownedReplicaSets(env: Env, d: Obj): Obj[] {
  const selector = Object.entries(d.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const list = env.call({ method: 'GET', path: `/apis/apps/v1/namespaces/${d.metadata.namespace}/replicasets`, query: selector ? { labelSelector: selector } : {} });
  return ((list.items as Obj[]) ?? []).filter((rs) => (rs.metadata?.ownerReferences ?? []).some((o: Obj) => o.controller && o.uid === d.metadata.uid));
}

const revisionOf = (rs: Obj) => parseInt(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '0', 10);

function deploymentTarget(env: Env): { mapping: Mapping; name: string; path: string } {
  const [t] = singleTargets(env, env.flags.positional);
  if (t.mapping.resource.kind !== 'Deployment') throw new KubectlError(`error: no history viewer has been implemented for ${t.mapping.resource.kind}`);
  return { ...t, path: objectUrl(t.mapping.resource, env.namespace, t.name) };
}

const rolloutHistory: Command = {
  name: 'history',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), { name: 'revision', type: 'int' }],
  run(env) {
    const t = deploymentTarget(env);
    const d = env.call({ method: 'GET', path: t.path });
    const sets = ownedReplicaSets(env, d).sort((a, b) => revisionOf(a) - revisionOf(b));
    const want = env.flags.int('revision');
    if (want > 0) {
      const rs = sets.find((s) => revisionOf(s) === want);
      if (!rs) throw new KubectlError(`error: unable to find the specified revision`);
      env.println(`${t.mapping.kindRef}/${t.name} with revision #${want}`);
      env.print(podTemplateText(rs.spec?.template ?? {}));
      return;
    }
    env.println(`${t.mapping.kindRef}/${t.name} `);
    let text = 'REVISION\tCHANGE-CAUSE\n';
    for (const rs of sets) text += `${revisionOf(rs)}\t${rs.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`;
    env.print(tabulateText(text) + '\n');
  },
};

function podTemplateText(tmpl: Obj): string {
  const labels = Object.entries(tmpl.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  let s = 'Pod Template:\n';
  s += `  Labels:\t${labels.join('\n\t')}\n`;
  s += '  Containers:\n';
  for (const c of tmpl.spec?.containers ?? []) {
    s += `   ${c.name}:\n    Image:\t${c.image}\n`;
  }
  return s + '\n';
}

import { tabulate as tabulateText } from '../tabwriter';

const rolloutUndo: Command = {
  name: 'undo',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), F.dryRun(), { name: 'to-revision', type: 'int' }],
  run(env) {
    const t = deploymentTarget(env);
    const d = env.call({ method: 'GET', path: t.path });
    if (d.spec?.paused) throw new KubectlError(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
    const sets = ownedReplicaSets(env, d).sort((a, b) => revisionOf(b) - revisionOf(a));
    const toRevision = env.flags.int('to-revision');
    let target: Obj | undefined;
    if (toRevision > 0) {
      target = sets.find((s) => revisionOf(s) === toRevision);
      if (!target) throw new KubectlError(`error: unable to find specified revision ${toRevision} in history`);
    } else {
      const current = revisionOf(sets[0] ?? {});
      target = sets.find((s) => revisionOf(s) < current && revisionOf(s) > 0) ?? undefined;
      if (!target) throw new KubectlError(`error: no rollout history found for deployment "${t.name}"`);
    }
    const template = structuredClone(target.spec.template);
    delete template.metadata?.labels?.['pod-template-hash'];
    const same = JSON.stringify(stripHash(d.spec.template)) === JSON.stringify(template);
    if (same) {
      env.println(`${t.mapping.kindRef}/${t.name} skipped rollback (current template already matches revision ${revisionOf(target)})`);
      return;
    }
    const annotations = { ...(d.metadata.annotations ?? {}) };
    for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) {
      if (!['deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'kubectl.kubernetes.io/last-applied-configuration'].includes(k)) annotations[k] = v;
    }
    const patch = [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    if (dryRunStrategy(env) === 'none') env.call({ method: 'PATCH', path: t.path, headers: { 'content-type': 'application/json-patch+json' }, body: patch });
    env.println(`${t.mapping.kindRef}/${t.name} rolled back`);
  },
};

function stripHash(template: Obj): Obj {
  const t = structuredClone(template ?? {});
  delete t.metadata?.labels?.['pod-template-hash'];
  return t;
}

function pauseResume(name: 'pause' | 'resume'): Command {
  return {
    name,
    flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), F.fieldManager('kubectl-rollout')],
    run(env) {
      const t = deploymentTarget(env);
      const d = env.call({ method: 'GET', path: t.path });
      const paused = name === 'pause';
      if (Boolean(d.spec?.paused) === paused) {
        throw new KubectlError(`error: ${t.mapping.kindRef}/${t.name} is ${paused ? 'already paused' : 'not paused'}`);
      }
      env.call({ method: 'PATCH', path: t.path, query: { fieldManager: env.flags.str('field-manager') }, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: { spec: { paused: paused ? true : null } } });
      env.println(`${t.mapping.kindRef}/${t.name} ${paused ? 'paused' : 'resumed'}`);
    },
  };
}

const rolloutRestart: Command = {
  name: 'restart',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), F.fieldManager('kubectl-rollout')],
  run(env) {
    for (const t of singleTargets(env, env.flags.positional)) {
      const r = t.mapping.resource;
      if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(r.kind)) throw new KubectlError(`error: ${t.mapping.kindRef}/${t.name}: restarting is not supported`);
      const path = objectUrl(r, env.namespace, t.name);
      const d = env.call({ method: 'GET', path });
      if (d.spec?.paused) throw new KubectlError(`error: deployments "${t.name}" is paused, run rollout resume first`);
      const now = isoSeconds(env.ctx.nowMs());
      env.call({
        method: 'PATCH',
        path,
        query: { fieldManager: env.flags.str('field-manager') },
        headers: { 'content-type': 'application/strategic-merge-patch+json' },
        body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now } } } } },
      });
      env.println(`${t.mapping.kindRef}/${t.name} restarted`);
    }
  },
};

export const rolloutCommand: Command = {
  name: 'rollout',
  flags: [],
  subcommands: [rolloutHistory, pauseResume('pause'), rolloutRestart, pauseResume('resume'), rolloutStatus, rolloutUndo],
};

const setImage: Command = {
  name: 'image',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), F.all(), F.local(), F.dryRun(), F.fieldManager('kubectl-set')],
  run(env) {
    const args = env.flags.positional;
    const pairs = args.filter((a) => a.includes('='));
    const resources = args.filter((a) => !a.includes('='));
    if (pairs.length === 0) throw new KubectlError(`error: at least one image update is required`);
    for (const t of singleTargets(env, resources)) {
      const path = objectUrl(t.mapping.resource, env.namespace, t.name);
      const obj = env.call({ method: 'GET', path });
      const podSpec = obj.kind === 'Pod' ? obj.spec : obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template?.spec : obj.spec?.template?.spec;
      const containers: Obj[] = [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
      const patchContainers: Obj[] = [];
      for (const pair of pairs) {
        const [cname, image] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        const matched = containers.filter((c) => cname === '*' || c.name === cname);
        if (matched.length === 0) {
          env.warn(`error: unable to find container named "${cname}"`);
          throw new KubectlError('', 1);
        }
        for (const c of matched) patchContainers.push({ image, name: c.name });
      }
      const inner = { containers: patchContainers };
      const body = obj.kind === 'Pod' ? { spec: inner } : obj.kind === 'CronJob' ? { spec: { jobTemplate: { spec: { template: { spec: inner } } } } } : { spec: { template: { spec: inner } } };
      const changed = patchContainers.some((p) => containers.find((c) => c.name === p.name)?.image !== p.image);
      if (changed && dryRunStrategy(env) === 'none') {
        env.call({ method: 'PATCH', path, query: { fieldManager: env.flags.str('field-manager') }, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body });
      }
      if (changed) env.println(`${t.mapping.kindRef}/${t.name} image updated`);
    }
  },
};

export const setCommand: Command = { name: 'set', flags: [], subcommands: [setImage, setEnvCommand, setResourcesCommand] };

export const exposeCommand: Command = {
  name: 'expose',
  flags: [
    ...PRINT_FLAGS(),
    F.filename(),
    F.recursive(),
    F.kustomize(),
    F.dryRun(),
    F.fieldManager('kubectl-expose'),
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'overrides', type: 'string' },
  ],
  run(env) {
    const [t] = singleTargets(env, env.flags.positional);
    const r = t.mapping.resource;
    const obj = env.call({ method: 'GET', path: objectUrl(r, env.namespace, t.name) });
    let selector: Record<string, string> | undefined;
    let ports: Obj[] = [];
    if (r.kind === 'Pod') {
      selector = obj.metadata?.labels;
      ports = (obj.spec?.containers ?? []).flatMap((c: Obj) => c.ports ?? []);
    } else if (r.kind === 'Service') {
      selector = obj.spec?.selector;
      ports = (obj.spec?.ports ?? []).map((p: Obj) => ({ containerPort: p.port, protocol: p.protocol, name: p.name }));
    } else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController'].includes(r.kind)) {
      const sel = obj.spec?.selector;
      if (sel?.matchExpressions?.length) throw new KubectlError(`error: couldn't retrieve selectors via --selector flag or introspection: the provided ${r.kind.toLowerCase()} has matchExpressions, which is not supported by expose`);
      selector = r.kind === 'ReplicationController' ? sel : sel?.matchLabels;
      ports = (obj.spec?.template?.spec?.containers ?? []).flatMap((c: Obj) => c.ports ?? []);
    } else throw new KubectlError(`error: cannot expose a ${r.kind}`);
    if (env.flags.str('selector')) selector = Object.fromEntries(env.flags.str('selector').split(',').map((kv) => kv.split('=') as [string, string]));
    if (!selector || Object.keys(selector).length === 0) throw new KubectlError(`error: couldn't retrieve selectors via --selector flag or introspection: the ${r.kind} has no selector`);
    const servicePorts: Obj[] = [];
    const protocol = env.flags.str('protocol');
    if (env.flags.str('port')) {
      for (const p of env.flags.str('port').split(',')) {
        const port = parseInt(p, 10);
        const tp = env.flags.str('target-port');
        servicePorts.push({ port, protocol: protocol || 'TCP', targetPort: tp ? (/^\d+$/.test(tp) ? parseInt(tp, 10) : tp) : port });
      }
    } else {
      if (ports.length === 0) throw new KubectlError(`error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples`);
      ports.forEach((p, i) => {
        const sp: Obj = { port: p.containerPort, protocol: protocol || p.protocol || 'TCP', targetPort: env.flags.str('target-port') ? (/^\d+$/.test(env.flags.str('target-port')) ? parseInt(env.flags.str('target-port'), 10) : env.flags.str('target-port')) : p.containerPort };
        if (ports.length > 1) sp.name = p.name || `port-${i + 1}`;
        servicePorts.push(sp);
      });
    }
    const name = env.flags.str('name') || t.name;
    const labels = env.flags.str('labels') ? Object.fromEntries(env.flags.str('labels').split(',').map((kv) => kv.split('=') as [string, string])) : obj.metadata?.labels;
    const spec: Obj = { ports: servicePorts, selector };
    if (env.flags.str('type')) spec.type = env.flags.str('type');
    if (env.flags.str('cluster-ip')) spec.clusterIP = env.flags.str('cluster-ip');
    if (env.flags.str('external-ip')) spec.externalIPs = [env.flags.str('external-ip')];
    if (env.flags.str('session-affinity')) spec.sessionAffinity = env.flags.str('session-affinity');
    const svc: Obj = { apiVersion: 'v1', kind: 'Service', metadata: { creationTimestamp: null, labels, name }, spec, status: { loadBalancer: {} } };
    const format = parseOutputFormat(env.flags.str('output'));
    const dryRun = dryRunStrategy(env);
    if (dryRun === 'client') {
      env.print(format.kind === 'table' ? `service/${name} exposed (dry run)\n` : printObject(svc, format));
      return;
    }
    const svcMapping = resolveType(env.ctx.registry, 'services');
    const query: Record<string, string> = { fieldManager: env.flags.str('field-manager'), fieldValidation: 'Strict' };
    if (dryRun === 'server') query.dryRun = 'All';
    const created = env.call({ method: 'POST', path: collectionUrl(svcMapping.resource, env.namespace), query, headers: { 'content-type': 'application/json' }, body: svc });
    env.print(format.kind === 'table' ? `service/${name} exposed${dryRun === 'server' ? ' (server dry run)' : ''}\n` : printObject(created, format));
  },
};
