/**
 * `kubectl set env` and `kubectl set resources` (strategic merge patches on the pod template's containers) and
 * `kubectl autoscale` (an autoscaling/v1 HorizontalPodAutoscaler, as kubectl 1.32 creates it).
 */
import { F, PRINT_FLAGS, dryRunStrategy, type Command } from '../command';
import { collectionUrl, objectUrl, type Env } from '../env';
import { KubectlError } from '../errors';
import { singleTargets } from './targets';

type Obj = Record<string, any>;

function podSpecOf(obj: Obj): Obj | undefined {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

function wrapPodSpec(kind: string, inner: Obj): Obj {
  if (kind === 'Pod') return { spec: inner };
  if (kind === 'CronJob') return { spec: { jobTemplate: { spec: { template: { spec: inner } } } } };
  return { spec: { template: { spec: inner } } };
}

function patchTemplate(env: Env, path: string, kind: string, containers: Obj[]): void {
  if (dryRunStrategy(env) !== 'none') return;
  env.call({ method: 'PATCH', path, query: { fieldManager: env.flags.str('field-manager') }, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: wrapPodSpec(kind, { containers }) });
}

const selectContainers = (env: Env, obj: Obj): Obj[] => {
  const pattern = env.flags.str('containers') || '*';
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return (podSpecOf(obj)?.containers ?? []).filter((c: Obj) => re.test(c.name));
};

const setEnv: Command = {
  name: 'env',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), F.all(), F.local(), F.dryRun(), F.fieldManager('kubectl-set'), { name: 'containers', short: 'c', type: 'string', default: '*' }, { name: 'list', type: 'bool' }, { name: 'resolve', type: 'bool' }, { name: 'overwrite', type: 'bool', default: true }, { name: 'from', type: 'string' }, { name: 'prefix', type: 'string' }, { name: 'env', short: 'e', type: 'stringArray' }, { name: 'keys', type: 'stringSlice' }],
  run(env) {
    const args = env.flags.positional;
    const changes = [...args.filter((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/'))), ...env.flags.list('env')];
    const resources = args.filter((a) => !changes.includes(a));
    if (!env.flags.bool('list') && changes.length === 0 && !env.flags.str('from')) throw new KubectlError('error: at least one environment variable must be provided');
    for (const t of singleTargets(env, resources)) {
      const path = objectUrl(t.mapping.resource, env.namespace, t.name);
      const obj = env.call({ method: 'GET', path });
      const containers = selectContainers(env, obj);
      if (env.flags.bool('list')) {
        for (const c of containers) {
          env.println(`# ${obj.kind} ${t.name}, container ${c.name}`);
          for (const e of c.env ?? []) {
            if (e.value !== undefined) env.println(`${e.name}=${e.value}`);
            else if (e.valueFrom?.configMapKeyRef) env.println(`# ${e.name} from configmap ${e.valueFrom.configMapKeyRef.name}, key ${e.valueFrom.configMapKeyRef.key}`);
            else if (e.valueFrom?.secretKeyRef) env.println(`# ${e.name} from secret ${e.valueFrom.secretKeyRef.name}, key ${e.valueFrom.secretKeyRef.key}`);
            else if (e.valueFrom?.fieldRef) env.println(`# ${e.name} from field path ${e.valueFrom.fieldRef.fieldPath}`);
            else env.println(`${e.name}=`);
          }
        }
        continue;
      }
      const sets: Obj[] = [];
      const removes = new Set<string>();
      for (const c of changes) {
        if (c.endsWith('-') && !c.includes('=')) removes.add(c.slice(0, -1));
        else sets.push({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1) });
      }
      const from = env.flags.str('from');
      if (from) {
        const [kind, name] = from.split('/');
        const resource = /^(cm|configmaps?)$/.test(kind) ? 'configmaps' : /^secrets?$/.test(kind) ? 'secrets' : undefined;
        if (!resource || !name) throw new KubectlError(`error: unsupported resource specified in --from`);
        const src = env.call({ method: 'GET', path: `/api/v1/namespaces/${env.namespace}/${resource}/${name}` });
        for (const key of Object.keys(src.data ?? {}).sort()) {
          const envName = `${env.flags.str('prefix')}${key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
          const ref = { name, key };
          sets.push({ name: envName, valueFrom: resource === 'configmaps' ? { configMapKeyRef: ref } : { secretKeyRef: ref } });
        }
      }
      let changed = false;
      const patch: Obj[] = [];
      for (const c of containers) {
        const current: Obj[] = c.env ?? [];
        const items: Obj[] = [];
        for (const name of removes) if (current.some((e) => e.name === name)) items.push({ name, $patch: 'delete' });
        for (const set of sets) {
          const existing = current.find((e) => e.name === set.name);
          if (existing && !env.flags.bool('overwrite')) throw new KubectlError(`error: '${set.name}' already has a value (${existing.value ?? ''}), and --overwrite is false`);
          if (!existing || JSON.stringify(existing) !== JSON.stringify(set)) items.push(set);
        }
        if (items.length === 0) continue;
        changed = true;
        patch.push({ name: c.name, env: items });
      }
      if (!changed) continue;
      patchTemplate(env, path, obj.kind, patch);
      env.println(`${t.mapping.kindRef}/${t.name} env updated`);
    }
  },
};

function parseResourceList(text: string, flag: string): Obj {
  const out: Obj = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined || !['cpu', 'memory', 'ephemeral-storage'].includes(k) && !k.includes('/')) throw new KubectlError(`error: invalid argument "${text}" for "--${flag}" flag`);
    out[k] = v;
  }
  return out;
}

const setResources: Command = {
  name: 'resources',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), F.all(), F.local(), F.dryRun(), F.fieldManager('kubectl-set'), { name: 'containers', short: 'c', type: 'string', default: '*' }, { name: 'limits', type: 'string' }, { name: 'requests', type: 'string' }],
  run(env) {
    const limits = parseResourceList(env.flags.str('limits'), 'limits');
    const requests = parseResourceList(env.flags.str('requests'), 'requests');
    if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) throw new KubectlError('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
    for (const t of singleTargets(env, env.flags.positional)) {
      const path = objectUrl(t.mapping.resource, env.namespace, t.name);
      const obj = env.call({ method: 'GET', path });
      const containers = selectContainers(env, obj);
      if (containers.length === 0) throw new KubectlError(`error: unable to find container named ${env.flags.str('containers')}`);
      const patch = containers.map((c) => ({ name: c.name, resources: { ...(Object.keys(limits).length ? { limits } : {}), ...(Object.keys(requests).length ? { requests } : {}) } }));
      const changed = containers.some((c) => Object.entries(limits).some(([k, v]) => c.resources?.limits?.[k] !== v) || Object.entries(requests).some(([k, v]) => c.resources?.requests?.[k] !== v));
      if (!changed) continue; // kubectl prints nothing when the object would not change
      patchTemplate(env, path, obj.kind, patch);
      env.println(`${t.mapping.kindRef}/${t.name} resource requirements updated`);
    }
  },
};

export const setEnvCommand = setEnv;
export const setResourcesCommand = setResources;

export const autoscaleCommand: Command = {
  name: 'autoscale',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.dryRun(), F.fieldManager('kubectl-autoscale'), { name: 'min', type: 'int', default: -1 }, { name: 'max', type: 'int', default: -1 }, { name: 'cpu-percent', type: 'int', default: -1 }, { name: 'name', type: 'string' }, F.saveConfig(), { name: 'record', type: 'bool' }],
  run(env) {
    const f = env.flags;
    if (!f.changed('max')) throw new KubectlError('error: required flag(s) "max" not set');
    const [t] = singleTargets(env, f.positional);
    const r = t.mapping.resource;
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(r.kind)) throw new KubectlError(`error: cannot autoscale a ${r.kind}: cannot autoscale a ${r.kind}`);
    env.call({ method: 'GET', path: objectUrl(r, env.namespace, t.name) }); // NotFound as kubectl reports it
    const max = f.int('max');
    const min = f.int('min');
    if (max < 1) throw new KubectlError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw new KubectlError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const name = f.str('name') || t.name;
    const hpa: Obj = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name },
      spec: { scaleTargetRef: { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, name: t.name }, maxReplicas: max, ...(min > 0 ? { minReplicas: min } : {}), ...(f.int('cpu-percent') >= 0 ? { targetCPUUtilizationPercentage: f.int('cpu-percent') } : {}) },
    };
    const dryRun = dryRunStrategy(env);
    if (dryRun !== 'client') {
      const query: Record<string, string> = { fieldManager: f.str('field-manager') };
      if (dryRun === 'server') query.dryRun = 'All';
      env.call({ method: 'POST', path: collectionUrl({ group: 'autoscaling', version: 'v1', plural: 'horizontalpodautoscalers', namespaced: true } as never, env.namespace), query, headers: { 'content-type': 'application/json' }, body: hpa });
    }
    env.println(`horizontalpodautoscaler.autoscaling/${name} autoscaled${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`);
  },
};
