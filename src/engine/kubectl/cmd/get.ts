/**
 * `kubectl get`: tables from the server (or built client-side), `-o yaml|json|name|jsonpath|custom-columns`
 * over full objects, `-w` as a live stream, and kubectl's "No resources found" and error wording.
 */
import type { Table } from '../../apiserver/printers';
import type { WatchEvent } from '../../apiserver/types';
import { F, PRINT_FLAGS, type Command } from '../command';
import { collectionUrl, mappingFor, objectUrl, parseResourceArgs, resolveType, type Env, type Mapping, type ResourceArg } from '../env';
import { KubectlError, messageForError, StatusError, statusOf } from '../errors';
import { evaluatePath } from '../jsonpath';
import { parseManifests } from '../manifest';
import { customColumns, parseOutputFormat, printObject, type OutputFormat } from '../output';
import { decorateTable, tableLines, type TablePrintOptions } from '../table-printer';
import { asTable, isTable, requestTable, TABLE_ACCEPT } from '../table-request';
import { TabWriter } from '../tabwriter';
import { WatchStream } from '../watch';
import { parseApiVersion } from '../../apiserver/registry';

type Obj = Record<string, any>;

export const getCommand: Command = {
  name: 'get',
  flags: [
    ...PRINT_FLAGS(),
    F.selector(),
    F.fieldSelector(),
    F.allNamespaces(),
    F.filename(),
    F.recursive(),
    F.kustomize(),
    F.watch(),
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'stringSlice' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'raw', type: 'string' },
    { name: 'server-print', type: 'bool', default: true },
    { name: 'subresource', type: 'string' },
  ],
  run: runGet,
};

/** One request's worth of targets: a type listed, or named objects of one type. */
interface Target extends ResourceArg {
  namespace?: string;
}

function targetsFromFiles(env: Env): Target[] {
  const targets: Target[] = [];
  for (const file of env.flags.list('filename')) {
    const parsed = parseManifests(env.readFile(file));
    if (!parsed.ok) throw new KubectlError(`error: error parsing ${file === '-' ? 'STDIN' : file}: ${parsed.error.message}`);
    for (const { object } of parsed.objects) {
      const { group, version } = parseApiVersion(String(object.apiVersion ?? ''));
      const known = env.ctx.registry.forKind(group, version, String(object.kind));
      const mapping = known ? mappingFor(known) : resolveType(env.ctx.registry, String(object.kind));
      const meta = (object.metadata ?? {}) as Obj;
      targets.push({ mapping, name: meta.name, namespace: meta.namespace });
    }
  }
  return targets;
}

