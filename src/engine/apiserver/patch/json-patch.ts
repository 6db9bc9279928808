/**
 * JSON patch (RFC 6902) with the semantics of gopkg.in/evanphx/json-patch.v4, which the apiserver uses:
 * negative array indices count from the end, `replace` of a missing object key adds it, `test` of `null` passes
 * on a missing key. A body that is not a list of operations is a 400; an operation that does not apply is the
 * handler's fixed 422. Inputs are never mutated.
 */
import { badRequest, failure } from '../status';
import { unprocessablePatch, type PatchOutcome } from './outcome';
import { deepCopy, deepEqual, isJsonObject, jsonType, type JsonObject } from './json-values';

/** The apiserver refuses patches with more operations than this (maxJSONPatchOperations). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

type Container = JsonObject | unknown[];

class OperationError extends Error {}

const GO_JSON_KIND: Record<string, string> = { object: 'object', array: 'array', string: 'string', number: 'number', boolean: 'bool' };

/** Applies the operations in order; the first that fails rejects the whole patch. */
export function applyJsonPatch(target: unknown, ops: unknown): PatchOutcome {
  if (ops === null || ops === undefined) return { ok: true, value: deepCopy(target) };
  if (!Array.isArray(ops)) {
    return decodeError(`json: cannot unmarshal ${GO_JSON_KIND[jsonType(ops)]} into Go value of type jsonpatch.Patch`);
  }
  const bad = ops.find((op) => op !== null && !isJsonObject(op));
  if (bad !== undefined) {
    return decodeError(`json: cannot unmarshal ${GO_JSON_KIND[jsonType(bad)]} into Go value of type jsonpatch.Operation`);
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    const message = `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`;
    return { ok: false, error: message, status: failure(413, 'RequestEntityTooLarge', message) };
  }
  let doc: unknown = deepCopy(target);
  try {
    for (const op of ops as (JsonObject | null)[]) doc = applyOperation(doc as Container, op ?? {});
  } catch (err) {
    if (err instanceof OperationError) return { ok: false, error: err.message, status: unprocessablePatch() };
    throw err;
  }
  return { ok: true, value: doc };
}

function decodeError(message: string): PatchOutcome {
  return { ok: false, error: message, status: badRequest(message) };
}

function stringField(op: JsonObject, name: 'path' | 'from'): string | undefined {
  const v = op[name];
  return typeof v === 'string' ? v : undefined;
}

function applyOperation(doc: Container, op: JsonObject): Container {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  const hasValue = Object.prototype.hasOwnProperty.call(op, 'value');
  const value = hasValue ? deepCopy(op.value) : null;
  switch (kind) {
    case 'add': {
      const path = stringField(op, 'path');
      if (path === undefined) throw new OperationError('add operation failed to decode path: missing value');
      const [con, key] = findParent(doc, path);
      if (!con) throw new OperationError(`add operation does not apply: doc is missing path: "${path}": missing value`);
      wrap(`error in add for path: '${path}'`, () => add(con, key, value));
      return doc;
    }
    case 'remove': {
      const path = stringField(op, 'path');
      if (path === undefined) throw new OperationError('remove operation failed to decode path: missing value');
      const [con, key] = findParent(doc, path);
      if (!con) throw new OperationError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
      wrap(`error in remove for path: '${path}'`, () => remove(con, key));
      return doc;
    }
    case 'replace': {
      const path = stringField(op, 'path');
      if (path === undefined) throw new OperationError('replace operation failed to decode path: operation missing path field: missing value');
      if (path === '') {
        if (!isJsonObject(value) && !Array.isArray(value)) throw new OperationError('replace operation value must be object or array: <nil>');
        return value;
      }
      const [con, key] = findParent(doc, path);
      if (!con) throw new OperationError(`replace operation does not apply: doc is missing path: ${path}: missing value`);
      try {
        get(con, key);
      } catch {
        throw new OperationError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      }
      wrap(`error in remove for path: '${path}'`, () => set(con, key, value));
      return doc;
    }
    case 'move': {
      const from = stringField(op, 'from');
      if (from === undefined) throw new OperationError('move operation failed to decode from: operation, missing from field: missing value');
      const [src, srcKey] = findParent(doc, from);
      if (!src) throw new OperationError(`move operation does not apply: doc is missing from path: ${from}: missing value`);
      const moved = wrap(`error in move for path: '${srcKey}'`, () => get(src, srcKey));
      wrap(`error in move for path: '${srcKey}'`, () => remove(src, srcKey));
      const path = stringField(op, 'path');
      if (path === undefined) throw new OperationError('move operation failed to decode path: operation missing path field: missing value');
      const [dst, key] = findParent(doc, path);
      if (!dst) throw new OperationError(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
      wrap(`error in move for path: '${path}'`, () => add(dst, key, moved ?? null));
      return doc;
    }
    case 'copy': {
      const from = stringField(op, 'from');
      if (from === undefined) throw new OperationError('copy operation failed to decode from: operation, missing from field: missing value');
      const [src, srcKey] = findParent(doc, from);
      if (!src) throw new OperationError(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
      const copied = wrap(`error in copy for from: '${from}'`, () => get(src, srcKey));
      const path = stringField(op, 'path');
      if (path === undefined) throw new OperationError('copy operation failed to decode path: missing value');
      const [dst, key] = findParent(doc, path);
      if (!dst) throw new OperationError(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);
      wrap('error while adding value during copy', () => add(dst, key, deepCopy(copied ?? null)));
      return doc;
    }
    case 'test': {
      const path = stringField(op, 'path');
      if (path === undefined) throw new OperationError('test operation failed to decode path: operation missing path field: missing value');
      if (path === '') {
        if (deepEqual(doc, value)) return doc;
        throw new OperationError(`testing value ${path} failed: test failed`);
      }
      const [con, key] = findParent(doc, path);
      if (!con) throw new OperationError(`test operation does not apply: is missing path: ${path}: missing value`);
      const actual = wrap(`error in test for path: '${path}'`, () => get(con, key));
      if (actual === undefined || actual === null) {
        if (value === null) return doc;
        throw new OperationError(`testing value ${path} failed: test failed`);
      }
      if (deepEqual(actual, value)) return doc;
      throw new OperationError(`testing value ${path} failed: test failed`);
    }
    default:
      throw new OperationError(`Unexpected kind: ${kind}`);
  }
}

function wrap<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new OperationError(`${prefix}: ${(err as Error).message}`);
  }
}

