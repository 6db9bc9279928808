/**
 * Patch metadata for the strategic merge patch, read from the OpenAPI schema instead of Go struct tags: for a
 * field of an object, its patch strategies, merge key and the schema of its value (or list items).
 */
import { definitionNameOf, resolve, type Schema } from '../openapi/schema';

/** The schema a strategic merge walks with; undefined means "no type information" (everything merges as a map). */
export type SmpType = Schema | undefined;

export interface FieldPatchMeta {
  /** Schema of the field's value; for lists, of the list itself (see `elem`). */
  type: SmpType;
  /** Schema of the items when the field is a list. */
  elem: SmpType;
  strategies: string[];
  mergeKey: string;
}

export class StrategicMergeError extends Error {
  constructor(
    message: string,
    /** How the apiserver answers: 400, the fixed 422, or a plain error (500). */
    readonly answer: 'badRequest' | 'unprocessable' | 'internal' = 'internal',
  ) {
    super(message);
  }
}

// Upstream's sentinel errors (k8s.io/apimachinery/pkg/util/mergepatch/errors.go).
export const ERR_BAD_JSON_DOC = () => new StrategicMergeError('invalid JSON document', 'badRequest');
export const ERR_NO_LIST_OF_LISTS = () => new StrategicMergeError('lists of lists are not supported', 'unprocessable');
export const ERR_BAD_PATCH_FORMAT_PRIMITIVE_LIST = () => new StrategicMergeError('invalid patch format of primitive list', 'badRequest');
export const ERR_BAD_PATCH_FORMAT_RETAIN_KEYS = () => new StrategicMergeError('invalid patch format of retainKeys', 'badRequest');
export const ERR_BAD_PATCH_FORMAT_SET_ELEMENT_ORDER = () => new StrategicMergeError('invalid patch format of setElementOrder list', 'badRequest');

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * LookupPatchMetadataForStruct: a map's values share one schema and carry no strategy. The apiserver (`lenient`
 * false) reads Go struct tags, where a struct's field must exist (json names match exactly, then
 * case-insensitively); kubectl (`lenient`) reads OpenAPI, where an unknown field simply carries no metadata.
 */
export function lookupPatchMeta(t: SmpType, key: string, lenient = false): FieldPatchMeta {
  const s = resolve(t);
  const none: FieldPatchMeta = { type: undefined, elem: undefined, strategies: [], mergeKey: '' };
  if (!s || s['x-kubernetes-preserve-unknown-fields']) return none;
  if (!s.properties && typeof s.additionalProperties === 'object') {
    const value = resolve(s.additionalProperties);
    return { type: value, elem: resolve(value?.items), strategies: [], mergeKey: '' };
  }
  const props = s.properties ?? {};
  let prop = hasOwn(props, key) ? props[key] : undefined;
  if (!prop) {
    const folded = Object.keys(props).find((name) => name.toLowerCase() === key.toLowerCase());
    if (folded) prop = props[folded];
  }
  if (!prop) {
    if (lenient) return none;
    throw new StrategicMergeError(`unable to find api field in struct ${definitionNameOf(s)?.split('.').pop() ?? ''} for the json field "${key}"`);
  }
  const type = resolve(prop);
  const strategy = prop['x-kubernetes-patch-strategy'];
  return {
    type,
    elem: resolve(type?.items),
    strategies: strategy ? strategy.split(',') : [],
    mergeKey: prop['x-kubernetes-patch-merge-key'] ?? '',
  };
}

/** Splits `retainKeys` from the other strategy (`merge`, `replace`, or none). */
export function extractRetainKeysStrategy(strategies: string[]): { retainKeys: boolean; strategy: string } {
  switch (strategies.length) {
    case 0:
      return { retainKeys: false, strategy: '' };
    case 1:
      return strategies[0] === 'retainKeys' ? { retainKeys: true, strategy: '' } : { retainKeys: false, strategy: strategies[0] };
    case 2:
      if (strategies[0] === 'retainKeys') return { retainKeys: true, strategy: strategies[1] };
      if (strategies[1] === 'retainKeys') return { retainKeys: true, strategy: strategies[0] };
  }
  throw new StrategicMergeError(`unexpected patch strategy: [${strategies.join(' ')}]`);
}
