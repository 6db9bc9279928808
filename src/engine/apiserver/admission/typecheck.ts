/**
 * Type checking of a decoded body, standing in for the typed JSON decoding a kube-apiserver does before admission.
 * A value of the wrong JSON type is a 400 BadRequest worded as encoding/json and the apiserver word it:
 *   Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct
 *   field DeploymentSpec.spec.replicas of type int32
 * Missing required fields and enum values are not decode errors; validation reports those.
 */
 
import type { ResourceInfo } from '../registry';
import { badRequest, type Status } from '../status';
import { elementType, fieldType, type GoType, structName } from './go-types';
import { parseQuantity, QUANTITY_REGEX_ERROR } from './quantity';
import { MODELS } from './typecheck-models';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, any>;
}

/** Runs the kind's schema validator; [] when the kind has none or the object conforms. */
function schemaErrors(resource: Pick<ResourceInfo, 'group' | 'version' | 'kind'>, obj: any): AjvError[] {
  const gv = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  const Model = MODELS[`${gv}/${resource.kind}`];
  if (!Model) return [];
  try {
    new Model(obj as never).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: AjvError[] }).errors;
    if (!Array.isArray(errors)) throw e;
    return errors;
  }
}

const segmentsOf = (instancePath: string) =>
  instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

function valueAt(obj: any, segs: string[]): any {
  let v = obj;
  for (const s of segs) v = v?.[s];
  return v;
}

/** Position of a path in document order (JSON key order), to report the error Go's decoder meets first. */
function documentOrder(obj: any, segs: string[]): number[] {
  const order: number[] = [];
  let v = obj;
  for (const s of segs) {
    order.push(Array.isArray(v) ? Number(s) : Object.keys(v ?? {}).indexOf(s));
    v = v?.[s];
  }
  return order;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

interface GoLocation {
  /** The innermost Go struct holding the field (`DeploymentSpec`). */
  struct: string;
  /** JSON field names from the top, without indices or map keys (`spec.template.spec.containers.ports.containerPort`). */
  field: string;
  /** The Go type of the value (`int32`); undefined when the walk lost track. */
  type?: GoType;
}

/** Walks the Go type graph along a JSON path, as encoding/json's error context does. */
function locate(kind: string, segs: string[]): GoLocation {
  let type: GoType | undefined = `v1.${kind}`;
  let struct = kind;
  const fields: string[] = [];
  for (const seg of segs) {
    const elem: GoType | undefined = type ? elementType(type) : undefined;
    if (elem !== undefined) {
      type = elem;
      continue;
    }
    const named = type ? /^v1\.(\w+)$/.exec(type)?.[1] : undefined;
    struct = structName(type) ?? named ?? (seg ? seg.charAt(0).toUpperCase() + seg.slice(1) : struct);
    type = structName(type) ? fieldType(struct, seg) : undefined;
    fields.push(seg);
  }
  return { struct, field: fields.join('.'), type };
}

/** The JSON kind as encoding/json names it in UnmarshalTypeError.Value. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

const INT_TYPES = new Set(['int32', 'int64', 'int', 'uint8', 'int8', 'int16', 'uint32', 'uint64']);

/** The Go type guessed from the schema when the walk lost track. */
function typeFromSchema(errors: AjvError[]): GoType {
  const e = errors.find((x) => x.keyword === 'format' && (x.params.format === 'int32' || x.params.format === 'int64'));
  if (e) return e.params.format;
  const t = errors.find((x) => x.keyword === 'type')?.params.type;
  return t === 'integer' ? 'int32' : t === 'number' ? 'float64' : t === 'boolean' ? 'bool' : t === 'array' ? '[]interface {}' : t === 'object' ? 'map[string]interface {}' : 'string';
}

interface Candidate {
  order: number[];
  /** Errors returned by a type's own UnmarshalJSON stop decoding at once; plain type errors are remembered. */
  aborts: boolean;
  message: string;
}

function candidateFor(kind: string, obj: any, path: string, errors: AjvError[]): Candidate | undefined {
  const segs = segmentsOf(path);
  const value = valueAt(obj, segs);
  if (value === null || value === undefined) return undefined;
  const order = documentOrder(obj, segs);
  const loc = locate(kind, segs);
  const isQuantity = loc.type === 'resource.Quantity' || errors.some((e) => e.keyword === 'format' && e.params.format === 'quantity');
  if (isQuantity) {
    if ((typeof value === 'string' || typeof value === 'number') && parseQuantity(String(value))) return undefined;
    return { order, aborts: true, message: QUANTITY_REGEX_ERROR };
  }
  // IntOrString is a oneOf of string and integer; its UnmarshalJSON decodes non-strings into an int32.
  const schemaTypes = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.params.type));
  const intOrString = loc.type === 'intstr.IntOrString' || (schemaTypes.has('string') && schemaTypes.has('integer'));
  if (errors.some((e) => e.keyword === 'format' && e.params.format === 'byte') && typeof value === 'string') {
    const bad = value.search(/[^A-Za-z0-9+/=]/);
    const at = bad >= 0 ? bad : Math.floor(value.length / 4) * 4;
    return { order, aborts: false, message: `illegal base64 data at input byte ${at}` };
  }
  if (!errors.some((e) => e.keyword === 'type' || (e.keyword === 'format' && /^int(32|64)$/.test(e.params.format)))) return undefined;
  let goType = loc.type ?? typeFromSchema(errors);
  if (intOrString) {
    if (typeof value === 'string') return undefined;
    goType = 'int32';
  }
  const kindName = jsonKind(value);
  const valueText = kindName === 'number' && INT_TYPES.has(goType) ? `number ${String(value)}` : kindName;
  const where = loc.field ? `Go struct field ${loc.struct}.${loc.field}` : 'Go value';
  return { order, aborts: intOrString, message: `json: cannot unmarshal ${valueText} into ${where} of type ${goType}` };
}

/** The decode error for `obj`, or undefined when it would decode. `apiVersion`/`kind` name it as the body does. */
export function typeCheck(resource: ResourceInfo, obj: any): Status | undefined {
  const errors = schemaErrors(resource, obj);
  if (errors.length === 0) return undefined;
  const byPath = new Map<string, AjvError[]>();
  for (const e of errors) {
    // Required fields and enum values are validation's business, not the decoder's; so is the envelope.
    if (e.keyword === 'required' || e.keyword === 'enum' || e.instancePath === '/apiVersion' || e.instancePath === '/kind') continue;
    byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  }
  const candidates = [...byPath].map(([path, errs]) => candidateFor(resource.kind, obj, path, errs)).filter((c): c is Candidate => !!c);
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => compareOrder(a.order, b.order));
  // Go keeps the first plain type error and decodes on; an error from a type's own decoder ends decoding and wins.
  const chosen = candidates.find((c) => c.aborts) ?? candidates[0];
  const version = typeof obj?.apiVersion === 'string' ? obj.apiVersion.split('/').pop() : resource.version;
  const kind = typeof obj?.kind === 'string' && obj.kind ? obj.kind : resource.kind;
  return badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${resource.kind}: ${chosen.message}`);
}
