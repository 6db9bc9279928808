/** Node maintenance: `cordon`, `uncordon` (strategic merge patch on spec.unschedulable), `drain`, `taint`. */
import { F, dryRunStrategy, type Command } from '../command';
import { objectUrl, parseResourceArgs, type Env } from '../env';
import { KubectlError, StatusError, statusOf } from '../errors';

type Obj = Record<string, any>;

function nodeNames(env: Env): string[] {
  const args = env.flags.positional;
  if (args.length === 0 && !env.flags.str('selector')) throw new KubectlError(`error: USAGE: ${env.commandPath.split(' ').pop()} NODE [flags]\nSee '${env.commandPath} -h' for help and examples`);
  if (env.flags.str('selector')) {
    const list = env.call({ method: 'GET', path: '/api/v1/nodes', query: { labelSelector: env.flags.str('selector') } });
    return (list.items as Obj[]).map((n) => n.metadata.name);
  }
  return args.map((a) => (a.includes('/') ? (parseResourceArgs(env, [a]).targets[0].name as string) : a));
}

function setUnschedulable(env: Env, name: string, desired: boolean): string {
  const path = `/api/v1/nodes/${name}`;
  const node = env.call({ method: 'GET', path });
  if (Boolean(node.spec?.unschedulable) === desired) return `node/${name} already ${desired ? 'cordoned' : 'uncordoned'}`;
  if (dryRunStrategy(env) === 'none') {
    env.call({ method: 'PATCH', path, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: { spec: { unschedulable: desired ? true : null } } });
  }
  return `node/${name} ${desired ? 'cordoned' : 'uncordoned'}${dryRunStrategy(env) === 'client' ? ' (dry run)' : dryRunStrategy(env) === 'server' ? ' (server dry run)' : ''}`;
}

function cordonLike(name: 'cordon' | 'uncordon'): Command {
  return {
    name,
    flags: [F.selector(), F.dryRun()],
    run(env) {
      for (const n of nodeNames(env)) env.println(setUnschedulable(env, n, name === 'cordon'));
    },
  };
}

export const cordonCommand = cordonLike('cordon');
export const uncordonCommand = cordonLike('uncordon');

export const drainCommand: Command = {
  name: 'drain',
  flags: [
    F.selector(),
    F.dryRun(),
    { name: 'force', type: 'bool' },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'pod-selector', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'skip-wait-for-delete-timeout', type: 'int' },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  run(env) {
    for (const node of nodeNames(env)) {
      env.println(setUnschedulable(env, node, true));
      const query: Record<string, string> = { fieldSelector: `spec.nodeName=${node}`, limit: '500' };
      if (env.flags.str('pod-selector')) query.labelSelector = env.flags.str('pod-selector');
      const pods = (env.call({ method: 'GET', path: '/api/v1/pods', query }).items as Obj[]) ?? [];
      const daemonSetPods: string[] = [];
      const unmanaged: string[] = [];
      const localStorage: string[] = [];
      const toEvict: Obj[] = [];
      for (const p of pods) {
        const ref = `${p.metadata.namespace}/${p.metadata.name}`;
        const phase = p.status?.phase;
        if (p.metadata.deletionTimestamp) continue;
        const controller = (p.metadata.ownerReferences ?? []).find((o: Obj) => o.controller);
        if (phase === 'Succeeded' || phase === 'Failed') {
          toEvict.push(p);
          continue;
        }
        if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
        if (controller?.kind === 'DaemonSet') {
          daemonSetPods.push(ref);
          continue;
        }
        if (!controller) unmanaged.push(ref);
        if ((p.spec?.volumes ?? []).some((v: Obj) => v.emptyDir)) localStorage.push(ref);
        toEvict.push(p);
      }
      const errors: string[] = [];
      if (daemonSetPods.length && !env.flags.bool('ignore-daemonsets')) errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemonSetPods.join(', ')}`);
      if (unmanaged.length && !env.flags.bool('force')) errors.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
      if (localStorage.length && !env.flags.bool('delete-emptydir-data')) errors.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${localStorage.join(', ')}`);
      if (errors.length) {
        env.warn(`error: unable to drain node "${node}" due to error: [${errors.join(', ')}], continuing command...`);
        env.warn(`There are pending nodes to be drained:\n ${node}`);
        throw new KubectlError(errors.map((e) => `error: ${e}`).join('\n'));
      }
      const warnings: string[] = [];
      if (daemonSetPods.length) warnings.push(`ignoring DaemonSet-managed Pods: ${daemonSetPods.join(', ')}`);
      if (unmanaged.length) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(', ')}`);
      if (warnings.length) env.warn(`Warning: ${warnings.join('; ')}`);
      for (const p of toEvict) env.println(`evicting pod ${p.metadata.namespace}/${p.metadata.name}`);
      for (const p of toEvict) {
        const body: Obj = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata.name, namespace: p.metadata.namespace } };
        const grace = env.flags.int('grace-period', -1);
        if (grace >= 0) body.deleteOptions = { gracePeriodSeconds: grace };
        if (dryRunStrategy(env) !== 'none') continue;
        const res = env.request({ method: 'POST', path: objectUrl({ group: '', version: 'v1', plural: 'pods', namespaced: true } as never, p.metadata.namespace, p.metadata.name, 'eviction'), headers: { 'content-type': 'application/json' }, body });
        if (res.status === 429) {
          env.warn(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}" (will retry after 5s): ${statusOf(res).message}`);
          continue;
        }
        if (res.status >= 300 && res.status !== 404) throw new StatusError(statusOf(res));
        env.println(`pod/${p.metadata.name} evicted`);
      }
      env.println(`node/${node} drained`);
    }
  },
};

