/** `logs`, `exec`, `top`, `explain`, `edit`, `events`: the troubleshooting commands. */
import { F, PRINT_FLAGS, type Command } from '../command';
import { objectUrl, parseResourceArgs, resolveType } from '../env';
import { KubectlError, StatusError, statusOf } from '../errors';
import { toYaml } from '../yaml-output';
import { stripManagedFields } from './get';
import { tabulate } from '../tabwriter';
import { timestampMs } from '../time';
import { humanDuration } from '../../apiserver/printers';

type Obj = Record<string, any>;

export const logsCommand: Command = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'duration' },
    { name: 'since-time', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'limit-bytes', type: 'int' },
    F.selector(),
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s' },
  ],
  run(env) {
    const args = env.flags.positional;
    if (args.length === 0) throw new KubectlError(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
    let podName = args[0];
    if (podName.includes('/')) {
      const t = parseResourceArgs(env, [podName]).targets[0];
      if (t.mapping.resource.kind !== 'Pod') throw new KubectlError(`error: logs for ${t.mapping.kindRef}/${t.name} are not available in Pilothouse yet; name a pod`);
      podName = t.name as string;
    }
    const pod = env.call({ method: 'GET', path: `/api/v1/namespaces/${env.namespace}/pods/${podName}` });
    let container = env.flags.str('container') || (args[1] ?? '');
    const containers: Obj[] = pod.spec?.containers ?? [];
    if (!container) {
      container = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? '';
      if (!container) {
        container = containers[0]?.name ?? '';
        if (containers.length > 1) env.warn(`Defaulted container "${container}" out of: ${containers.map((c) => c.name).join(', ')}`);
      }
    }
    const query: Record<string, string> = { container };
    if (env.flags.bool('follow')) query.follow = 'true';
    if (env.flags.bool('previous')) query.previous = 'true';
    if (env.flags.int('tail', -1) >= 0) query.tailLines = String(env.flags.int('tail', -1));
    if (env.flags.bool('timestamps')) query.timestamps = 'true';
    const res = env.request({ method: 'GET', path: `/api/v1/namespaces/${env.namespace}/pods/${podName}/log`, query });
    if (res.status === 404 || res.status === 405) {
      const status = statusOf(res);
      if (status.message?.includes('not found') && status.details?.name === podName) throw new StatusError(status);
      throw new KubectlError(`error: logs are not available yet in this cluster (the kubelet log endpoint is not simulated)`);
    }
    if (res.status >= 300) throw new StatusError(statusOf(res));
    env.print(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
  },
};

export const execCommand: Command = {
  name: 'exec',
  flags: [{ name: 'container', short: 'c', type: 'string' }, { name: 'stdin', short: 'i', type: 'bool' }, { name: 'tty', short: 't', type: 'bool' }, { name: 'quiet', short: 'q', type: 'bool' }, F.filename(), { name: 'pod-running-timeout', type: 'duration', default: '1m0s' }],
  run(env) {
    const dash = env.flags.argsLenAtDash;
    const before = dash >= 0 ? env.flags.positional.slice(0, dash) : env.flags.positional;
    if (before.length === 0) throw new KubectlError(`error: pod, type/name or --filename must be specified\nSee 'kubectl exec -h' for help and examples`);
    if (dash < 0 || env.flags.positional.length === dash) throw new KubectlError(`error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples`);
    env.call({ method: 'GET', path: `/api/v1/namespaces/${env.namespace}/pods/${before[0]}` });
    throw new KubectlError(`error: unable to upgrade connection: exec is not available in Pilothouse yet`);
  },
};

export const explainCommand: Command = {
  name: 'explain',
  flags: [{ name: 'recursive', type: 'bool' }, { name: 'api-version', type: 'string' }, { name: 'output', short: 'o', type: 'string', default: 'plaintext' }],
  run(env) {
    if (env.flags.positional.length === 0) throw new KubectlError(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples`);
    resolveType(env.ctx.registry, env.flags.positional[0].split('.')[0]);
    throw new KubectlError('error: explain is not available in Pilothouse yet');
  },
};

export const editCommand: Command = {
  name: 'edit',
  flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.validate(), F.saveConfig(), F.fieldManager('kubectl-edit'), { name: 'windows-line-endings', type: 'bool' }, { name: 'output-patch', type: 'bool' }, { name: 'subresource', type: 'string' }],
  run(env) {
    if (env.flags.positional.length === 0) throw new KubectlError(`error: you must provide one or more resources by argument or filename`);
    const parsed = parseResourceArgs(env, env.flags.positional);
    const t = parsed.targets[0];
    if (!t.name) throw new KubectlError(`error: edit of a whole list is not available in Pilothouse; name one object`);
    const r = t.mapping.resource;
    const ns = r.namespaced ? env.namespace : '';
    const obj = stripManagedFields(env.call({ method: 'GET', path: objectUrl(r, ns, t.name) }));
    const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n`;
    env.edit = { ref: `${t.mapping.kindRef}/${t.name}`, resource: { group: r.group, version: r.version, plural: r.plural, namespaced: r.namespaced }, namespace: ns, name: t.name, text: header + toYaml(obj) };
  },
};

export const eventsCommand: Command = {
  name: 'events',
  flags: [...PRINT_FLAGS(), F.allNamespaces(), F.watch(), { name: 'for', type: 'string' }, { name: 'types', type: 'stringSlice' }, { name: 'no-headers', type: 'bool' }, { name: 'chunk-size', type: 'int', default: 500 }],
  run(env) {
    const f = env.flags;
    const allNs = f.bool('all-namespaces');
    const q: Record<string, string> = { limit: '500' };
    if (f.str('for')) {
      const [type, name] = f.str('for').split('/');
      const m = resolveType(env.ctx.registry, type);
      q.fieldSelector = `involvedObject.kind=${m.resource.kind},involvedObject.apiVersion=${m.resource.group ? m.resource.group + '/' : ''}${m.resource.version},involvedObject.name=${name}`;
    }
    const list = env.call({ method: 'GET', path: allNs ? '/api/v1/events' : `/api/v1/namespaces/${env.namespace}/events`, query: q });
    let items: Obj[] = list.items ?? [];
    const types = f.list('types');
    if (types.length) items = items.filter((e) => types.includes(e.type));
    if (items.length === 0) {
      env.warn(allNs ? 'No events found.' : `No events found in ${env.namespace} namespace.`);
      return;
    }
    const ts = (e: Obj) => timestampMs(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp);
    items.sort((a, b) => ts(a) - ts(b));
    const now = env.ctx.nowMs();
    let text = f.bool('no-headers') ? '' : `${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
    for (const e of items) {
      const io = e.involvedObject ?? {};
      text += `${allNs ? e.metadata?.namespace + '\t' : ''}${shortAge(now - ts(e))}\t${e.type}\t${e.reason}\t${String(io.kind).toLowerCase()}/${io.name}\t${String(e.message ?? '').trim()}\n`;
    }
    env.print(tabulate(text));
  },
};

/** The `LAST SEEN` form: duration.HumanDuration. */
export function shortAge(ms: number): string {
  return humanDuration(ms);
}