function runGet(env: Env): void {
  const f = env.flags;
  if (f.changed('raw')) return rawGet(env);
  const format = parseOutputFormat(f.str('output'));
  if (f.changed('template') && format.kind === 'table') throw new KubectlError('error: go templates are not supported in Pilothouse');
  const allNs = f.bool('all-namespaces');
  let targets: Target[];
  let multipleKinds: boolean;
  let typesOnly = false;
  if (f.list('filename').length > 0) {
    targets = targetsFromFiles(env);
    multipleKinds = new Set(targets.map((t) => t.mapping.kindRef)).size > 1;
  } else {
    if (env.flags.positional.length === 0) {
      throw new KubectlError(
        `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n` +
          `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
      );
    }
    const parsed = parseResourceArgs(env, env.flags.positional);
    targets = parsed.targets;
    multipleKinds = parsed.multipleKinds;
    typesOnly = parsed.typesOnly;
  }
  if (!typesOnly && f.str('selector')) throw new KubectlError('error: name cannot be provided when a selector is specified');
  const namespaceOf = (t: Target): string | undefined => {
    if (!t.mapping.resource.namespaced) return undefined;
    if (t.name === undefined && allNs) return undefined;
    return t.namespace ?? env.namespace;
  };
  const query = { labelSelector: f.str('selector') || undefined, fieldSelector: f.str('field-selector') || undefined };
  const errors: unknown[] = [];
  const ignoreNotFound = f.bool('ignore-not-found');
  const showKind = multipleKinds || f.bool('show-kind');
  const allNamespaced = !allNs && targets.every((t) => t.mapping.resource.namespaced);

  if (format.kind === 'table') {
    const sortBy = f.str('sort-by');
    const groups: Array<{ mapping: Mapping; table: Table }> = [];
    for (const t of targets) {
      try {
        const table = requestTable(env, t.mapping, { ...query, namespace: namespaceOf(t), name: t.name, includeObject: sortBy ? 'Object' : undefined });
        const last = groups[groups.length - 1];
        if (last && last.mapping.kindRef === t.mapping.kindRef) last.table = { ...last.table, rows: [...last.table.rows, ...table.rows] };
        else groups.push({ mapping: t.mapping, table });
      } catch (e) {
        if (ignoreNotFound && e instanceof StatusError && e.status.code === 404) continue;
        errors.push(e);
      }
    }
    const w = new TabWriter();
    let written = 0;
    for (const g of groups) {
      if (sortBy) g.table = sortTable(g.table, sortBy);
      const opts: TablePrintOptions = {
        wide: format.wide,
        withNamespace: allNs && g.mapping.resource.namespaced,
        kindRef: showKind ? g.mapping.kindRef : undefined,
        showLabels: f.bool('show-labels'),
        columnLabels: f.list('label-columns'),
      };
      const lines = tableLines(decorateTable(g.table, opts), { noHeaders: f.bool('no-headers') });
      if (!lines) continue;
      const text = w.flush();
      if (text) env.print(text);
      w.resetRememberedWidths();
      if (written > 0 && !f.bool('no-headers')) env.print('\n');
      w.write(lines);
      written++;
    }
    const rest = w.flush();
    if (rest) env.print(rest);
    for (const e of errors) env.warn(messageForError(e));
    if (written === 0 && errors.length === 0 && !ignoreNotFound && !f.bool('watch') && !f.bool('watch-only')) {
      env.warn(allNamespaced ? `No resources found in ${env.namespace} namespace.` : 'No resources found');
    }
    if (errors.length > 0) throw new KubectlError('', 1);
    if (f.bool('watch') || f.bool('watch-only')) startWatch(env, targets, format, query, namespaceOf, showKind, groups);
    return;
  }

  // Full objects for yaml/json/name/jsonpath/custom-columns.
  const objects: Obj[] = [];
  let singleItem = !typesOnly && targets.length === 1;
  for (const t of targets) {
    try {
      const r = t.mapping.resource;
      if (t.name !== undefined) {
        objects.push(env.call({ method: 'GET', path: objectUrl(r, namespaceOf(t) ?? '', t.name), headers: { accept: 'application/json' } }));
      } else {
        const q: Record<string, string> = { limit: '500' };
        if (query.labelSelector) q.labelSelector = query.labelSelector;
        if (query.fieldSelector) q.fieldSelector = query.fieldSelector;
        const list = env.call({ method: 'GET', path: collectionUrl(r, namespaceOf(t)), query: q, headers: { accept: 'application/json' } });
        for (const item of (list.items as Obj[]) ?? []) objects.push({ apiVersion: list.apiVersion, kind: r.kind, ...item });
        singleItem = false;
      }
    } catch (e) {
      if (ignoreNotFound && e instanceof StatusError && e.status.code === 404) continue;
      errors.push(e);
    }
  }
  const cleaned = objects.map((o) => (f.bool('show-managed-fields') ? o : stripManagedFields(o)));
  const sortBy = f.str('sort-by');
  const sorted = sortBy ? sortObjects(cleaned, sortBy) : cleaned;
  if (!(errors.length > 0 && sorted.length === 0)) {
    const kindRefOf = (o: Obj) => {
      const { group } = parseApiVersion(String(o.apiVersion ?? ''));
      return group ? `${String(o.kind).toLowerCase()}.${group}` : String(o.kind).toLowerCase();
    };
    if (format.kind === 'custom-columns') env.print(customColumns(format.spec, sorted, f.bool('no-headers')));
    else if (singleItem && sorted.length === 1) env.print(printObject(sorted[0], format, kindRefOf));
    else env.print(printObject({ apiVersion: 'v1', items: sorted, kind: 'List', metadata: { resourceVersion: '' } }, format, kindRefOf));
  }
  for (const e of errors) env.warn(messageForError(e));
  if (errors.length > 0) throw new KubectlError('', 1);
}

export function stripManagedFields(o: Obj): Obj {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _drop, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** `--raw /path`: the body as the server sent it. */
function rawGet(env: Env): void {
  const raw = env.flags.str('raw');
  const [path, qs] = raw.split('?');
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(qs ?? '')) query[k] = v;
  const res = env.request({ method: 'GET', path, query });
  if (res.status >= 300) throw new StatusError(statusOf(res));
  env.print(typeof res.body === 'string' ? res.body : JSON.stringify(res.body) + '\n');
}

function sortKey(v: unknown): number | string {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const q = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(v);
    if (q) {
      const mult: Record<string, number> = { m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
      return parseFloat(q[1]) * (q[2] ? mult[q[2]] : 1);
    }
  }
  return String(v ?? '');
}

function compareValues(a: unknown, b: unknown): number {
  const x = sortKey(a);
  const y = sortKey(b);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

function sortObjects(objects: Obj[], sortBy: string): Obj[] {
  return [...objects].sort((a, b) => compareValues(evaluatePath(sortBy, a)[0], evaluatePath(sortBy, b)[0]));
}

function sortTable(table: Table, sortBy: string): Table {
  const rows = [...table.rows].sort((a, b) => compareValues(evaluatePath(sortBy, a.object)[0], evaluatePath(sortBy, b.object)[0]));
  return { ...table, rows };
}

/** `get -w`: after the first listing, each watch event prints its row (headers once, widths remembered). */
function startWatch(
  env: Env,
  targets: Target[],
  format: OutputFormat,
  query: { labelSelector?: string; fieldSelector?: string },
  namespaceOf: (t: Target) => string | undefined,
  showKind: boolean,
  groups: Array<{ mapping: Mapping; table: Table }>,
): void {
  if (targets.length !== 1 && new Set(targets.map((t) => t.mapping.kindRef)).size > 1) {
    throw new KubectlError('error: you may only specify a single resource type');
  }
  const t = targets[0];
  const r = t.mapping.resource;
  const stream = new WatchStream();
  const w = new TabWriter();
  const f = env.flags;
  let printedHeader = groups.length > 0 && groups[0].table.rows.length > 0 && !f.bool('watch-only');
  const rv = groups[0]?.table.metadata.resourceVersion ?? '';
  const q: Record<string, string> = { watch: 'true' };
  if (rv && !f.bool('watch-only')) q.resourceVersion = rv;
  if (query.labelSelector) q.labelSelector = query.labelSelector;
  const fields = [query.fieldSelector, t.name !== undefined ? `metadata.name=${t.name}` : undefined].filter(Boolean).join(',');
  if (fields) q.fieldSelector = fields;
  const allNs = f.bool('all-namespaces') && r.namespaced && t.name === undefined;
  const handle = env.ctx.api.watch(
    { method: 'GET', path: collectionUrl(r, namespaceOf(t)), query: q, headers: { accept: format.kind === 'table' ? TABLE_ACCEPT : 'application/json' }, client: 'kubectl' },
    (event: WatchEvent) => {
      if (event.type === 'BOOKMARK') return;
      if (event.type === 'ERROR') {
        stream.write('stderr', messageForError(new StatusError(event.object as never)) + '\n');
        stream.finish(1);
        return;
      }
      const body = event.object;
      const table = isTable(body) ? body : asTable(t.mapping, body, env.ctx.nowMs());
      const columns = table.columnDefinitions.length > 0 ? table.columnDefinitions : (groups[0]?.table.columnDefinitions ?? asTable(t.mapping, { items: [] }, 0).columnDefinitions);
      const printed = decorateTable({ ...table, columnDefinitions: columns }, {
        wide: format.kind === 'table' && format.wide,
        withNamespace: allNs,
        kindRef: showKind ? t.mapping.kindRef : undefined,
        showLabels: f.bool('show-labels'),
        columnLabels: f.list('label-columns'),
      });
      if (f.bool('output-watch-events')) {
        printed.header.unshift('EVENT');
        for (const row of printed.rows) row.unshift(event.type);
      }
      let text = tableLines(printed, { noHeaders: printedHeader || f.bool('no-headers') });
      if (!printedHeader && !f.bool('no-headers')) printedHeader = true;
      if (!text) return;
      w.write(text);
      text = w.flush();
      stream.write('stdout', text);
    },
    () => stream.finish(0),
  );
  if ('status' in handle) throw new StatusError(statusOf(handle));
  stream.onStop(() => handle.stop());
  env.watch = stream;
}
