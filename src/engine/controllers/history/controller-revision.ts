/**
 * ControllerRevisions: the immutable snapshots of a StatefulSet's or DaemonSet's pod template that let them roll
 * forward and back (pkg/controller/history). A revision's name is `<owner>-<hash>`, its `revision` number grows
 * monotonically, and old revisions beyond revisionHistoryLimit are pruned.
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import { NAME_SUFFIX_ALPHABET } from '../../apiserver/rest/object-meta';

/** history.ControllerRevisionHashLabel. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** FNV-1 (32-bit), as hash/fnv.New32. */
export function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8(s)) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ byte) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1a (32-bit), as hash/fnv.New32a. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8(s)) {
    h = (h ^ byte) >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** rand.SafeEncodeString: each character mapped into the vowel-free alphabet, so hashes never spell words. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_SUFFIX_ALPHABET[s.charCodeAt(i) % NAME_SUFFIX_ALPHABET.length];
  return out;
}

/** A stable JSON encoding (sorted keys), so equal objects hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * history.HashControllerRevision: FNV-32 over the revision's data (and the collision count, when set), safely
 * encoded. Go hashes a deep print of the object; the canonical JSON stands in for it.
 */
export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  let s = canonicalJson(data);
  if (collisionCount) s += `#${collisionCount}`;
  return safeEncodeString(String(fnv32(s)));
}

/** controller.ComputeHash (pod-template-hash / DaemonSet controller-revision-hash): FNV-32a of the template. */
export function computeTemplateHash(template: unknown, collisionCount?: number): string {
  let s = canonicalJson(template);
  if (collisionCount) s += `#${collisionCount}`;
  return safeEncodeString(String(fnv32a(s)));
}

/** history.ControllerRevisionName. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/**
 * The patch a revision stores (getPatch in both controllers): `{"spec":{"template":{…,"$patch":"replace"}}}`,
 * which replaces the owner's template when applied.
 */
export function templatePatch(template: unknown): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(structuredClone(template) as Record<string, unknown>), $patch: 'replace' } } };
}

/** history.NewControllerRevision. */
export function newControllerRevision(
  owner: { metadata?: ObjectMeta },
  ref: OwnerReference,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  name: string,
  hashLabel: Record<string, string>,
): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: owner.metadata?.namespace, labels: { ...(templateLabels ?? {}), ...hashLabel }, ownerReferences: [ref] },
    data: data as ControllerRevision['data'],
    revision,
  };
}

/** history.SortControllerRevisions: by revision, then creation, then name. */
export function sortRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort((a, b) => a.revision - b.revision || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

/** history.NextRevision: one more than the newest. */
export function nextRevision(revisions: ControllerRevision[]): number {
  return revisions.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
}

/** history.EqualRevision: same data (hash label first, as upstream, then the data itself). */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return canonicalJson(a.data) === canonicalJson(b.data);
}
