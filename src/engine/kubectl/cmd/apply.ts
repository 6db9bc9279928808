/** `kubectl apply -f` (client-side apply) and `kubectl create -f`. */
import { F, PRINT_FLAGS, dryRunStrategy, type Command } from '../command';
import { collectionUrl, type Env } from '../env';
import { KubectlError, messageForError, StatusError, checkErrMessage } from '../errors';
import { applyManifests } from '../apply';
import { parseManifests } from '../manifest';
import { parseApiVersion } from '../../apiserver/registry';
import { parseOutputFormat, printObject } from '../output';
import { stripManagedFields } from './get';
import type { Status } from '../../apiserver/status';

type Obj = Record<string, any>;

const dryRunSuffix = (d: string) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

function sources(env: Env): Array<{ source: string; text: string }> {
  return env.flags.list('filename').map((name) => ({ source: name === '-' ? 'STDIN' : name, text: env.readFile(name) }));
}

/** Prints errors the way CheckErr prints one error or an aggregate. */
export function finishWithErrors(env: Env, errors: unknown[]): void {
  if (errors.length === 0) return;
  if (errors.length === 1) env.warn(checkErrMessage(errors[0]));
  else for (const e of errors) env.warn(messageForError(e));
  throw new KubectlError('', 1);
}

export const applyCommand: Command = {
  name: 'apply',
  flags: [
    ...PRINT_FLAGS(),
    F.filename(),
    F.recursive(),
    F.kustomize(),
    F.dryRun(),
    F.selector(),
    F.validate(),
    F.fieldManager('kubectl-client-side-apply'),
    F.all(),
    F.overwrite(),
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'wait', type: 'bool' },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'openapi-patch', type: 'bool', default: true },
    { name: 'record', type: 'bool' },
  ],
  run(env) {
    if (env.flags.list('filename').length === 0) throw new KubectlError(`error: must specify one of -f and -k`);
    const dryRun = dryRunStrategy(env);
    const format = parseOutputFormat(env.flags.str('output'));
    const errors: unknown[] = [];
    for (const { source, text } of sources(env)) {
      const result = applyManifests(env.ctx.api, env.ctx.registry, text, {
        namespace: env.namespaceExplicit ? env.namespace : (env.ctx.namespace ?? undefined),
        source,
        dryRun: dryRun === 'none' ? undefined : dryRun,
        threeWayPatch: env.ctx.threeWayPatch,
      });
      if (result.error) {
        errors.push(new KubectlError(result.error));
        continue;
      }
      for (const o of result.outcomes) {
        if (o.status) errors.push(new StatusError(o.status));
        else if (o.error) errors.push(new KubectlError(o.error));
        else if (format.kind !== 'table' && o.object) env.print(printObject(stripManagedFields(o.object), format));
        else env.println(`${o.ref} ${o.action}${dryRunSuffix(dryRun)}`);
      }
    }
    finishWithErrors(env, errors);
  },
};

/** `kubectl create -f`: POST each object; `AlreadyExists` and friends as kubectl words them. */
export function createFromFiles(env: Env): void {
  const dryRun = dryRunStrategy(env);
  const format = parseOutputFormat(env.flags.str('output'));
  const errors: unknown[] = [];
  for (const { source, text } of sources(env)) {
    const parsed = parseManifests(text);
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
      const ns = r.namespaced ? (obj.metadata?.namespace ?? env.namespace) : undefined;
      if (r.namespaced && env.namespaceExplicit && obj.metadata?.namespace && obj.metadata.namespace !== env.namespace) {
        errors.push(new KubectlError(`error: the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${env.namespace}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.`));
        continue;
      }
      const ref = `${r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase()}/${obj.metadata?.name ?? ''}`;
      if (dryRun === 'client') {
        env.println(`${ref} created (dry run)`);
        continue;
      }
      const query: Record<string, string> = { fieldManager: 'kubectl-create', fieldValidation: 'Strict' };
      if (dryRun === 'server') query.dryRun = 'All';
      const res = env.request({ method: 'POST', path: collectionUrl(r, ns), query, headers: { 'content-type': 'application/json' }, body: obj });
      env.printWarnings(res);
      if (res.status >= 300) {
        const status = res.body as Obj;
        errors.push(new StatusError({ ...(status as object as Status), message: `error when creating "${source}": ${status.message}` }));
        continue;
      }
      if (format.kind !== 'table') env.print(printObject(stripManagedFields(res.body as Obj), format));
      else env.println(`${ref} created${dryRunSuffix(dryRun)}`);
    }
  }
  finishWithErrors(env, errors);
}