const decodeToken = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');

/** The container holding the last token of `path`, and that token; no container when the path does not lead to one. */
function findParent(doc: Container, path: string): [Container | undefined, string] {
  const split = path.split('/');
  if (split.length < 2) return [undefined, ''];
  let cur: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(cur, decodeToken(part));
    } catch {
      return [undefined, ''];
    }
    if (!isJsonObject(next) && !Array.isArray(next)) return [undefined, ''];
    cur = next;
  }
  return [cur, decodeToken(split[split.length - 1])];
}

/** strconv.Atoi: an optional sign and decimal digits. */
function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) throw new Error(`strconv.Atoi: parsing "${key}": invalid syntax`);
  return Number(key);
}

function get(con: Container, key: string): unknown {
  if (!Array.isArray(con)) return Object.prototype.hasOwnProperty.call(con, key) ? con[key] : undefined;
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -con.length) throw new Error(`Unable to access invalid index: ${idx}: invalid index referenced`);
    idx += con.length;
  }
  if (idx >= con.length) throw new Error(`Unable to access invalid index: ${idx}: invalid index referenced`);
  return con[idx];
}

function set(con: Container, key: string, value: unknown): void {
  if (!Array.isArray(con)) {
    con[key] = value;
    return;
  }
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -con.length) throw new Error(`Unable to access invalid index: ${idx}: invalid index referenced`);
    idx += con.length;
  }
  con[idx] = value;
}

function add(con: Container, key: string, value: unknown): void {
  if (!Array.isArray(con)) {
    con[key] = value;
    return;
  }
  if (key === '-') {
    con.push(value);
    return;
  }
  if (!/^[+-]?\d+$/.test(key)) throw new Error(`value was not a proper array index: '${key}': strconv.Atoi: parsing "${key}": invalid syntax`);
  let idx = Number(key);
  const size = con.length + 1;
  if (idx >= size) throw new Error(`Unable to access invalid index: ${idx}: invalid index referenced`);
  if (idx < 0) {
    if (idx < -size) throw new Error(`Unable to access invalid index: ${idx}: invalid index referenced`);
    idx += size;
  }
  con.splice(idx, 0, value);
}

function remove(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!Object.prototype.hasOwnProperty.call(con, key)) throw new Error(`Unable to remove nonexistent key: ${key}: missing value`);
    delete con[key];
    return;
  }
  let idx = atoi(key);
  if (idx >= con.length) throw new Error(`Unable to access invalid index: ${idx}: invalid index referenced`);
  if (idx < 0) {
    if (idx < -con.length) throw new Error(`Unable to access invalid index: ${idx}: invalid index referenced`);
    idx += con.length;
  }
  con.splice(idx, 1);
}
