/**
 * `kubectl create -f` and the generators (`create deployment|service|namespace|configmap|secret generic|job|
 * cronjob`), plus `kubectl run`: the same objects kubectl builds client-side, POSTed with
 * `fieldManager=kubectl-create` (`kubectl-run` for run), printed as `deployment.apps/web created`.
 */
import { F, PRINT_FLAGS, dryRunStrategy, type Command } from '../command';
import { collectionUrl, resolveType, type Env } from '../env';
import { KubectlError } from '../errors';
import { parseOutputFormat, printObject } from '../output';
import { createFromFiles } from './apply';
import { stripManagedFields } from './get';

type Obj = Record<string, any>;

const GEN_FLAGS = [...PRINT_FLAGS(), F.dryRun(), F.validate(), F.saveConfig(), F.fieldManager('kubectl-create')];

/** Sends a generated object (or prints it for --dry-run=client / -o). */
function send(env: Env, typeName: string, obj: Obj, fieldManager = 'kubectl-create'): void {
  const mapping = resolveType(env.ctx.registry, typeName);
  const r = mapping.resource;
  const dryRun = dryRunStrategy(env);
  const format = parseOutputFormat(env.flags.str('output'));
  const ref = `${mapping.kindRef}/${obj.metadata.name}`;
  if (dryRun === 'client') {
    if (format.kind !== 'table') env.print(printObject(obj, format));
    else env.println(`${ref} created (dry run)`);
    return;
  }
  const query: Record<string, string> = { fieldManager: env.flags.changed('field-manager') ? env.flags.str('field-manager') : fieldManager, fieldValidation: 'Strict' };
  if (dryRun === 'server') query.dryRun = 'All';
  const created = env.call({ method: 'POST', path: collectionUrl(r, r.namespaced ? env.namespace : undefined), query, headers: { 'content-type': 'application/json' }, body: obj });
  if (format.kind !== 'table') env.print(printObject(stripManagedFields(created), format));
  else env.println(`${ref} created${dryRun === 'server' ? ' (server dry run)' : ''}`);
}

function nameArg(env: Env, what: string): string {
  const args = env.flags.argsLenAtDash >= 0 ? env.flags.positional.slice(0, env.flags.argsLenAtDash) : env.flags.positional;
  if (args.length === 0) throw env.usageError('NAME is required');
  if (args.length > 1) throw env.usageError(`exactly one NAME is required, got ${args.length}`);
  void what;
  return args[0];
}

function afterDash(env: Env): string[] {
  return env.flags.argsLenAtDash >= 0 ? env.flags.positional.slice(env.flags.argsLenAtDash) : [];
}

/** Container name kubectl derives from an image: last path segment without tag or digest. */
function containerNameFor(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  return name.replace(/_/g, '-');
}

const createDeployment: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  flags: [...GEN_FLAGS, { name: 'image', type: 'stringSlice' }, { name: 'replicas', short: 'r', type: 'int', default: 1 }, { name: 'port', type: 'int', default: -1 }],
  run(env) {
    const name = nameArg(env, 'deployment');
    const images = env.flags.list('image');
    if (images.length === 0) throw new KubectlError(`error: required flag(s) "image" not set`);
    const labels = { app: name };
    const command = afterDash(env);
    const containers = images.map((image) => ({ image, name: containerNameFor(image), ...(command.length ? { command } : {}), resources: {} as Obj }));
    const port = env.flags.int('port', -1);
    if (port >= 0) (containers[0] as Obj).ports = [{ containerPort: port }];
    send(env, 'deployments.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { creationTimestamp: null, labels, name },
      spec: {
        replicas: env.flags.int('replicas', 1),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      },
      status: {},
    });
  },
};

function serviceGenerator(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer', sub: string): Command {
  const flags = [...GEN_FLAGS, { name: 'tcp', type: 'stringSlice' as const }];
  if (type === 'ClusterIP') flags.push({ name: 'clusterip', type: 'string' as const });
  if (type === 'NodePort') flags.push({ name: 'node-port', type: 'int' as never });
  return {
    name: sub,
    flags,
    run(env) {
      const name = nameArg(env, 'service');
      const tcp = env.flags.list('tcp');
      const clusterIP = env.flags.str('clusterip');
      if (tcp.length === 0 && clusterIP !== 'None') throw new KubectlError(`error: at least one tcp port specifier must be provided`);
      const ports = tcp.map((spec) => {
        const [p, t] = spec.split(':');
        const port = parseInt(p, 10);
        const target = t === undefined ? port : /^\d+$/.test(t) ? parseInt(t, 10) : t;
        const entry: Obj = { name: `${p}-${t ?? p}`, port, protocol: 'TCP', targetPort: target };
        if (type === 'NodePort' && env.flags.changed('node-port')) entry.nodePort = env.flags.int('node-port');
        return entry;
      });
      const spec: Obj = { ports, selector: { app: name }, type };
      if (clusterIP) spec.clusterIP = clusterIP;
      send(env, 'services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { creationTimestamp: null, labels: { app: name }, name },
        spec,
        status: { loadBalancer: {} },
      });
    },
  };
}

