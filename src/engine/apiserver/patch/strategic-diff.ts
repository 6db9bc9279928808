/**
 * Creating strategic merge patches on the client side, as kubectl does (strategicpatch.CreateTwoWayMergePatch and
 * CreateThreeWayMergePatch): the diff of two objects expressed with the same directives the apiserver applies —
 * `null` for removed map keys, `$patch: delete` items for removed merge-list items, `$deleteFromPrimitiveList`
 * for removed scalars of merge lists, `$setElementOrder` for merge lists, `$retainKeys` for retainKeys fields.
 * Patch metadata is read from OpenAPI as kubectl reads it. Inputs are never mutated; keys come out sorted, as
 * Go's json.Marshal writes them.
 */
import type { Schema } from '../openapi/schema';
import { createJsonMergePatch, createThreeWayJsonMergePatch } from './json-merge-patch';
import { deepCopy, deepEqual, goFormat, isJsonObject, jsonType, sortKeysDeep, type JsonObject } from './json-values';
import { StrategicMergeError, extractRetainKeysStrategy, lookupPatchMeta, type FieldPatchMeta, type SmpType } from './strategic-meta';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  DELETE_DIRECTIVE,
  MERGE_DIRECTIVE,
  REPLACE_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  compareStrings,
  deduplicateScalars,
  errBadArgType,
  errNoMergeKey,
  hasOwn,
  mergeKeyValueEqual,
  normalizeSliceOrder,
  sliceElementKind,
  sortScalars,
} from './strategic-lists';
import { mergeMap } from './strategic-merge';

interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

/** The strategic merge patch that turns `original` into `modified`. */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, schema: Schema | undefined): JsonObject {
  return sortKeysDeep(diffMaps(deepCopy(original), deepCopy(modified), schema, { setElementOrder: true }));
}

/**
 * What `kubectl apply` sends: the changes from the live object (`current`) to the file (`modified`) without
 * deletions, plus the deletions from the last-applied configuration (`original`) to the file. Fields the file
 * never managed (status, replicas after `kubectl scale` when the file omits them) are left alone. `{}` when
 * nothing changes. Conflicts are not checked: kubectl applies with overwrite.
 */
export function createThreeWayMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject, schema: Schema | undefined): JsonObject {
  const delta = diffMaps(deepCopy(current), deepCopy(modified), schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(deepCopy(original), deepCopy(modified), schema, { setElementOrder: true, ignoreChangesAndAdditions: true });
  const patch = mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false, lenient: true });
  return sortKeysDeep(patch);
}

/**
 * The patch `kubectl apply` sends and its content type: strategic for built-in kinds, a JSON merge patch for
 * kinds without a schema (custom resources).
 */
export function createApplyPatch(
  lastApplied: JsonObject,
  modified: JsonObject,
  current: JsonObject,
  schema: Schema | undefined,
): { type: 'strategic' | 'merge'; patch: JsonObject } {
  if (schema) return { type: 'strategic', patch: createThreeWayMergePatch(lastApplied, modified, current, schema) };
  return { type: 'merge', patch: sortKeysDeep(createThreeWayJsonMergePatch(lastApplied, modified, current)) };
}

/** Two-way patch for either kind of schema (strategic with a schema, JSON merge otherwise). */
export function createPatch(original: JsonObject, modified: JsonObject, schema: Schema | undefined): { type: 'strategic' | 'merge'; patch: JsonObject } {
  if (schema) return { type: 'strategic', patch: createTwoWayMergePatch(original, modified, schema) };
  return { type: 'merge', patch: sortKeysDeep(createJsonMergePatch(original, modified)) };
}

/** Metadata lookup where a failure only matters if the values differ. */
function lookupOrSkip(t: SmpType, key: string, a: unknown, b: unknown): FieldPatchMeta | undefined {
  try {
    return lookupPatchMeta(t, key, true);
  } catch (err) {
    if (deepEqual(a, b)) return undefined;
    throw err;
  }
}

function diffMaps(original: JsonObject, modified: JsonObject, t: SmpType, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: unknown[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE_MARKER) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') {
        throw new StrategicMergeError(`invalid value for special key: ${DIRECTIVE_MARKER}`);
      }
      if (originalValue !== modifiedValue) patch[DIRECTIVE_MARKER] = modifiedValue;
      continue;
    }
    if (jsonType(originalValue) !== jsonType(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isJsonObject(originalValue)) handleMapDiff(key, originalValue, modifiedValue as JsonObject, patch, t, options);
    else if (Array.isArray(originalValue)) handleSliceDiff(key, originalValue, modifiedValue as unknown[], patch, t, options);
    else replaceIfNotEqual(key, originalValue, modifiedValue, patch, options);
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasOwn(modified, key)) patch[key] = null;
  }
  // The retained keys are sent whenever something changes or the original holds fields to clear.
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeys);
  }
  return patch;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !hasOwn(modified, k));
}

function replaceIfNotEqual(key: string, original: unknown, modified: unknown, patch: JsonObject, options: DiffOptions): void {
  if (options.ignoreChangesAndAdditions || deepEqual(original, modified)) return;
  patch[key] = modified;
}

