/**
 * Applying a strategic merge patch, as k8s.io/apimachinery/pkg/util/strategicpatch does on the apiserver: maps
 * merge recursively and `null` deletes; lists whose field says `patchStrategy: merge` merge by their merge key
 * (or, for scalars, as a set); other lists replace. Directives: `$patch: replace|delete` (in maps and list items),
 * `$setElementOrder/<list>`, `$retainKeys`, `$deleteFromPrimitiveList/<list>`. Patch metadata comes from the OpenAPI
 * schema of the kind. The same merge, with the client's options, combines the halves of a three-way patch.
 */
import type { Schema } from '../openapi/schema';
import { badRequest, type Status } from '../status';
import { unknownServerError, unprocessablePatch, type PatchOutcome } from './outcome';
import { deepCopy, deepEqual, goFormat, isJsonObject, jsonType, type JsonObject } from './json-values';
import {
  ERR_BAD_PATCH_FORMAT_PRIMITIVE_LIST,
  ERR_BAD_PATCH_FORMAT_RETAIN_KEYS,
  ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER,
  StrategicMergeError,
  extractRetainKeysStrategy,
  lookupPatchMeta,
  type FieldPatchMeta,
  type SmpType,
} from './strategic-meta';
import {
  DELETE_DIRECTIVE,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  MERGE_DIRECTIVE,
  REPLACE_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  deduplicateScalars,
  errBadArgType,
  errBadPatchType,
  errNoMergeKey,
  extractToDeleteItems,
  findMapByKey,
  hasOwn,
  mergeKeyValueEqual,
  normalizeElementOrder,
  partitionByPresence,
  sliceElementKind,
} from './strategic-lists';

export interface MergeOptions {
  /** Server side: apply `$deleteFromPrimitiveList`, `$retainKeys` and `$setElementOrder` instead of carrying them. */
  mergeParallelList: boolean;
  /** Server side: a `null` for a key the original lacks is dropped rather than kept. */
  ignoreUnmatchedNulls: boolean;
  /** Client side: metadata as kubectl reads it from OpenAPI (maps have value schemas, unknown fields no metadata). */
  lenient: boolean;
}

const SLICE_TYPE = '[]interface {}';

/**
 * Applies a strategic merge patch to `original` (an object as the apiserver serves it) using the kind's schema.
 * Never mutates its inputs. Errors carry the Status the apiserver answers with.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, schema: Schema | undefined): PatchOutcome {
  if (patch !== null && patch !== undefined && !isJsonObject(patch)) {
    const message = `json: cannot unmarshal ${jsonType(patch) === 'boolean' ? 'bool' : jsonType(patch)} into Go value of type map[string]interface {}`;
    return { ok: false, error: message, status: badRequest(message) };
  }
  const base = isJsonObject(original) ? deepCopy(original) : {};
  try {
    const value = mergeMap(base, deepCopy(patch ?? {}) as JsonObject, schema, { mergeParallelList: true, ignoreUnmatchedNulls: true, lenient: false });
    return { ok: true, value };
  } catch (err) {
    if (err instanceof StrategicMergeError) return { ok: false, error: err.message, status: statusFor(err) };
    throw err;
  }
}

/** interpretStrategicMergePatchError: the known format errors are 400, list shape errors the fixed 422, others 500. */
export function statusFor(err: StrategicMergeError): Status {
  switch (err.answer) {
    case 'badRequest':
      return badRequest(err.message);
    case 'unprocessable':
      return unprocessablePatch();
    default:
      return unknownServerError(err.message);
  }
}

function lookupSlice(t: SmpType, key: string, lenient: boolean): FieldPatchMeta {
  const meta = lookupPatchMeta(t, key, lenient);
  if (meta.type && meta.type.type && meta.type.type !== 'array' && !lenient) {
    throw new StrategicMergeError('expected slice or array type, but got: struct');
  }
  return meta;
}

/** Merges `patch` into `original` (both owned by the caller and modified in place). */
export function mergeMap(original: JsonObject | null, patch: JsonObject, t: SmpType, options: MergeOptions): JsonObject {
  if (hasOwn(patch, DIRECTIVE_MARKER)) return handleDirectiveInMergeMap(patch[DIRECTIVE_MARKER], patch);
  const target = original ?? {};
  applyRetainKeysDirective(target, patch, options);
  mergePatchIntoOriginal(target, patch, t, options);

  for (const [patchKey, patchV] of Object.entries(patch)) {
    let k = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      if (!options.mergeParallelList) {
        target[patchKey] = patchV;
        continue;
      }
      k = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete target[k];
      if (options.ignoreUnmatchedNulls) continue;
    }
    if (!hasOwn(target, k)) {
      target[k] = patchV;
      continue;
    }
    const originalType = jsonType(target[k]);
    if (originalType !== jsonType(patchV)) {
      target[k] = patchV;
      continue;
    }
    if (originalType === 'object') {
      const meta = lookupPatchMeta(t, k, options.lenient);
      const { strategy } = extractRetainKeysStrategy(meta.strategies);
      target[k] = strategy === REPLACE_DIRECTIVE ? patchV : mergeMap(target[k] as JsonObject, patchV as JsonObject, meta.type, options);
    } else if (originalType === 'array') {
      const meta = lookupSlice(t, k, options.lenient);
      const { strategy } = extractRetainKeysStrategy(meta.strategies);
      target[k] = mergeSliceHandler(target[k] as unknown[], patchV as unknown[], meta.elem, strategy, meta.mergeKey, isDeleteList, options);
    } else {
      target[k] = patchV;
    }
  }
  return target;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JsonObject): JsonObject {
  if (directive === REPLACE_DIRECTIVE) {
    // The patch is the new map as it stands; nothing below it is merged.
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX) throw ERR_BAD_PATCH_FORMAT_PRIMITIVE_LIST();
    if (prefix === SET_ELEMENT_ORDER_PREFIX) throw ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER();
    throw new StrategicMergeError(`fail to find unknown prefix "${prefix}" in ${s}\n`);
  }
  return s.slice(slash + 1);
}

