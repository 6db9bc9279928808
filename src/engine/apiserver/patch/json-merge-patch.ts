/**
 * JSON merge patch (RFC 7386) as the apiserver applies it (evanphx/json-patch MergePatch), and the client-side
 * diffs kubectl builds for kinds without a strategic schema (custom resources): a two-way merge patch and the
 * three-way patch of k8s.io/apimachinery/pkg/util/jsonmergepatch. Inputs are never mutated.
 */
import { badPatch, type PatchOutcome } from './outcome';
import { deepCopy, deepEqual, isJsonObject, jsonType, type JsonObject } from './json-values';

/** Message of jsonpatch.ErrBadJSONPatch, answered as 400 BadRequest. */
export const INVALID_JSON_PATCH = 'Invalid JSON Patch';

/**
 * Applies a merge patch: objects merge key by key, `null` deletes a key, anything else (arrays included) replaces.
 * A patch that is not an object replaces the document (an array) or is rejected (`null`, scalars), as upstream.
 */
export function applyJsonMergePatch(target: unknown, patch: unknown): PatchOutcome {
  if (isJsonObject(patch)) {
    if (!isJsonObject(target)) return { ok: true, value: pruneNulls(deepCopy(patch)) };
    return { ok: true, value: mergeObjects(deepCopy(target), patch) };
  }
  if (Array.isArray(patch)) return { ok: true, value: pruneNulls(deepCopy(patch)) };
  return badPatch(INVALID_JSON_PATCH);
}

function mergeObjects(doc: JsonObject, patch: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete doc[key];
      continue;
    }
    const current = doc[key];
    if (current === undefined || current === null) doc[key] = pruneNulls(deepCopy(value));
    else if (!isJsonObject(current)) doc[key] = pruneNulls(deepCopy(value));
    else if (!isJsonObject(value)) doc[key] = deepCopy(value);
    else doc[key] = mergeObjects(current, value);
  }
  return doc;
}

/** Drops null-valued keys of objects, at any depth (arrays keep their null items). */
function pruneNulls<T>(v: T): T {
  if (Array.isArray(v)) {
    v.forEach((item) => pruneNulls(item));
  } else if (isJsonObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else pruneNulls(x);
    }
  }
  return v;
}

/** The merge patch that turns `original` into `modified` (evanphx/json-patch CreateMergePatch). */
export function createJsonMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const [key, b] of Object.entries(modified)) {
    if (!Object.prototype.hasOwnProperty.call(original, key)) {
      into[key] = deepCopy(b);
      continue;
    }
    const a = original[key];
    if (jsonType(a) !== jsonType(b)) into[key] = deepCopy(b);
    else if (isJsonObject(a)) {
      const sub = createJsonMergePatch(a, b as JsonObject);
      if (Object.keys(sub).length > 0) into[key] = sub;
    } else if (!deepEqual(a, b)) into[key] = deepCopy(b);
  }
  for (const key of Object.keys(original)) {
    if (!Object.prototype.hasOwnProperty.call(modified, key)) into[key] = null;
  }
  return into;
}

/**
 * kubectl apply's patch for a kind without a strategic schema: deletions of what the file dropped since it was
 * last applied (`original` → `modified`), plus additions and changes from the live object to the file
 * (`current` → `modified`). Fields the file never set (e.g. written by controllers) are left alone.
 */
export function createThreeWayJsonMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const addAndChange = keepOrDropNulls(createJsonMergePatch(current, modified), false);
  const deletions = keepOrDropNulls(createJsonMergePatch(original, modified), true);
  return mergeObjects(deletions, addAndChange);
}

/** Keeps only the deletions (`keepNull`) or only the additions and changes of a merge patch. */
function keepOrDropNulls(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(m)) {
    if (value === null) {
      if (keepNull) out[key] = null;
    } else if (isJsonObject(value)) {
      // An explicitly empty object is a value, not an empty patch.
      if (Object.keys(value).length === 0) {
        if (!keepNull) out[key] = value;
        continue;
      }
      const sub = keepOrDropNulls(value, keepNull);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!keepNull) out[key] = value;
  }
  return out;
}
