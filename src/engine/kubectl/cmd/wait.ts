/**
 * `kubectl wait --for=condition=Ready pod/x`, `--for=delete`, `--for=jsonpath='{.status.phase}'=Running`: checks
 * now, and otherwise watches until every object meets the condition or the timeout (default 30s, on the simulated
 * clock, through the watch's `timeoutSeconds`) passes — printing what k8s.io/kubectl/pkg/cmd/wait prints.
 */
import { F, type Command } from '../command';
import { collectionUrl, objectUrl, parseResourceArgs, type Mapping } from '../env';
import { KubectlError, StatusError, statusOf } from '../errors';
import { parseDuration } from '../flags';
import { evaluatePath, relaxedJsonPath } from '../jsonpath';
import { WatchStream } from '../watch';

type Obj = Record<string, any>;

type Condition =
  | { kind: 'condition'; type: string; status: string }
  | { kind: 'delete' }
  | { kind: 'jsonpath'; path: string; value?: string }
  | { kind: 'create' };

function parseFor(spec: string): Condition {
  if (spec === 'delete') return { kind: 'delete' };
  if (spec === 'create') return { kind: 'create' };
  if (spec.startsWith('condition=')) {
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    const type = eq < 0 ? rest : rest.slice(0, eq);
    const status = eq < 0 ? 'true' : rest.slice(eq + 1);
    if (!type) throw new KubectlError(`error: unrecognized condition: "${spec}"`);
    return { kind: 'condition', type, status: status.toLowerCase() };
  }
  if (spec.startsWith('jsonpath=')) {
    const rest = spec.slice('jsonpath='.length);
    // `{.status.phase}=Running`: the value follows the closing brace; without one, the path only has to exist.
    const close = rest.lastIndexOf('}');
    const path = close >= 0 ? rest.slice(0, close + 1) : rest;
    const after = close >= 0 ? rest.slice(close + 1) : '';
    if (after && !after.startsWith('=')) throw new KubectlError(`error: unrecognized condition: "${spec}"`);
    return { kind: 'jsonpath', path, value: after ? after.slice(1) : undefined };
  }
  throw new KubectlError(`error: unrecognized condition: "${spec}"`);
}

function met(cond: Condition, obj: Obj | undefined): boolean {
  if (cond.kind === 'delete') return obj === undefined;
  if (!obj) return false;
  if (cond.kind === 'create') return true;
  if (cond.kind === 'condition') {
    const c = (obj.status?.conditions ?? []).find((x: Obj) => String(x.type).toLowerCase() === cond.type.toLowerCase());
    if (!c) return false;
    // A condition about an older generation doesn't count (wait.go: observedGeneration).
    if (c.observedGeneration !== undefined && obj.metadata?.generation !== undefined && c.observedGeneration < obj.metadata.generation) return false;
    return String(c.status).toLowerCase() === cond.status;
  }
  let values: unknown[];
  try {
    values = evaluatePath(relaxedJsonPath(cond.path), obj as never) as unknown[];
  } catch {
    return false;
  }
  if (values.length === 0) return false;
  if (cond.value === undefined) return true;
  return values.some((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)) === cond.value);
}

export const waitCommand: Command = {
  name: 'wait',
  flags: [F.filename(), F.recursive(), F.kustomize(), F.selector(), F.fieldSelector(), F.allNamespaces(), F.all(), F.output(), { name: 'for', type: 'string' }, F.timeout('30s'), { name: 'local', type: 'bool' }],
  run(env) {
    const f = env.flags;
    const cond = parseFor(f.str('for'));
    const timeoutMs = parseDuration(f.str('timeout')) ?? 30_000;
    if (f.positional.length === 0) throw new KubectlError('error: resource(s) were provided, but no name was specified');
    const parsed = parseResourceArgs(env, f.positional);
    const targets: { mapping: Mapping; name: string; namespace: string }[] = [];
    for (const t of parsed.targets) {
      const r = t.mapping.resource;
      const ns = r.namespaced ? env.namespace : '';
      if (t.name !== undefined) {
        targets.push({ mapping: t.mapping, name: t.name, namespace: ns });
        continue;
      }
      if (!f.bool('all') && !f.str('selector') && !f.str('field-selector')) throw new KubectlError('error: resource(s) were provided, but no name was specified');
      const q: Record<string, string> = {};
      if (f.str('selector')) q.labelSelector = f.str('selector');
      if (f.str('field-selector')) q.fieldSelector = f.str('field-selector');
      const list = env.call({ method: 'GET', path: collectionUrl(r, r.namespaced && !f.bool('all-namespaces') ? ns : undefined), query: q });
      for (const o of list.items ?? []) targets.push({ mapping: t.mapping, name: o.metadata.name, namespace: o.metadata.namespace ?? '' });
    }
    if (targets.length === 0) throw new KubectlError('error: no matching resources found');
    const stream = new WatchStream();
    let pending = targets.length;
    const done = (t: (typeof targets)[number]) => {
      stream.write('stdout', `${t.mapping.kindRef}/${t.name} condition met\n`);
      if (--pending === 0) stream.finish(0);
    };
    const plural = (t: (typeof targets)[number]) => (t.mapping.resource.group ? `${t.mapping.resource.plural}.${t.mapping.resource.group}` : t.mapping.resource.plural);
    for (const t of targets) {
      const r = t.mapping.resource;
      const res = env.request({ method: 'GET', path: objectUrl(r, t.namespace, t.name) });
      if (res.status === 404 && cond.kind !== 'delete' && cond.kind !== 'create') throw new StatusError(statusOf(res));
      if (res.status >= 300 && res.status !== 404) throw new StatusError(statusOf(res));
      const current = res.status === 404 ? undefined : (res.body as Obj);
      if (met(cond, current)) {
        done(t);
        continue;
      }
      const q: Record<string, string> = { watch: 'true', fieldSelector: `metadata.name=${t.name}`, timeoutSeconds: String(Math.max(1, Math.ceil(timeoutMs / 1000))) };
      if (current?.metadata?.resourceVersion) q.resourceVersion = current.metadata.resourceVersion;
      let satisfied = false;
      const handle = env.ctx.api.watch(
        { method: 'GET', path: collectionUrl(r, t.namespace || undefined), query: q, client: 'kubectl' },
        (event) => {
          if (satisfied || event.type === 'BOOKMARK' || event.type === 'ERROR') return;
          const obj = event.type === 'DELETED' ? undefined : (event.object as Obj);
          if (met(cond, obj)) {
            satisfied = true;
            done(t);
          }
        },
        () => {
          if (satisfied || stream.finished) return;
          stream.write('stderr', `error: timed out waiting for the condition on ${plural(t)}/${t.name}\n`);
          stream.finish(1);
        },
      );
      if ('status' in handle) throw new StatusError(statusOf(handle));
      stream.onStop(() => handle.stop());
    }
    if (stream.finished) {
      env.print(stream.stdout);
      return;
    }
    env.watch = stream; // what was met already is in the stream, which a subscriber receives first
  },
};