const createService: Command = {
  name: 'service',
  aliases: ['svc'],
  flags: [],
  subcommands: [serviceGenerator('ClusterIP', 'clusterip'), serviceGenerator('NodePort', 'nodeport'), serviceGenerator('LoadBalancer', 'loadbalancer')],
};

const createNamespace: Command = {
  name: 'namespace',
  aliases: ['ns'],
  flags: GEN_FLAGS,
  run(env) {
    const name = nameArg(env, 'namespace');
    send(env, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name }, spec: {}, status: {} });
  },
};

function literalPairs(env: Env, flag: string): Array<[string, string]> {
  return env.flags.list(flag).map((kv) => {
    const i = kv.indexOf('=');
    if (i <= 0) throw new KubectlError(`error: invalid literal source ${kv}, expected key=value`);
    return [kv.slice(0, i), kv.slice(i + 1)];
  });
}

function fileSources(env: Env): Array<[string, string]> {
  return env.flags.list('from-file').map((spec) => {
    const i = spec.indexOf('=');
    const key = i > 0 ? spec.slice(0, i) : (spec.split('/').pop() ?? spec);
    const file = i > 0 ? spec.slice(i + 1) : spec;
    return [key, env.readFile(file)];
  });
}

function envFile(env: Env): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const file of env.flags.list('from-env-file')) {
    for (const line of env.readFile(file).split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const i = t.indexOf('=');
      out.push(i < 0 ? [t, ''] : [t.slice(0, i), t.slice(i + 1)]);
    }
  }
  return out;
}

const createConfigMap: Command = {
  name: 'configmap',
  aliases: ['cm'],
  flags: [...GEN_FLAGS, { name: 'from-literal', type: 'stringArray' }, { name: 'from-file', type: 'stringSlice' }, { name: 'from-env-file', type: 'stringSlice' }, { name: 'append-hash', type: 'bool' }],
  run(env) {
    const name = nameArg(env, 'configmap');
    const data: Record<string, string> = {};
    for (const [k, v] of [...fileSources(env), ...envFile(env), ...literalPairs(env, 'from-literal')]) data[k] = v;
    const obj: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: null, name } };
    if (Object.keys(data).length) obj.data = data;
    send(env, 'configmaps', obj);
  },
};

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += chars[(n >> 18) & 63] + chars[(n >> 12) & 63] + (i + 1 < bytes.length ? chars[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? chars[n & 63] : '=');
  }
  return out;
}

const createSecretGeneric: Command = {
  name: 'generic',
  flags: [...GEN_FLAGS, { name: 'from-literal', type: 'stringArray' }, { name: 'from-file', type: 'stringSlice' }, { name: 'from-env-file', type: 'stringSlice' }, { name: 'type', type: 'string' }, { name: 'append-hash', type: 'bool' }],
  run(env) {
    const name = nameArg(env, 'secret');
    const data: Record<string, string> = {};
    for (const [k, v] of [...fileSources(env), ...envFile(env), ...literalPairs(env, 'from-literal')]) data[k] = base64(v);
    const obj: Obj = { apiVersion: 'v1', kind: 'Secret', metadata: { creationTimestamp: null, name } };
    if (Object.keys(data).length) obj.data = data;
    if (env.flags.str('type')) obj.type = env.flags.str('type');
    send(env, 'secrets', obj);
  },
};

const createSecret: Command = { name: 'secret', flags: [], subcommands: [createSecretGeneric] };

const createJob: Command = {
  name: 'job',
  flags: [...GEN_FLAGS, { name: 'image', type: 'string' }, { name: 'from', type: 'string' }],
  run(env) {
    const name = nameArg(env, 'job');
    const command = afterDash(env);
    const from = env.flags.str('from');
    if (from) {
      const [type, cjName] = from.split('/');
      if (!['cronjob', 'cronjobs', 'cj', 'cronjob.batch'].includes(type)) throw new KubectlError(`error: from must be an existing cronjob: unknown object type ${type}`);
      const cj = env.call({ method: 'GET', path: `/apis/batch/v1/namespaces/${env.namespace}/cronjobs/${cjName}` });
      const tmpl = cj.jobTemplate ?? cj.spec?.jobTemplate ?? {};
      send(env, 'jobs.batch', {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) },
          creationTimestamp: null,
          labels: tmpl.metadata?.labels,
          name,
          ownerReferences: [{ apiVersion: 'batch/v1', blockOwnerDeletion: true, controller: true, kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid }],
        },
        spec: tmpl.spec,
        status: {},
      });
      return;
    }
    const image = env.flags.str('image');
    if (!image) throw new KubectlError(`error: either --image or --from must be specified`);
    const container: Obj = { image, name, resources: {} };
    if (command.length) container.command = command;
    send(env, 'jobs.batch', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { creationTimestamp: null, name },
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
      status: {},
    });
  },
};