function handleMapDiff(key: string, original: JsonObject, modified: JsonObject, patch: JsonObject, t: SmpType, options: DiffOptions): void {
  const meta = lookupOrSkip(t, key, original, modified);
  if (!meta) return;
  const { retainKeys, strategy } = extractRetainKeysStrategy(meta.strategies);
  if (strategy === REPLACE_DIRECTIVE) {
    // Upstream sends a replace-strategy map whole, changed or not.
    if (!options.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const sub = diffMaps(original, modified, meta.type, { ...options, buildRetainKeysDirective: retainKeys });
  if (Object.keys(sub).length > 0) patch[key] = sub;
}

function handleSliceDiff(key: string, original: unknown[], modified: unknown[], patch: JsonObject, t: SmpType, options: DiffOptions): void {
  const meta = lookupOrSkip(t, key, original, modified);
  if (!meta) return;
  const { retainKeys, strategy } = extractRetainKeysStrategy(meta.strategies);
  if (strategy !== MERGE_DIRECTIVE) {
    replaceIfNotEqual(key, original, modified, patch, options);
    return;
  }
  const { add, remove, order } = diffLists(original, modified, meta.elem, meta.mergeKey, { ...options, buildRetainKeysDirective: retainKeys });
  if (add.length > 0) patch[key] = add;
  if (remove.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`] = remove;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER_PREFIX}/${key}`] = order;
}

function diffLists(original: unknown[], modified: unknown[], elem: SmpType, mergeKey: string, options: DiffOptions) {
  const none: unknown[] = [];
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return { add: none, remove: none, order: none };
    return { add: modified, remove: none, order: none };
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, elem, mergeKey, options);
    const ordered = normalizeSliceOrder(changes, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    const add = [...ordered, ...deletions];
    let order = none;
    if (options.setElementOrder && ((!options.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) || (!options.ignoreDeletions && add.length > 0))) {
      order = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] ?? null }));
    }
    return { add, remove: none, order };
  }
  const [additions, deletions] = diffListsOfScalars(original, modified, options);
  const add = normalizeSliceOrder(additions, modified, mergeKey, kind);
  let order = none;
  // `original` was sorted in place by the diff, as upstream's is: an unsorted list always gets an order directive.
  if (options.setElementOrder && ((!options.ignoreDeletions && deletions.length > 0) || (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)))) {
    order = modified;
  }
  return { add, remove: deletions, order };
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
}

/** Additions and deletions between two scalar lists, compared as sets of their `%v` strings. */
function diffListsOfScalars(original: unknown[], modified: unknown[], options: DiffOptions): [unknown[], unknown[]] {
  const originalSorted = sortScalars(original);
  const modifiedSorted = sortScalars([...modified]);
  const add: unknown[] = [];
  const remove: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < originalSorted.length || j < modifiedSorted.length) {
    const o = i < originalSorted.length ? goFormat(originalSorted[i]) : undefined;
    const m = j < modifiedSorted.length ? goFormat(modifiedSorted[j]) : undefined;
    if (o !== undefined && m !== undefined && o === m) {
      i++;
      j++;
    } else if (o === undefined || (m !== undefined && o > m)) {
      if (!options.ignoreChangesAndAdditions) add.push(modifiedSorted[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) remove.push(originalSorted[i]);
      i++;
    }
  }
  return [add, deduplicateScalars(remove)];
}

function mapAndKey(list: unknown[], index: number, mergeKey: string): [JsonObject, unknown] {
  const m = list[index];
  if (!isJsonObject(m)) throw errBadArgType('map[string]interface {}', m);
  if (!hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
  return [m, m[mergeKey]];
}

function sortByMergeKey(list: unknown[], mergeKey: string): unknown[] {
  if (list.length === 0) return list;
  if (sliceElementKind(list) !== 'map') return sortScalars(deduplicateScalars(list));
  return [...list].sort((a, b) => compareStrings(goFormat((a as JsonObject)[mergeKey]), goFormat((b as JsonObject)[mergeKey])));
}

/** Changes and additions of a merge list of maps, and `$patch: delete` items for removals. */
function diffListsOfMaps(original: unknown[], modified: unknown[], elem: SmpType, mergeKey: string, options: DiffOptions): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const originalSorted = sortByMergeKey(original, mergeKey);
  const modifiedSorted = sortByMergeKey(modified, mergeKey);
  let i = 0;
  let j = 0;
  while (i < originalSorted.length || j < modifiedSorted.length) {
    const inO = i < originalSorted.length;
    const inM = j < modifiedSorted.length;
    const [oMap, oKey] = inO ? mapAndKey(originalSorted, i, mergeKey) : [{}, undefined];
    const [mMap, mKey] = inM ? mapAndKey(modifiedSorted, j, mergeKey) : [{}, undefined];
    const os = goFormat(oKey);
    const ms = goFormat(mKey);
    if (inO && inM && os === ms) {
      const sub = diffMaps(oMap, mMap, elem, options);
      if (Object.keys(sub).length > 0) {
        sub[mergeKey] = mKey;
        patch.push(sub);
      }
      i++;
      j++;
    } else if (!inO || (inM && os > ms)) {
      if (!options.ignoreChangesAndAdditions) patch.push(mMap);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push({ [mergeKey]: oKey, [DIRECTIVE_MARKER]: DELETE_DIRECTIVE });
      i++;
    }
  }
  return [patch, deletions];
}
