/**
 * Building a container's environment as kubelet's makeEnvironmentVariables does: Service links, envFrom, env with
 * ConfigMap/Secret keys, the downward API and resource fields. A missing ConfigMap, Secret or key that is not
 * optional fails with the exact error the kubelet reports as CreateContainerConfigError.
 */
import type { ConfigMap, Container, EnvVar, PersistentVolumeClaim, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { EnvVar as RuntimeEnvVar } from '../runtime/container';
import { parseMilli } from '../scheduler/util/quantity';

/** Reads one ConfigMap or Secret; undefined when it does not exist. */
export interface ConfigSource {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  /** The claim a PVC volume names (the kubelet mounts only bound claims). */
  persistentVolumeClaim?(namespace: string, name: string): PersistentVolumeClaim | undefined;
  secret(namespace: string, name: string): Secret | undefined;
  /** Services visible to the pod for enableServiceLinks (its namespace, plus `kubernetes` from default). */
  services(namespace: string): Service[];
}

export type EnvResult = { ok: true; env: RuntimeEnvVar[] } | { ok: false; message: string };

export interface PodFacts {
  podIP?: string;
  hostIP?: string;
  nodeName: string;
}

const decode = (b64: string): string => {
  try {
    return atob(b64);
  } catch {
    return b64;
  }
};

function secretData(s: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = decode(v);
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v;
  return out;
}

function configMapData(c: ConfigMap): Record<string, string> {
  const out: Record<string, string> = { ...(c.data ?? {}) };
  for (const [k, v] of Object.entries(c.binaryData ?? {})) out[k] = decode(v);
  return out;
}

export function buildEnvironment(pod: Pod, container: Container, source: ConfigSource, facts: PodFacts): EnvResult {
  const namespace = pod.metadata?.namespace ?? 'default';
  const env: RuntimeEnvVar[] = [];
  const set = (name: string, value: string) => {
    const i = env.findIndex((e) => e.name === name);
    if (i >= 0) env.splice(i, 1);
    env.push({ name, value });
  };
  for (const [name, value] of serviceEnv(source.services(namespace), namespace, pod.spec?.enableServiceLinks !== false)) set(name, value);
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = source.configMap(namespace, from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { ok: false, message: `configmap ${JSON.stringify(from.configMapRef.name ?? '')} not found` };
      }
      for (const [k, v] of Object.entries(configMapData(cm))) set(prefix + k, v);
    } else if (from.secretRef) {
      const s = source.secret(namespace, from.secretRef.name ?? '');
      if (!s) {
        if (from.secretRef.optional) continue;
        return { ok: false, message: `secret ${JSON.stringify(from.secretRef.name ?? '')} not found` };
      }
      for (const [k, v] of Object.entries(secretData(s))) set(prefix + k, v);
    }
  }
  for (const e of container.env ?? []) {
    const r = envValue(pod, container, e, source, facts, namespace);
    if (!r.ok) return r;
    if (r.value !== undefined) set(e.name, r.value);
  }
  return { ok: true, env };
}

function envValue(pod: Pod, container: Container, e: EnvVar, source: ConfigSource, facts: PodFacts, namespace: string): { ok: true; value?: string } | { ok: false; message: string } {
  const from = e.valueFrom;
  if (!from) return { ok: true, value: e.value ?? '' };
  if (from.configMapKeyRef) {
    const ref = from.configMapKeyRef;
    const cm = source.configMap(namespace, ref.name ?? '');
    if (!cm) return ref.optional ? { ok: true } : { ok: false, message: `configmap ${JSON.stringify(ref.name ?? '')} not found` };
    const data = configMapData(cm);
    if (!(ref.key in data)) return ref.optional ? { ok: true } : { ok: false, message: `couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name}` };
    return { ok: true, value: data[ref.key] };
  }
  if (from.secretKeyRef) {
    const ref = from.secretKeyRef;
    const s = source.secret(namespace, ref.name ?? '');
    if (!s) return ref.optional ? { ok: true } : { ok: false, message: `secret ${JSON.stringify(ref.name ?? '')} not found` };
    const data = secretData(s);
    if (!(ref.key in data)) return ref.optional ? { ok: true } : { ok: false, message: `couldn't find key ${ref.key} in Secret ${namespace}/${ref.name}` };
    return { ok: true, value: data[ref.key] };
  }
  if (from.fieldRef) return { ok: true, value: fieldValue(pod, from.fieldRef.fieldPath, facts) };
  if (from.resourceFieldRef) {
    const ref = from.resourceFieldRef;
    const target = ref.containerName ? (pod.spec?.containers ?? []).find((c) => c.name === ref.containerName) ?? container : container;
    return { ok: true, value: resourceValue(target, ref.resource, ref.divisor) };
  }
  return { ok: true, value: '' };
}

/** The downward API's fieldRef paths. */
export function fieldValue(pod: Pod, path: string, facts: PodFacts): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return facts.nodeName;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return facts.hostIP ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return facts.podIP ?? '';
    case 'metadata.labels':
      return formatMap(pod.metadata?.labels);
    case 'metadata.annotations':
      return formatMap(pod.metadata?.annotations);
  }
  return '';
}

function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify((m as Record<string, string>)[k])}`)
    .join('\n');
}

/** resourceFieldRef: limits default to the node's allocatable upstream; here unset limits read as 0 requests do. */
function resourceValue(c: Container, resource: string, divisor?: string | number): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string];
  const q = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name];
  const milli = parseMilli(q as string | undefined) || 0;
  const div = parseMilli((divisor as string | undefined) ?? (name === 'cpu' ? '1' : '1')) || 1000;
  return String(Math.ceil(milli / div));
}

/** Docker-link style variables for each Service (`WEB_SERVICE_HOST`, `WEB_PORT_80_TCP_ADDR` …). */
function serviceEnv(services: Service[], namespace: string, links: boolean): [string, string][] {
  const out: [string, string][] = [];
  const chosen = services.filter((s) => s.spec?.clusterIP && s.spec.clusterIP !== 'None' && (links ? true : s.metadata?.name === 'kubernetes' && s.metadata?.namespace === 'default'));
  // The master service comes from default even when the pod lives elsewhere; a namespace's own wins on conflict.
  for (const s of chosen.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))) {
    if (s.metadata?.namespace !== namespace && s.metadata?.name !== 'kubernetes') continue;
    const base = (s.metadata?.name ?? '').toUpperCase().replace(/-/g, '_');
    const ip = s.spec?.clusterIP as string;
    const ports = s.spec?.ports ?? [];
    if (ports.length === 0) continue;
    out.push([`${base}_SERVICE_HOST`, ip], [`${base}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports) if (p.name) out.push([`${base}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    const proto = (ports[0].protocol ?? 'TCP').toLowerCase();
    out.push([`${base}_PORT`, `${proto}://${ip}:${ports[0].port}`]);
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP').toLowerCase();
      const prefix = `${base}_PORT_${p.port}_${pr.toUpperCase()}`;
      out.push([prefix, `${pr}://${ip}:${p.port}`], [`${prefix}_PROTO`, pr], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
    }
  }
  return out;
}

export { configMapData, secretData };
