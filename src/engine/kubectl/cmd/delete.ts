/** `kubectl delete`: by type/name, `-f`, `-l` or `--all`, with DeleteOptions `propagationPolicy: Background`. */
import { F, PRINT_FLAGS, dryRunStrategy, type Command } from '../command';
import { collectionUrl, mappingFor, objectUrl, parseResourceArgs, type Mapping } from '../env';
import { KubectlError, StatusError } from '../errors';
import { parseManifests } from '../manifest';
import { parseApiVersion } from '../../apiserver/registry';
import { finishWithErrors } from './apply';

type Obj = Record<string, any>;

const MISSING_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export const deleteCommand: Command = {
  name: 'delete',
  flags: [
    ...PRINT_FLAGS(),
    F.filename(),
    F.recursive(),
    F.kustomize(),
    F.selector(),
    F.fieldSelector(),
    F.allNamespaces(),
    F.all(),
    F.dryRun(),
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'interactive', short: 'i', type: 'bool' },
    { name: 'raw', type: 'string' },
  ],
  run(env) {
    const f = env.flags;
    let grace = f.int('grace-period', -1);
    if (f.bool('now')) {
      if (grace !== -1) throw new KubectlError('error: --now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (f.bool('force') && grace === -1) grace = 0;
    const cascade = f.str('cascade');
    const propagation = cascade === 'orphan' || cascade === 'false' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
    const dryRun = dryRunStrategy(env);
    const items: Array<{ mapping: Mapping; namespace: string; name: string }> = [];
    const errors: unknown[] = [];
    const selector = f.str('selector');
    const fieldSelector = f.str('field-selector');
    if (f.list('filename').length > 0) {
      for (const file of f.list('filename')) {
        const parsed = parseManifests(env.readFile(file));
        if (!parsed.ok) throw new KubectlError(`error: error parsing ${file === '-' ? 'STDIN' : file}: ${parsed.error.message}`);
        for (const { object } of parsed.objects) {
          const o = object as Obj;
          const { group, version } = parseApiVersion(String(o.apiVersion ?? ''));
          const r = env.ctx.registry.forKind(group, version, String(o.kind));
          if (!r) throw new KubectlError(`error: resource mapping not found for name: "${o.metadata?.name}" namespace: "${o.metadata?.namespace ?? ''}" from "${file}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`);
          items.push({ mapping: mappingFor(r), namespace: o.metadata?.namespace ?? env.namespace, name: o.metadata?.name });
        }
      }
    } else {
      if (f.positional.length === 0) throw new KubectlError(MISSING_RESOURCES);
      const parsed = parseResourceArgs(env, f.positional);
      if (parsed.typesOnly) {
        if (!f.bool('all') && !selector && !fieldSelector) throw new KubectlError(`error: resource(s) were provided, but no name was specified`);
        for (const { mapping } of parsed.targets) {
          const r = mapping.resource;
          const q: Record<string, string> = {};
          if (selector) q.labelSelector = selector;
          if (fieldSelector) q.fieldSelector = fieldSelector;
          const ns = r.namespaced && !f.bool('all-namespaces') ? env.namespace : undefined;
          const list = env.call({ method: 'GET', path: collectionUrl(r, ns), query: q });
          for (const o of (list.items as Obj[]) ?? []) items.push({ mapping, namespace: o.metadata?.namespace ?? '', name: o.metadata.name });
        }
        if (items.length === 0) {
          env.println('No resources found');
          return;
        }
      } else {
        if (f.bool('all')) throw new KubectlError(`error: cannot set --all and --selector at the same time`);
        for (const t of parsed.targets) items.push({ mapping: t.mapping, namespace: env.namespace, name: t.name as string });
      }
    }
    if (grace === 0 && f.bool('force')) {
      env.warn('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
    }
    for (const it of items) {
      const body: Obj = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: propagation };
      if (grace >= 0) body.gracePeriodSeconds = grace;
      const query: Record<string, string> = {};
      if (dryRun === 'server') {
        query.dryRun = 'All';
        body.dryRun = ['All'];
      }
      const r = it.mapping.resource;
      const label = `${it.mapping.kindRef} "${it.name}"`;
      if (dryRun === 'client') {
        env.println(`${label} deleted (dry run)`);
        continue;
      }
      const res = env.request({ method: 'DELETE', path: objectUrl(r, it.namespace, it.name), query, headers: { 'content-type': 'application/json' }, body });
      env.printWarnings(res);
      if (res.status === 404 && f.bool('ignore-not-found')) continue;
      if (res.status >= 300) {
        errors.push(new StatusError(res.body as never));
        continue;
      }
      const verb = f.bool('force') && grace === 0 ? 'force deleted' : 'deleted';
      env.println(`${label} ${verb}${dryRun === 'server' ? ' (server dry run)' : ''}`);
    }
    finishWithErrors(env, errors);
  },
};
