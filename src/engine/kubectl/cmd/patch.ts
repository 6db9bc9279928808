/** `kubectl patch` (strategic, merge or JSON patch) and `kubectl replace -f` (PUT, or delete + create with --force). */
import { parse as parseYaml } from 'yaml';
import { F, PRINT_FLAGS, dryRunStrategy, type Command } from '../command';
import { collectionUrl, objectUrl, parseResourceArgs, type Env } from '../env';
import { KubectlError, StatusError } from '../errors';
import { parseManifests } from '../manifest';
import { parseApiVersion } from '../../apiserver/registry';
import { parseOutputFormat, printObject } from '../output';
import { stripManagedFields } from './get';
import { finishWithErrors } from './apply';
import type { Status } from '../../apiserver/status';

type Obj = Record<string, any>;

const CONTENT_TYPES: Record<string, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

const dryRunSuffix = (d: string) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** The patch text as JSON: kubectl accepts YAML too (yaml.ToJSON). */
function patchBody(env: Env): unknown {
  const f = env.flags;
  let text = f.str('patch');
  if (f.str('patch-file')) text = env.readFile(f.str('patch-file'));
  if (!text) throw new KubectlError('error: must specify --patch or --patch-file containing the contents of the patch');
  // JSON goes to the server as written (its decoder answers for bad JSON, as with the real kubectl).
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new KubectlError(`error: unable to parse "${text}": ${(err as Error).message.split('\n')[0]}`);
  }
}

export const patchCommand: Command = {
  name: 'patch',
  flags: [
    ...PRINT_FLAGS(),
    F.filename(),
    F.recursive(),
    F.kustomize(),
    F.local(),
    F.dryRun(),
    F.fieldManager('kubectl-patch'),
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'subresource', type: 'string' },
    { name: 'record', type: 'bool' },
  ],
  run(env) {
    const f = env.flags;
    const type = f.str('type').toLowerCase();
    if (!CONTENT_TYPES[type]) throw new KubectlError(`error: --type must be one of [json merge strategic], not "${f.str('type')}"`);
    const body = patchBody(env);
    if (f.positional.length === 0) throw new KubectlError(NO_RESOURCES);
    const parsed = parseResourceArgs(env, f.positional);
    if (parsed.typesOnly) throw new KubectlError(`error: resource(s) were provided, but no name was specified`);
    const format = parseOutputFormat(f.str('output'));
    const dryRun = dryRunStrategy(env);
    const subresource = f.str('subresource') || undefined;
    for (const t of parsed.targets) {
      const r = t.mapping.resource;
      const ns = r.namespaced ? env.namespace : '';
      const path = objectUrl(r, ns, t.name as string, subresource);
      const before = env.call({ method: 'GET', path });
      let after: Obj = before;
      if (dryRun !== 'client') {
        const query: Record<string, string> = { fieldManager: f.str('field-manager') };
        if (dryRun === 'server') query.dryRun = 'All';
        after = env.call({ method: 'PATCH', path, query, headers: { 'content-type': CONTENT_TYPES[type] }, body });
      }
      if (format.kind !== 'table') {
        env.print(printObject(stripManagedFields(after), format));
        continue;
      }
      const changed = JSON.stringify(before) !== JSON.stringify(after);
      env.println(`${t.mapping.kindRef}/${t.name} patched${changed || dryRun === 'client' ? '' : ' (no change)'}${dryRunSuffix(dryRun)}`);
    }
  },
};

export const replaceCommand: Command = {
  name: 'replace',
  flags: [
    ...PRINT_FLAGS(),
    F.filename(),
    F.recursive(),
    F.kustomize(),
    F.dryRun(),
    F.validate(),
    F.saveConfig(),
    F.fieldManager('kubectl-replace'),
    { name: 'force', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'wait', type: 'bool' },
    { name: 'raw', type: 'string' },
    { name: 'subresource', type: 'string' },
  ],
  run(env) {
    const f = env.flags;
    if (f.list('filename').length === 0) throw new KubectlError(`error: must specify --filename to replace`);
    const format = parseOutputFormat(f.str('output'));
    const dryRun = dryRunStrategy(env);
    const errors: unknown[] = [];
    for (const name of f.list('filename')) {
      const source = name === '-' ? 'STDIN' : name;
      const parsed = parseManifests(env.readFile(name));
      if (!parsed.ok) {
        errors.push(new KubectlError(`error: error parsing ${source}: ${parsed.error.message}`));
        continue;
      }
      for (const { object } of parsed.objects) {
        const obj = object as Obj;
        const { group, version } = parseApiVersion(String(obj.apiVersion ?? ''));
        const r = env.ctx.registry.forKind(group, version, String(obj.kind ?? ''));
        if (!r) {
          errors.push(new KubectlError(`error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`));
          continue;
        }
        const ns = r.namespaced ? (obj.metadata?.namespace ?? env.namespace) : '';
        const objName = String(obj.metadata?.name ?? '');
        const ref = `${r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase()}/${objName}`;
        const fail = (res: { body: unknown }, verb: string) => {
          const status = res.body as Status;
          errors.push(new StatusError({ ...status, message: `error when ${verb} "${source}": ${status.message}` }));
        };
        if (dryRun === 'client') {
          env.println(`${ref} replaced (dry run)`);
          continue;
        }
        const query: Record<string, string> = { fieldManager: f.str('field-manager'), fieldValidation: 'Strict' };
        if (dryRun === 'server') query.dryRun = 'All';
        if (f.bool('force')) {
          const del = env.request({ method: 'DELETE', path: objectUrl(r, ns, objName), body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
          if (del.status >= 300 && del.status !== 404) {
            fail(del, 'deleting');
            continue;
          }
          if (del.status < 300) env.println(`${r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase()} "${objName}" deleted`);
          const { resourceVersion: _rv, ...meta } = obj.metadata ?? {};
          const created = env.request({ method: 'POST', path: collectionUrl(r, ns || undefined), query, headers: { 'content-type': 'application/json' }, body: { ...obj, metadata: meta } });
          if (created.status >= 300) fail(created, 'creating');
          else if (format.kind !== 'table') env.print(printObject(stripManagedFields(created.body as Obj), format));
          else env.println(`${ref} replaced${dryRunSuffix(dryRun)}`);
          continue;
        }
        // Replace overwrites: an object without a resourceVersion takes the live one (helper.Replace, overwrite).
        let body = obj;
        if (!obj.metadata?.resourceVersion) {
          const live = env.request({ method: 'GET', path: objectUrl(r, ns, objName) });
          if (live.status >= 300) {
            fail(live, 'replacing');
            continue;
          }
          body = { ...obj, metadata: { ...obj.metadata, resourceVersion: (live.body as Obj).metadata?.resourceVersion } };
        }
        const res = env.request({ method: 'PUT', path: objectUrl(r, ns, objName), query, headers: { 'content-type': 'application/json' }, body });
        env.printWarnings(res);
        if (res.status >= 300) fail(res, 'replacing');
        else if (format.kind !== 'table') env.print(printObject(stripManagedFields(res.body as Obj), format));
        else env.println(`${ref} replaced${dryRunSuffix(dryRun)}`);
      }
    }
    finishWithErrors(env, errors);
  },
};
