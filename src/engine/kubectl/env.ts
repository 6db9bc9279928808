/**
 * What every command runs with: the context the console gave, the parsed flags, the effective namespace, and
 * helpers to send kubectl's requests (always `client: 'kubectl'`) and to map type names to resources the way
 * kubectl's RESTMapper does.
 */
import type { ApiEndpoint, ApiRequest, ApiResponse } from '../apiserver/types';
import type { ResourceInfo, ResourceRegistry } from '../apiserver/registry';
import { KubectlError, StatusError, statusOf } from './errors';
import type { Flags } from './flags';
import type { KubectlWatch } from './watch';

type Obj = Record<string, any>;

export interface KubectlContext {
  api: ApiEndpoint;
  registry: ResourceRegistry;
  /** Epoch ms of the simulated "now", for AGE columns and timestamps kubectl computes itself. */
  nowMs: () => number;
  /** The kubeconfig context's namespace (default `default`). */
  namespace?: string;
  /** Named files `-f NAME` can read (the console's open editors). */
  files?: Record<string, string>;
  /** What `-f -` reads. */
  stdin?: string;
  /** Computes the three-way strategic merge patch client-side apply sends. */
  threeWayPatch: (gvk: { group: string; version: string; kind: string }, original: Obj | undefined, modified: Obj, current: Obj) => Obj;
  /** Server version `kubectl version` reports (default v1.32.0). */
  serverVersion?: string;
  /** Server URL for cluster-info / config view (default https://127.0.0.1:6443). */
  serverUrl?: string;
}

/** The marker `kubectl edit` returns: the UI opens `text` in its editor and applies the result. */
export interface KubectlEdit {
  /** `deployment.apps/web` */
  ref: string;
  resource: { group: string; version: string; plural: string; namespaced: boolean };
  namespace: string;
  name: string;
  /** The live object as YAML, as kubectl's editor buffer shows it. */
  text: string;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** For `-w`, `logs -f`, `rollout status`: a stream that keeps writing until stopped or finished. */
  watch?: KubectlWatch;
  edit?: KubectlEdit;
}

export const KUBECTL_CLIENT = 'kubectl';
export const CLIENT_VERSION = 'v1.32.0';
export const KUSTOMIZE_VERSION = 'v5.5.0';

export class Env {
  readonly out: string[] = [];
  readonly err: string[] = [];
  watch?: KubectlWatch;
  edit?: KubectlEdit;

  constructor(
    readonly ctx: KubectlContext,
    readonly flags: Flags,
    /** `kubectl get`, for usage hints. */
    readonly commandPath: string,
  ) {}

  get namespace(): string {
    return this.flags.str('namespace') || this.ctx.namespace || 'default';
  }

  get namespaceExplicit(): boolean {
    return this.flags.changed('namespace');
  }

  print(text: string): void {
    this.out.push(text);
  }

  println(line = ''): void {
    this.out.push(line + '\n');
  }

  warn(line: string): void {
    this.err.push(line.endsWith('\n') ? line : line + '\n');
  }

  request(req: Omit<ApiRequest, 'client'>): ApiResponse {
    return this.ctx.api.request({ ...req, client: KUBECTL_CLIENT });
  }

  /** Sends a request and returns the body, or throws the server's Status. */
  call<T = Obj>(req: Omit<ApiRequest, 'client'>): T {
    const res = this.request(req);
    this.printWarnings(res);
    if (res.status >= 300) throw new StatusError(statusOf(res));
    return res.body as T;
  }

  /** Server warnings (the Warning header) print as `Warning: …` on stderr. */
  printWarnings(res: ApiResponse): void {
    const w = res.headers?.warning ?? res.headers?.Warning;
    if (!w) return;
    for (const part of w.split(/,(?=\s*299 )/)) {
      const m = /^\s*299 - "(.*)"\s*$/.exec(part);
      this.warn(`Warning: ${m ? m[1].replace(/\\"/g, '"') : part.trim()}`);
    }
  }

  usageError(message: string): KubectlError {
    return new KubectlError(`error: ${message}\nSee '${this.commandPath} -h' for help and examples`);
  }

  /** Reads `-f` sources: a named file, or `-` for stdin. */
  readFile(name: string): string {
    if (name === '-') return this.ctx.stdin ?? '';
    const text = this.ctx.files?.[name];
    if (text === undefined) throw new KubectlError(`error: the path "${name}" does not exist`);
    return text;
  }
}

/** A resource type as the user named it, resolved. */
export interface Mapping {
  resource: ResourceInfo;
  /** `deployment.apps`, `pod` — kubectl's kind prefix for `-o name` and multi-kind tables. */
  kindRef: string;
}