export const taintCommand: Command = {
  name: 'taint',
  flags: [F.selector(), F.all(), F.overwrite(), F.dryRun(), F.validate(), F.fieldManager('kubectl-taint'), { name: 'output', short: 'o', type: 'string' }],
  run(env) {
    const args = env.flags.positional;
    if (args.length < 2 && !(args.length === 1 && (env.flags.bool('all') || env.flags.str('selector')))) {
      throw new KubectlError(`error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples`);
    }
    let nodes: string[];
    let specs: string[];
    if (args[0] === 'nodes' || args[0] === 'node' || args[0] === 'no') {
      if (env.flags.bool('all')) {
        nodes = (env.call({ method: 'GET', path: '/api/v1/nodes' }).items as Obj[]).map((n) => n.metadata.name);
        specs = args.slice(1);
      } else {
        nodes = [args[1]];
        specs = args.slice(2);
      }
    } else if (args[0].startsWith('node/') || args[0].startsWith('nodes/')) {
      nodes = [args[0].split('/')[1]];
      specs = args.slice(1);
    } else throw new KubectlError(`error: invalid resource type ${args[0]}, only nodes are supported`);
    if (specs.length === 0) throw new KubectlError(`error: at least one taint update is required`);
    const adds: Obj[] = [];
    const removes: Array<{ key: string; effect?: string }> = [];
    for (const s of specs) {
      if (s.endsWith('-')) {
        const [key, effect] = s.slice(0, -1).split(':');
        removes.push({ key, effect });
        continue;
      }
      const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(s);
      if (!m) {
        if (!s.includes(':')) throw new KubectlError(`error: invalid taint spec: ${s}, unknown taint spec: ${s}`);
        throw new KubectlError(`error: invalid taint spec: ${s}, invalid taint effect: ${s.split(':').pop()}, unsupported taint effect`);
      }
      const taint: Obj = { effect: m[3], key: m[1] };
      if (m[2] !== undefined && m[2] !== '') taint.value = m[2];
      adds.push(taint);
    }
    for (const name of nodes) {
      const path = `/api/v1/nodes/${name}`;
      const node = env.call({ method: 'GET', path });
      let taints: Obj[] = [...(node.spec?.taints ?? [])];
      let operation = 'tainted';
      for (const r of removes) {
        const before = taints.length;
        taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
        if (taints.length === before) throw new KubectlError(`error: taint "${r.key}${r.effect ? ':' + r.effect : ''}" not found`);
        operation = 'untainted';
      }
      for (const a of adds) {
        const existing = taints.findIndex((t) => t.key === a.key && t.effect === a.effect);
        if (existing >= 0) {
          if (!env.flags.bool('overwrite')) throw new KubectlError(`error: node ${name} already has ${a.key} taint(s) with same effect(s) and --overwrite is false`);
          taints[existing] = a;
        } else taints.push(a);
        operation = removes.length ? 'modified' : 'tainted';
      }
      if (dryRunStrategy(env) === 'none') {
        env.call({ method: 'PATCH', path, query: { fieldManager: env.flags.str('field-manager') }, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: { spec: { taints: taints.length ? taints : null } } });
      }
      env.println(`node/${name} ${operation}`);
    }
  },
};