const createCronJob: Command = {
  name: 'cronjob',
  aliases: ['cj'],
  flags: [...GEN_FLAGS, { name: 'image', type: 'string' }, { name: 'schedule', type: 'string' }, { name: 'restart', type: 'string' }],
  run(env) {
    const name = nameArg(env, 'cronjob');
    const image = env.flags.str('image');
    if (!image) throw new KubectlError(`error: required flag(s) "image" not set`);
    const schedule = env.flags.str('schedule');
    if (!schedule) throw new KubectlError(`error: required flag(s) "schedule" not set`);
    const command = afterDash(env);
    const container: Obj = { image, name, resources: {} };
    if (command.length) container.command = command;
    send(env, 'cronjobs.batch', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { creationTimestamp: null, name },
      spec: {
        jobTemplate: {
          metadata: { creationTimestamp: null, name },
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: env.flags.str('restart') || 'OnFailure' } } },
        },
        schedule,
      },
      status: {},
    });
  },
};

export const createCommand: Command = {
  name: 'create',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.dryRun(), F.validate(), F.saveConfig(), F.selector(), F.fieldManager('kubectl-create'), { name: 'edit', type: 'bool' }, { name: 'raw', type: 'string' }, { name: 'windows-line-endings', type: 'bool' }],
  subcommands: [createDeployment, createService, createNamespace, createConfigMap, createSecret, createJob, createCronJob],
  run(env) {
    if (env.flags.list('filename').length === 0) {
      throw new KubectlError(`error: must specify one of -f and -k\n`);
    }
    createFromFiles(env);
  },
};

export const runCommand: Command = {
  name: 'run',
  flags: [
    ...PRINT_FLAGS(),
    F.dryRun(),
    F.fieldManager('kubectl-run'),
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'port', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'overrides', type: 'string' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'privileged', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  ],
  run(env) {
    const before = env.flags.argsLenAtDash >= 0 ? env.flags.positional.slice(0, env.flags.argsLenAtDash) : env.flags.positional.slice(0, 1);
    const name = before[0];
    if (!name) throw new KubectlError(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples`);
    const image = env.flags.str('image');
    if (!image) throw new KubectlError(`error: --image is required`);
    const restart = env.flags.str('restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`error: invalid restart policy: ${restart}`);
    if (env.flags.bool('stdin') || env.flags.bool('tty') || env.flags.bool('attach') || env.flags.bool('rm')) {
      throw new KubectlError('error: attaching to a container is not available in Pilothouse yet');
    }
    const rest = env.flags.argsLenAtDash >= 0 ? env.flags.positional.slice(env.flags.argsLenAtDash) : env.flags.positional.slice(1);
    const labels: Record<string, string> = {};
    if (env.flags.str('labels')) {
      for (const kv of env.flags.str('labels').split(',')) {
        const [k, v] = kv.split('=');
        labels[k] = v ?? '';
      }
    } else labels.run = name;
    const container: Obj = { image, name, resources: {} };
    if (rest.length) container[env.flags.bool('command') ? 'command' : 'args'] = rest;
    const envs = env.flags.list('env');
    if (envs.length) container.env = envs.map((kv) => ({ name: kv.split('=')[0], value: kv.slice(kv.indexOf('=') + 1) }));
    if (env.flags.str('port')) container.ports = [{ containerPort: parseInt(env.flags.str('port'), 10) }];
    if (env.flags.str('image-pull-policy')) container.imagePullPolicy = env.flags.str('image-pull-policy');
    const metadata: Obj = { creationTimestamp: null, labels, name };
    const annotations = env.flags.list('annotations');
    if (annotations.length) metadata.annotations = Object.fromEntries(annotations.map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)]));
    let pod: Obj = { apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart }, status: {} };
    if (env.flags.str('overrides')) pod = mergeOverrides(pod, JSON.parse(env.flags.str('overrides')) as Obj);
    send(env, 'pods', pod, 'kubectl-run');
  },
};

function mergeOverrides(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' ? mergeOverrides(base[k], v) : v;
  }
  return out;
}
