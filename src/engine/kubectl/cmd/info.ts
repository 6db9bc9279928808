/** Cluster information: `version`, `api-resources`, `api-versions`, `cluster-info`, `config view`, `auth can-i`. */
import { F, type Command } from '../command';
import { CLIENT_VERSION, KUSTOMIZE_VERSION, type Env } from '../env';
import { KubectlError } from '../errors';
import { tabulate } from '../tabwriter';
import { parseOutputFormat, printObject } from '../output';
import { toYaml } from '../yaml-output';

type Obj = Record<string, any>;

function serverVersion(env: Env): Obj {
  const res = env.request({ method: 'GET', path: '/version' });
  if (res.status === 200 && res.body && typeof res.body === 'object') return res.body as Obj;
  const v = env.ctx.serverVersion ?? 'v1.32.0';
  return { major: '1', minor: '32', gitVersion: v, gitCommit: '', gitTreeState: 'clean', buildDate: '', goVersion: 'go1.23.4', compiler: 'gc', platform: 'linux/amd64' };
}

function clientInfo(): Obj {
  return { major: '1', minor: '32', gitVersion: CLIENT_VERSION, gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53', gitTreeState: 'clean', buildDate: '2024-12-11T18:04:20Z', goVersion: 'go1.23.3', compiler: 'gc', platform: 'linux/amd64' };
}

export const versionCommand: Command = {
  name: 'version',
  flags: [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }],
  run(env) {
    const out = env.flags.str('output');
    const client = env.flags.bool('client');
    const server = client ? undefined : serverVersion(env);
    if (out === 'json' || out === 'yaml') {
      const v: Obj = { clientVersion: clientInfo(), kustomizeVersion: KUSTOMIZE_VERSION };
      if (server) v.serverVersion = server;
      env.print(out === 'json' ? JSON.stringify(v, null, 2) + '\n' : toYaml(v));
      return;
    }
    if (out) throw new KubectlError(`error: --output must be 'yaml' or 'json'`);
    env.println(`Client Version: ${CLIENT_VERSION}`);
    env.println(`Kustomize Version: ${KUSTOMIZE_VERSION}`);
    if (server) env.println(`Server Version: ${server.gitVersion}`);
  },
};

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  flags: [{ name: 'output', short: 'o', type: 'string' }, { name: 'api-group', type: 'string' }, { name: 'namespaced', type: 'bool', default: true }, { name: 'verbs', type: 'stringSlice' }, { name: 'sort-by', type: 'string' }, { name: 'no-headers', type: 'bool' }, { name: 'cached', type: 'bool' }, { name: 'categories', type: 'stringSlice' }],
  run(env) {
    const f = env.flags;
    const output = f.str('output');
    if (output && output !== 'wide' && output !== 'name') throw new KubectlError(`error: --output ${output} is not available`);
    const groups = [...env.ctx.registry.groups().entries()];
    const order = (g: string) => (g === '' ? -1 : groups.findIndex(([name]) => name === g));
    let rows = env.ctx.registry
      .list()
      .filter((r) => r.version === (env.ctx.registry.groups().get(r.group)?.[0] ?? r.version))
      .filter((r) => !f.changed('api-group') || r.group === f.str('api-group'))
      .filter((r) => !f.changed('namespaced') || r.namespaced === f.bool('namespaced'))
      .filter((r) => f.list('verbs').every((v) => r.verbs.includes(v)))
      .filter((r) => f.list('categories').every((c) => r.categories.includes(c)));
    const sortBy = f.str('sort-by');
    rows = [...rows].sort((a, b) => {
      if (sortBy === 'kind') return a.kind.localeCompare(b.kind);
      if (sortBy === 'name') return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
      const ga = order(a.group);
      const gb = order(b.group);
      if (a.group !== b.group) return a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1;
      void ga;
      void gb;
      return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
    });
    if (output === 'name') {
      for (const r of rows) env.println(r.group ? `${r.plural}.${r.group}` : r.plural);
      return;
    }
    const wide = output === 'wide';
    let text = f.bool('no-headers') ? '' : `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`;
    for (const r of rows) {
      text += `${r.plural}\t${r.shortNames.join(',')}\t${r.group ? `${r.group}/${r.version}` : r.version}\t${r.namespaced}\t${r.kind}`;
      if (wide) text += `\t[${r.verbs.join(' ')}]\t${r.categories.join(',')}`;
      text += '\n';
    }
    env.print(tabulate(text));
  },
};

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  flags: [],
  run(env) {
    const versions: string[] = [];
    for (const [group, vs] of env.ctx.registry.groups()) for (const v of vs) versions.push(group ? `${group}/${v}` : v);
    versions.sort();
    for (const v of versions) env.println(v);
  },
};

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  flags: [],
  subcommands: [{ name: 'dump', flags: [F.output('json'), F.allNamespaces()], run: (env) => env.warn('error: cluster-info dump is not available in Pilothouse') }],
  run(env) {
    const url = env.ctx.serverUrl ?? 'https://127.0.0.1:6443';
    env.println(`Kubernetes control plane is running at ${url}`);
    const svcs = env.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/services', query: { labelSelector: 'kubernetes.io/cluster-service=true' } });
    for (const s of ((svcs.body as Obj)?.items as Obj[]) ?? []) {
      const name = s.metadata?.labels?.['kubernetes.io/name'] ?? s.metadata.name;
      const port = s.spec?.ports?.[0];
      const portName = port?.name ? `${port.name}` : '';
      env.println(`${name} is running at ${url}/api/v1/namespaces/kube-system/services/${s.metadata.name}${portName ? ':' + portName : ''}/proxy`);
    }
    env.println(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.`);
  },
};

const configView: Command = {
  name: 'view',
  flags: [F.output('yaml'), { name: 'minify', type: 'bool' }, { name: 'raw', type: 'bool' }, { name: 'flatten', type: 'bool' }, { name: 'merge', type: 'bool', default: true }, F.template(), F.allowMissing(), F.showManagedFields()],
  run(env) {
    const url = env.ctx.serverUrl ?? 'https://127.0.0.1:6443';
    const config: Obj = {
      apiVersion: 'v1',
      clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: url }, name: 'pilothouse' }],
      contexts: [{ context: { cluster: 'pilothouse', namespace: env.ctx.namespace ?? 'default', user: 'pilothouse-admin' }, name: 'pilothouse' }],
      'current-context': 'pilothouse',
      kind: 'Config',
      preferences: {},
      users: [{ name: 'pilothouse-admin', user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
    };
    if (env.ctx.namespace === undefined || env.ctx.namespace === 'default') delete config.contexts[0].context.namespace;
    env.print(printObject(config, parseOutputFormat(env.flags.str('output'))));
  },
};

const configSimple = (name: string, out: (env: Env) => string): Command => ({ name, flags: [], run: (env) => env.println(out(env)) });

export const configCommand: Command = {
  name: 'config',
  flags: [],
  subcommands: [
    configView,
    configSimple('current-context', () => 'pilothouse'),
    configSimple('get-contexts', (env) => tabulate(`CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\tpilothouse\tpilothouse\tpilothouse-admin\t${env.ctx.namespace && env.ctx.namespace !== 'default' ? env.ctx.namespace : ''}\n`).replace(/\n$/, '')),
    configSimple('get-clusters', () => 'NAME\npilothouse'),
  ],
};

const canI: Command = {
  name: 'can-i',
  flags: [F.allNamespaces(), { name: 'quiet', short: 'q', type: 'bool' }, { name: 'list', type: 'bool' }, { name: 'no-headers', type: 'bool' }, { name: 'subresource', type: 'string' }],
  run(env) {
    if (env.flags.bool('list')) throw new KubectlError('error: --list is not available in Pilothouse yet');
    if (env.flags.positional.length < 2) throw new KubectlError(`error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples`);
    // Authorization is not simulated yet: the console user is cluster-admin.
    if (!env.flags.bool('quiet')) env.println('yes');
  },
};

export const authCommand: Command = { name: 'auth', flags: [], subcommands: [canI, { name: 'whoami', flags: [F.output()], run: (env) => env.print(tabulate('ATTRIBUTE\tVALUE\nUsername\tkubernetes-admin\nGroups\t[kubeadm:cluster-admins system:authenticated]\n')) }] };
