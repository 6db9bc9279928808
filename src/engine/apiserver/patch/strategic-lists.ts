/**
 * List helpers of the strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch): finding items by merge
 * key, partitioning, deduplicating and ordering merged lists so that the patch's order wins over the live order.
 */
import { StrategicMergeError, ERR_NO_LIST_OF_LISTS } from './strategic-meta';
import { goFormat, goTypeName, isJsonObject, jsonType, type JsonObject } from './json-values';

export const DIRECTIVE_MARKER = '$patch';
export const DELETE_DIRECTIVE = 'delete';
export const REPLACE_DIRECTIVE = 'replace';
export const MERGE_DIRECTIVE = 'merge';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

export type ElementKind = 'map' | 'scalar';

export const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export const errBadArgType = (expected: string, actual: unknown) =>
  new StrategicMergeError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
export const errNoMergeKey = (m: JsonObject, key: string) =>
  new StrategicMergeError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);
export const errBadPatchType = (t: unknown, m: JsonObject) => new StrategicMergeError(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);

const MAP_TYPE = 'map[string]interface {}';

/** The kind shared by every item of the lists; lists of lists and mixed lists are refused. */
export function sliceElementKind(...slices: (unknown[] | undefined)[]): ElementKind {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s ?? []) {
      const t = jsonType(v);
      if (prev === undefined) {
        prev = t;
        if (t === 'array') throw ERR_NO_LIST_OF_LISTS();
      } else if (prev !== t) {
        throw new StrategicMergeError(`list element types are not identical: ${goFormat(slices.map((x) => x ?? []))}`);
      }
    }
  }
  if (prev === undefined) throw new StrategicMergeError('no elements in any of the given slices');
  return prev === 'object' ? 'map' : 'scalar';
}

/** Go's `%v` ordering of scalars (`sortScalars`), in place. */
export function sortScalars(s: unknown[]): unknown[] {
  return s.sort((a, b) => compareStrings(goFormat(a), goFormat(b)));
}

export const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Upstream's in-place deduplication, which swaps the last item into each duplicate's slot. */
export function deduplicateScalars(input: unknown[]): unknown[] {
  const s = [...input];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

export function findMapByKey(list: unknown[], key: string, value: unknown): { map: JsonObject; index: number } | undefined {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isJsonObject(v)) throw new StrategicMergeError(`value for key ${i} is not a map.`);
    if (hasOwn(v, key) && v[key] === value) return { map: v, index: i };
  }
  return undefined;
}

export function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isJsonObject(left)) throw errBadArgType(MAP_TYPE, left);
  if (!isJsonObject(right)) throw errBadArgType(MAP_TYPE, right);
  if (!hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** Index of `value` in `list`: by merge key value for maps, by identity for scalars. */
function indexIn(list: unknown[], value: unknown, mergeKey: string, kind: ElementKind): number {
  const keyOf = (item: unknown) => (kind === 'map' ? (isJsonObject(item) ? item[mergeKey] : undefined) : item);
  const wanted = keyOf(value);
  return list.findIndex((item) => keyOf(item) === wanted);
}

function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw errBadArgType(MAP_TYPE, item);
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** Splits a list of maps into the items to keep and those carrying `$patch: delete`. */
export function extractToDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const toDelete: unknown[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
    if (hasOwn(v, DIRECTIVE_MARKER) && v[DIRECTIVE_MARKER] === DELETE_DIRECTIVE) toDelete.push(v);
    else keep.push(v);
  }
  return [keep, toDelete];
}

/** Sorts `toSort` by the positions its items have in `order` (stable; deletions go last). */
export function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let items = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [items, toDelete] = extractToDeleteItems(toSort);
  }
  const less = (a: unknown, b: unknown) => {
    const ia = indexIn(order, a, mergeKey, kind);
    const ib = indexIn(order, b, mergeKey, kind);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  const sorted = [...items].sort((a, b) => (less(a, b) && !less(b, a) ? -1 : less(b, a) && !less(a, b) ? 1 : 0));
  return [...sorted, ...toDelete];
}

/**
 * Interleaves server-only items (`left`) into the patch's items (`right`), both already sorted, keeping each
 * side's relative order and using the live order where both sides are known to it.
 */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

/** Items present in `by` (the patch), and the others (server-only). */
export function partitionByPresence(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    let present: boolean;
    if (!mergeKey) present = by.includes(v);
    else {
      if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
      if (!hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      present = findMapByKey(by, mergeKey, v[mergeKey]) !== undefined;
    }
    (present ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}
