/**
 * `-o` formats other than tables: yaml, json, name, jsonpath, jsonpath-as-json, custom-columns — with kubectl's
 * wording for unknown formats and template errors.
 */
import { KubectlError } from './errors';
import { evaluatePath, executeJsonPath, executeJsonPathAsJson, JsonPathError, parseJsonPath, relaxedJsonPath } from './jsonpath';
import { tabulate } from './tabwriter';
import { toJson, toYaml } from './yaml-output';

type Obj = Record<string, any>;

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'custom-columns'; spec: string };

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutputFormat(value: string, allowed = ALLOWED): OutputFormat {
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  switch (name) {
    case '':
      return { kind: 'table', wide: false };
    case 'wide':
      return { kind: 'table', wide: true };
    case 'yaml':
      return { kind: 'yaml' };
    case 'json':
      return { kind: 'json' };
    case 'name':
      return { kind: 'name' };
    case 'jsonpath':
    case 'jsonpath-as-json':
      if (!arg) throw new KubectlError('error: template format specified but no template given');
      return { kind: 'jsonpath', template: arg, asJson: name === 'jsonpath-as-json' };
    case 'custom-columns':
      if (!arg) throw new KubectlError('error: custom-columns format specified but no custom columns given');
      return { kind: 'custom-columns', spec: arg };
    default:
      throw new KubectlError(`error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowed}`);
  }
}

/** Prints one object (or a List) in a non-table format. */
export function printObject(obj: Obj, format: OutputFormat, kindRef?: (o: Obj) => string): string {
  switch (format.kind) {
    case 'yaml':
      return toYaml(obj);
    case 'json':
      return toJson(obj);
    case 'name': {
      const items: Obj[] = Array.isArray(obj.items) && obj.kind === 'List' ? obj.items : [obj];
      return items.map((o) => `${kindRef ? kindRef(o) : String(o.kind).toLowerCase()}/${o.metadata?.name}\n`).join('');
    }
    case 'jsonpath': {
      try {
        const segments = parseJsonPath(format.template);
        return format.asJson ? executeJsonPathAsJson(segments, obj) : executeJsonPath(segments, obj);
      } catch (e) {
        if (e instanceof JsonPathError) throw new KubectlError(`error: error parsing jsonpath ${format.template}, ${e.message}`);
        throw e;
      }
    }
    case 'custom-columns':
      return customColumns(format.spec, Array.isArray(obj.items) && obj.kind === 'List' ? obj.items : [obj], false);
    case 'table':
      throw new Error('tables print through the table printer');
  }
}

/** `-o custom-columns=HEADER:.path,…` over full objects. */
export function customColumns(spec: string, objects: Obj[], noHeaders: boolean): string {
  const columns = spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new KubectlError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), path: relaxedJsonPath(part.slice(i + 1)) };
  });
  let text = noHeaders ? '' : columns.map((c) => c.header).join('\t') + '\n';
  for (const obj of objects) {
    const cells = columns.map((c) => {
      const values = evaluatePath(c.path, obj);
      if (values.length === 0 || (values.length === 1 && values[0] === undefined)) return '<none>';
      return values.map(goFmt).join(',');
    });
    text += cells.join('\t') + '\n';
  }
  return tabulate(text);
}

/** fmt.Sprintf("%v") of a decoded JSON value: maps as `map[k:v]`, slices as `[a b]`. */
export function goFmt(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[' + v.map(goFmt).join(' ') + ']';
  if (typeof v === 'object') {
    const m = v as Obj;
    return 'map[' + Object.keys(m).sort().map((k) => `${k}:${goFmt(m[k])}`).join(' ') + ']';
  }
  return String(v);
}
