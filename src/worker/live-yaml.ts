/**
 * The live counterparts of a YAML file's objects, as YAML, for the editor's diff: the stored object without the
 * fields the server owns (managedFields, status, uid …) so the diff shows what applying would change.
 */
import { stringify } from 'yaml';
import type { ApiEndpoint } from '../engine/apiserver/types';
import type { ResourceRegistry } from '../engine/apiserver/registry';
import { objectPath } from '../engine/kubectl/apply';
import { parseManifests } from '../engine/kubectl/manifest';

type Obj = Record<string, any>;

const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function liveYaml(api: ApiEndpoint, registry: ResourceRegistry, text: string, namespace = 'default'): string {
  const parsed = parseManifests(text);
  if (!parsed.ok) return `# the file does not parse: ${parsed.error.message}\n`;
  const docs = parsed.objects.map(({ object }) => {
    const o = object as Obj;
    const [group, version] = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/') : ['', String(o.apiVersion ?? '')];
    const r = registry.forKind(group, version, String(o.kind ?? ''));
    const name = o.metadata?.name;
    const label = `${String(o.kind ?? '?').toLowerCase()}/${name ?? '?'}`;
    if (!r || !name) return `# ${label}: unknown kind or no name\n`;
    const res = api.request({ method: 'GET', path: objectPath(r, r.namespaced ? (o.metadata?.namespace ?? namespace) : '', name) });
    if (res.status !== 200) return `# ${label}: not in the cluster (apply would create it)\n`;
    return stringify(withoutServerFields(res.body as Obj));
  });
  return docs.join('---\n');
}

export function withoutServerFields(obj: Obj): Obj {
  const copy = structuredClone(obj);
  delete copy.status;
  for (const k of SERVER_METADATA) delete copy.metadata?.[k];
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  return copy;
}