/** `$retainKeys`: keys of the original missing from the list are cleared; the patch may only set listed keys. */
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, options: MergeOptions): void {
  if (!hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retainKeys = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!options.mergeParallelList) {
    // Combining two patches: the directive travels on, and must agree if both carry it.
    if (hasOwn(original, RETAIN_KEYS_DIRECTIVE)) {
      if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE], retainKeys)) {
        throw new StrategicMergeError(
          `${goFormat(original[RETAIN_KEYS_DIRECTIVE])} and ${goFormat(retainKeys)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else original[RETAIN_KEYS_DIRECTIVE] = retainKeys;
    return;
  }
  if (!Array.isArray(retainKeys)) throw ERR_BAD_PATCH_FORMAT_RETAIN_KEYS();
  const keep = new Set(retainKeys);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw ERR_BAD_PATCH_FORMAT_RETAIN_KEYS();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/**
 * `$setElementOrder/<list>`: merges the list now and orders the result — the directive's order first, then the
 * patch's, then the live object's for items the patch does not mention.
 */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, t: SmpType, options: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const setOrder = patch[key];
    if (!options.mergeParallelList) {
      if (hasOwn(original, key)) {
        if (!deepEqual(original[key], setOrder)) throw ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER();
      } else original[key] = setOrder;
    }
    delete patch[key];
    if (!Array.isArray(setOrder)) throw errBadArgType(SLICE_TYPE, setOrder);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = hasOwn(original, originalKey);
    const foundPatch = hasOwn(patch, originalKey);
    let originalList: unknown[] | undefined;
    let patchList: unknown[] | undefined;
    if (foundOriginal) {
      if (!Array.isArray(original[originalKey]) && original[originalKey] !== null) throw errBadArgType(SLICE_TYPE, original[originalKey]);
      originalList = (original[originalKey] as unknown[] | null) ?? undefined;
    }
    if (foundPatch) {
      if (!Array.isArray(patch[originalKey]) && patch[originalKey] !== null) throw errBadArgType(SLICE_TYPE, patch[originalKey]);
      patchList = (patch[originalKey] as unknown[] | null) ?? undefined;
    }
    const meta = lookupSlice(t, originalKey, options.lenient);
    const { strategy } = extractRetainKeysStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchList ?? [], setOrder, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList ?? [];
    else if (!foundOriginal && foundPatch) merged = patchList ?? [];
    else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(originalList ?? [], patchList ?? [], meta.elem, strategy, meta.mergeKey, false, options);
    } else continue;

    const [patchItems, serverOnly] = partitionByPresence(merged, setOrder, meta.mergeKey);
    const kind = sliceElementKind(originalList, patchList);
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, setOrder, originalList ?? [], meta.mergeKey, kind);
    delete patch[originalKey];
  }
}

/** The patch's items must appear in the directive's relative order (deletions and directives aside). */
function validatePatchWithSetOrderList(patchList: unknown[], setOrder: unknown[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < items.length && s < setOrder.length) {
    const item = items[p];
    if (isJsonObject(item) && hasOwn(item, DIRECTIVE_MARKER)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrder[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length && s >= setOrder.length) {
    throw new StrategicMergeError(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goFormat(setOrder)}\n`);
  }
}

function mergeSliceHandler(
  original: unknown[],
  patch: unknown[],
  elem: SmpType,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  options: MergeOptions,
): unknown[] {
  return strategy === MERGE_DIRECTIVE ? mergeSlice(original, patch, elem, mergeKey, options, isDeleteList) : patch;
}

function mergeSlice(original: unknown[], patch: unknown[], elem: SmpType, mergeKey: string, options: MergeOptions, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let base = original;
  let items = patch;
  let merged: unknown[];
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new StrategicMergeError('cannot merge lists without merge key for struct');
    [base, items] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(base, items, mergeKey, elem, options);
  }
  const [patchItems, serverOnly] = partitionByPresence(merged, items, kind === 'map' ? mergeKey : '');
  return normalizeElementOrder(patchItems, serverOnly, items, base, kind === 'map' ? mergeKey : '', kind);
}

/** Handles list items carrying `$patch`: `delete` removes matching live items, `replace` makes the list the patch. */
function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  let base = original;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasOwn(item, DIRECTIVE_MARKER)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER];
    if (directive === DELETE_DIRECTIVE) {
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      base = [...base];
      for (let found = findMapByKey(base, mergeKey, item[mergeKey]); found; found = findMapByKey(base, mergeKey, item[mergeKey])) {
        base.splice(found.index, 1);
      }
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true;
    } else if (directive === MERGE_DIRECTIVE) {
      throw new StrategicMergeError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  return replace ? [plain, []] : [base, plain];
}

function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, elem: SmpType, options: MergeOptions): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    const found = findMapByKey(out, mergeKey, item[mergeKey]);
    if (found) out[found.index] = mergeMap(found.map, item, elem, options);
    else out.push(v);
  }
  return out;
}
