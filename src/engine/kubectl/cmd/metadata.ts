/** `kubectl label` and `kubectl annotate`: JSON merge patches on metadata.labels / metadata.annotations. */
import { F, PRINT_FLAGS, dryRunStrategy, type Command } from '../command';
import { collectionUrl, objectUrl, parseResourceArgs, type Mapping } from '../env';
import { KubectlError } from '../errors';
import { parseOutputFormat, printObject } from '../output';

type Obj = Record<string, any>;

function metadataCommand(name: 'label' | 'annotate'): Command {
  const field = name === 'label' ? 'labels' : 'annotations';
  return {
    name,
    flags: [...PRINT_FLAGS(), F.filename(), F.recursive(), F.kustomize(), F.selector(), F.fieldSelector(), F.allNamespaces(), F.all(), F.overwrite(), F.local(), F.resourceVersion(), F.dryRun(), F.fieldManager(`kubectl-${name}`), { name: 'list', type: 'bool' }],
    run(env) {
      const f = env.flags;
      const resourceArgs: string[] = [];
      const changes: Record<string, string | null> = {};
      let seenChange = false;
      for (const a of f.positional) {
        if (a.includes('=') || (a.endsWith('-') && (seenChange || resourceArgs.length > 0) && !a.includes('/'))) {
          seenChange = true;
          if (a.endsWith('-') && !a.includes('=')) changes[a.slice(0, -1)] = null;
          else changes[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
        } else resourceArgs.push(a);
      }
      if (resourceArgs.length === 0) throw new KubectlError(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>`);
      if (Object.keys(changes).length === 0 && !f.bool('list')) throw new KubectlError(`error: at least one ${name === 'label' ? 'label' : 'annotation'} update is required`);
      const parsed = parseResourceArgs(env, resourceArgs);
      const targets: Array<{ mapping: Mapping; name: string; namespace: string }> = [];
      if (parsed.typesOnly) {
        if (!f.bool('all') && !f.str('selector') && !f.str('field-selector')) throw new KubectlError(`error: resource(s) were provided, but no name was specified`);
        for (const { mapping } of parsed.targets) {
          const q: Record<string, string> = {};
          if (f.str('selector')) q.labelSelector = f.str('selector');
          if (f.str('field-selector')) q.fieldSelector = f.str('field-selector');
          const list = env.call({ method: 'GET', path: collectionUrl(mapping.resource, mapping.resource.namespaced && !f.bool('all-namespaces') ? env.namespace : undefined), query: q });
          for (const o of list.items ?? []) targets.push({ mapping, name: o.metadata.name, namespace: o.metadata.namespace ?? '' });
        }
      } else for (const t of parsed.targets) targets.push({ mapping: t.mapping, name: t.name as string, namespace: env.namespace });
      const format = parseOutputFormat(f.str('output'));
      const dryRun = dryRunStrategy(env);
      for (const t of targets) {
        const path = objectUrl(t.mapping.resource, t.namespace, t.name);
        const live = env.call({ method: 'GET', path });
        const current: Record<string, string> = live.metadata?.[field] ?? {};
        if (f.bool('list')) {
          for (const k of Object.keys(current).sort()) env.println(`${k}=${current[k]}`);
          continue;
        }
        if (!f.bool('overwrite')) {
          for (const [k, v] of Object.entries(changes)) {
            if (v !== null && k in current && current[k] !== v) {
              throw new KubectlError(`error: '${k}' already has a value (${current[k]}), and --overwrite is false`);
            }
          }
        }
        const patchMeta: Obj = { [field]: changes };
        if (f.str('resource-version')) patchMeta.resourceVersion = f.str('resource-version');
        const unchanged = Object.entries(changes).every(([k, v]) => (v === null ? !(k in current) : current[k] === v));
        let result: Obj = live;
        if (dryRun !== 'client') {
          const query: Record<string, string> = { fieldManager: f.str('field-manager') };
          if (dryRun === 'server') query.dryRun = 'All';
          result = env.call({ method: 'PATCH', path, query, headers: { 'content-type': 'application/merge-patch+json' }, body: { metadata: patchMeta } });
        }
        if (format.kind !== 'table') {
          env.print(printObject(result, format));
          continue;
        }
        const verb = name === 'label' ? (unchanged ? 'not labeled' : 'labeled') : 'annotated';
        env.println(`${t.mapping.kindRef}/${t.name} ${verb}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`);
      }
    },
  };
}

export const labelCommand = metadataCommand('label');
export const annotateCommand = metadataCommand('annotate');