export function mappingFor(r: ResourceInfo): Mapping {
  return { resource: r, kindRef: r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase() };
}

/** Resolves `pods`, `po`, `Pod`, `deployments.apps`, `deployments.v1.apps`, `deploy` like the RESTMapper. */
export function resolveType(registry: ResourceRegistry, typeName: string): Mapping {
  const lower = typeName.toLowerCase();
  const parts = lower.split('.');
  const candidates: ResourceInfo[] = [];
  const all = registry.list();
  const matchesName = (r: ResourceInfo, n: string) => r.plural === n || r.singular === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n;
  // resource.version.group
  if (parts.length >= 3) {
    const [name, version, ...group] = parts;
    candidates.push(...all.filter((r) => matchesName(r, name) && r.version === version && r.group === group.join('.')));
  }
  if (candidates.length === 0 && parts.length >= 2) {
    const [name, ...group] = parts;
    const g = group.join('.');
    candidates.push(...all.filter((r) => matchesName(r, name) && (r.group === g || r.group.startsWith(g + '.'))));
  }
  if (candidates.length === 0) candidates.push(...all.filter((r) => matchesName(r, lower)));
  if (candidates.length === 0) throw new KubectlError(`error: the server doesn't have a resource type "${typeName}"`);
  const groupOrder = [...registry.groups().keys()];
  candidates.sort(
    (a, b) =>
      (a.group === '' ? -1 : 0) - (b.group === '' ? -1 : 0) ||
      groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group) ||
      (a.version === a.storageVersion ? -1 : 0) - (b.version === b.storageVersion ? -1 : 0),
  );
  return mappingFor(candidates[0]);
}

/** Resources in a category (`all`), in discovery order, preferred versions only. */
export function categoryMembers(registry: ResourceRegistry, category: string): Mapping[] {
  const seen = new Set<string>();
  const out: Mapping[] = [];
  for (const r of registry.list()) {
    if (!r.categories.includes(category) || r.version !== r.storageVersion) continue;
    const key = `${r.group}/${r.plural}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mappingFor(r));
  }
  return out;
}

export function collectionUrl(r: ResourceInfo, namespace: string | undefined): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${namespace}/${r.plural}` : `${base}/${r.plural}`;
}

export function objectUrl(r: ResourceInfo, namespace: string, name: string, subresource?: string): string {
  return `${collectionUrl(r, r.namespaced ? namespace : undefined)}/${name}${subresource ? '/' + subresource : ''}`;
}

/** One target of a command: a type with an optional name. */
export interface ResourceArg {
  mapping: Mapping;
  name?: string;
}

/**
 * Splits positional arguments as the resource builder does: `TYPE`, `TYPE NAME…`, `TYPE1,TYPE2 NAME…` or
 * `TYPE/NAME…`. Categories (`all`) expand to their members.
 */
export function parseResourceArgs(env: Env, args: string[]): { targets: ResourceArg[]; typesOnly: boolean; multipleKinds: boolean } {
  if (args.length === 0) return { targets: [], typesOnly: false, multipleKinds: false };
  const slash = args.filter((a) => a.includes('/'));
  if (slash.length > 0) {
    if (slash.length !== args.length) {
      throw new KubectlError(
        `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${env.commandPath} resource/<resource_name>' instead of '${env.commandPath} resource resource/<resource_name>'`,
      );
    }
    const targets = args.map((a) => {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name) throw new KubectlError(`error: arguments in resource/name form must have a single resource and name`);
      return { mapping: resolveType(env.ctx.registry, type), name };
    });
    const kinds = new Set(targets.map((t) => t.mapping.kindRef));
    return { targets, typesOnly: false, multipleKinds: kinds.size > 1 };
  }
  const [types, ...names] = args;
  const mappings: Mapping[] = [];
  for (const t of types.split(',').filter(Boolean)) {
    const members = categoryMembers(env.ctx.registry, t.toLowerCase());
    if (members.length > 0 && !tryResolve(env, t)) mappings.push(...members);
    else mappings.push(resolveType(env.ctx.registry, t));
  }
  const multipleKinds = new Set(mappings.map((m) => m.kindRef)).size > 1;
  if (names.length === 0) return { targets: mappings.map((mapping) => ({ mapping })), typesOnly: true, multipleKinds };
  const targets: ResourceArg[] = [];
  for (const mapping of mappings) for (const name of names) targets.push({ mapping, name });
  return { targets, typesOnly: false, multipleKinds };
}

function tryResolve(env: Env, t: string): Mapping | undefined {
  try {
    return resolveType(env.ctx.registry, t);
  } catch {
    return undefined;
  }
}

/** The object's own `kind.group/name` reference. */
export function refOf(m: Mapping, name: string): string {
  return `${m.kindRef}/${name}`;
}
