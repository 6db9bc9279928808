/// <reference types="node" />
/**
 * Decodes `application/vnd.kubernetes.protobuf` request bodies into the JSON the apiserver takes. kubectl 1.32's
 * typed clients (create configmap/deployment/secret, run, expose, drain's evictions …) send protobuf; the simulation
 * answers in JSON, which they accept.
 *
 * Wire format (apimachinery runtime/serializer/protobuf): the magic `k8s\0`, then a runtime.Unknown whose typeMeta
 * names apiVersion/kind and whose raw bytes are the object's message. go-to-protobuf names each field after its
 * json tag, so the decoded fields are already JSON names. Go writes non-pointer scalars even when zero, and its JSON
 * would omit them (omitempty), so zero scalars are dropped — an explicit `false` in a pointer field is the one
 * thing this loses.
 */
import generated from './generated/messages.json';
import type { FieldSchema, MessageSchemas } from './schema';
import { isoSeconds } from '../../engine/engine';

const messages = generated as MessageSchemas;

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const RUNTIME = 'k8s.io.apimachinery.pkg.runtime';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class ProtobufDecodeError extends Error {}

/** The object a protobuf request body carries, with apiVersion and kind from its envelope. */
export function decodeKubernetesProtobuf(bytes: Uint8Array): Record<string, Json> {
  if (bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ProtobufDecodeError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  const unknown = decodeMessage(new Reader(bytes, 4, bytes.length), `${RUNTIME}.Unknown`, { raw: true }) as Record<string, any>;
  const apiVersion = String(unknown.typeMeta?.apiVersion ?? '');
  const kind = String(unknown.typeMeta?.kind ?? '');
  const raw = unknown.raw as Uint8Array | undefined;
  const type = messageFor(apiVersion, kind);
  if (!type) throw new ProtobufDecodeError(`no kind "${kind}" is registered for version "${apiVersion}"`);
  const obj = raw ? (decodeMessage(new Reader(raw, 0, raw.length), type) as Record<string, Json>) : {};
  return { apiVersion, kind, ...obj };
}

/** The proto message of a kind: k8s.io/api package by group (core for ""), meta/v1 for the option kinds. */
function messageFor(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const candidates = [`k8s.io.api.${packageOf(group)}.${version}.${kind}`, `${META}.${kind}`];
  return candidates.find((c) => messages[c] !== undefined);
}

function packageOf(group: string): string {
  if (group === '' || group === 'core') return 'core';
  if (group === 'meta.k8s.io') return 'meta';
  const special: Record<string, string> = {
    'rbac.authorization.k8s.io': 'rbac',
    'flowcontrol.apiserver.k8s.io': 'flowcontrol',
    'internal.apiserver.k8s.io': 'apiserverinternal',
  };
  return special[group] ?? group.split('.')[0];
}

// -----------------------------------------------------------------------------------------------------------
// Messages

/** Messages whose JSON form is not an object. */
const SPECIAL: Record<string, (fields: Map<number, unknown[]>) => Json> = {
  [`${META}.Time`]: (f) => timeJson(f, false),
  [`${META}.MicroTime`]: (f) => timeJson(f, true),
  [`${META}.Duration`]: (f) => goDuration(num(last(f, 1)) ?? 0),
  [`${META}.FieldsV1`]: (f) => rawJson(last(f, 1) as Uint8Array | undefined),
  [`${RUNTIME}.RawExtension`]: (f) => rawJson(last(f, 1) as Uint8Array | undefined),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (f) => text(last(f, 1)) ?? '0',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (f) => (num(last(f, 1)) === 1 ? (text(last(f, 3)) ?? '') : (num(last(f, 2)) ?? 0)),
};

interface DecodeOptions {
  /** Keep bytes fields as bytes (for the envelope's raw object). */
  raw?: boolean;
}

function decodeMessage(r: Reader, type: string, opts: DecodeOptions = {}): Json | Uint8Array | Record<string, unknown> {
  const schema = messages[type];
  if (!schema) throw new ProtobufDecodeError(`unknown protobuf message ${type}`);
  // Collect raw values per field number first: special messages read them positionally.
  const fields = new Map<number, unknown[]>();
  while (!r.done()) {
    const tag = r.varint();
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    const f = schema[no];
    const value = f ? readField(r, wire, f) : skip(r, wire);
    if (!f) continue;
    let list = fields.get(no);
    if (!list) fields.set(no, (list = []));
    if (Array.isArray(value) && wire === 2 && isPackable(f)) list.push(...value);
    else list.push(value);
  }
  const special = SPECIAL[type];
  if (special) return special(fields);
  const entries = Object.entries(schema);
  // List wrappers (`message ExtraValue { repeated string items = 1; }`) are plain arrays in JSON.
  if (entries.length === 1 && entries[0][1].name === 'items' && entries[0][1].repeated) {
    return (fields.get(Number(entries[0][0])) ?? []).map((v) => toJson(v, entries[0][1].type)) as Json[];
  }
  const out: Record<string, unknown> = {};
  for (const [no, f] of entries) {
    const values = fields.get(Number(no));
    if (!values || values.length === 0) continue;
    if (f.type === 'map') {
      const map: Record<string, Json> = {};
      for (const entry of values as Array<{ key: unknown; value: unknown }>) map[String(entry.key ?? '')] = toJson(entry.value, f.value!, true);
      if (Object.keys(map).length > 0) out[f.name] = map;
    } else if (f.repeated) {
      out[f.name] = values.map((v) => toJson(v, f.type, true));
    } else {
      const v = values[values.length - 1];
      if (opts.raw && f.type === 'bytes') {
        out[f.name] = v;
        continue;
      }
      const json = toJson(v, f.type);
      if (json !== undefined) out[f.name] = json;
    }
  }
  return out;
}

function isPackable(f: FieldSchema): boolean {
  return f.repeated === true && f.type !== 'string' && f.type !== 'bytes' && !f.type.includes('.') && f.type !== 'map';
}

/** A decoded wire value as JSON; zero scalars outside lists and maps are dropped (undefined). */
function toJson(v: unknown, type: string, keepZero = false): Json {
  switch (type) {
    case 'string': {
      const s = text(v) ?? '';
      return s === '' && !keepZero ? (undefined as unknown as Json) : s;
    }
    case 'bytes': {
      const b = v instanceof Uint8Array ? v : new Uint8Array();
      return b.length === 0 && !keepZero ? (undefined as unknown as Json) : Buffer.from(b).toString('base64');
    }
    case 'bool': {
      const b = num(v) !== 0;
      return !b && !keepZero ? (undefined as unknown as Json) : b;
    }
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
    case 'fixed32':
    case 'fixed64':
    case 'double':
    case 'float':
    case 'sint32':
    case 'sint64': {
      const n = num(v) ?? 0;
      return n === 0 && !keepZero ? (undefined as unknown as Json) : n;
    }
    default:
      return v as Json;
  }
}

function readField(r: Reader, wire: number, f: FieldSchema): unknown {
  if (f.type === 'map') {
    const sub = r.sub();
    const entry: { key: unknown; value: unknown } = { key: undefined, value: undefined };
    while (!sub.done()) {
      const tag = sub.varint();
      const no = Number(tag >> 3n);
      const w = Number(tag & 7n);
      if (no === 1) entry.key = readScalarOrMessage(sub, w, f.key!);
      else if (no === 2) entry.value = readScalarOrMessage(sub, w, f.value!);
      else skip(sub, w);
    }
    if (entry.value === undefined) entry.value = defaultFor(f.value!);
    return entry;
  }
  if (wire === 2 && isPackable(f)) {
    const sub = r.sub();
    const out: unknown[] = [];
    while (!sub.done()) out.push(readScalar(sub, f.type === 'double' ? 1 : f.type === 'float' || f.type === 'fixed32' ? 5 : 0, f.type));
    return out;
  }
  return readScalarOrMessage(r, wire, f.type);
}

function readScalarOrMessage(r: Reader, wire: number, type: string): unknown {
  if (type.includes('.')) {
    if (wire !== 2) throw new ProtobufDecodeError(`wire type ${wire} for message ${type}`);
    return decodeMessage(r.sub(), type);
  }
  return readScalar(r, wire, type);
}

function readScalar(r: Reader, wire: number, type: string): unknown {
  switch (wire) {
    case 0: {
      const v = r.varint();
      if (type === 'sint32' || type === 'sint64') return Number((v >> 1n) ^ -(v & 1n));
      if (type === 'uint32' || type === 'uint64') return Number(v);
      return Number(BigInt.asIntN(64, v));
    }
    case 1:
      return type === 'double' ? r.double() : Number(r.fixed64());
    case 2: {
      const bytes = r.bytes();
      return type === 'string' ? new TextDecoder().decode(bytes) : bytes;
    }
    case 5:
      return type === 'float' ? r.float() : r.fixed32();
  }
  throw new ProtobufDecodeError(`unsupported wire type ${wire}`);
}

function skip(r: Reader, wire: number): undefined {
  switch (wire) {
    case 0:
      r.varint();
      return;
    case 1:
      r.advance(8);
      return;
    case 2:
      r.bytes();
      return;
    case 5:
      r.advance(4);
      return;
  }
  throw new ProtobufDecodeError(`unsupported wire type ${wire}`);
}

function defaultFor(type: string): unknown {
  if (type === 'string') return '';
  if (type === 'bytes') return new Uint8Array();
  if (type.includes('.')) return decodeMessage(new Reader(new Uint8Array(), 0, 0), type);
  return 0;
}

// -----------------------------------------------------------------------------------------------------------
// Values

const last = (f: Map<number, unknown[]>, no: number) => f.get(no)?.at(-1);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** metav1.Time / MicroTime: RFC 3339 (seconds, or microseconds for MicroTime); the zero time is null. */
function timeJson(f: Map<number, unknown[]>, micro: boolean): Json {
  const seconds = num(last(f, 1)) ?? 0;
  const nanos = num(last(f, 2)) ?? 0;
  const GO_ZERO_SECONDS = -62135596800;
  if ((seconds === 0 || seconds === GO_ZERO_SECONDS) && nanos === 0) return null;
  const iso = isoSeconds(seconds * 1000);
  if (!micro) return iso;
  return `${iso.slice(0, -1)}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

function rawJson(bytes: Uint8Array | undefined): Json {
  if (!bytes || bytes.length === 0) return null;
  if (MAGIC.every((b, i) => bytes[i] === b)) return decodeKubernetesProtobuf(bytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as Json;
  } catch {
    throw new ProtobufDecodeError('embedded object is neither JSON nor protobuf');
  }
}

/** Go's time.Duration.String for whole units: 1h0m0s, 1m30s, 500ms, 0s. */
function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let v = Math.abs(ns);
  if (v < 1e9) {
    if (v < 1e3) return `${sign}${v}ns`;
    if (v < 1e6) return `${sign}${v / 1e3}µs`;
    return `${sign}${v / 1e6}ms`;
  }
  const h = Math.floor(v / 3.6e12);
  v -= h * 3.6e12;
  const m = Math.floor(v / 6e10);
  v -= m * 6e10;
  const s = v / 1e9;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

// -----------------------------------------------------------------------------------------------------------
// Reader

class Reader {
  constructor(
    private readonly buf: Uint8Array,
    private pos: number,
    private readonly end: number,
  ) {}

  done(): boolean {
    return this.pos >= this.end;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufDecodeError('unexpected EOF');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new ProtobufDecodeError('varint overflow');
  }

  advance(n: number): void {
    if (this.pos + n > this.end) throw new ProtobufDecodeError('unexpected EOF');
    this.pos += n;
  }

  bytes(): Uint8Array {
    const len = Number(this.varint());
    const start = this.pos;
    this.advance(len);
    return this.buf.subarray(start, start + len);
  }

  sub(): Reader {
    const len = Number(this.varint());
    const start = this.pos;
    this.advance(len);
    return new Reader(this.buf, start, start + len);
  }

  private view(n: number): DataView {
    const start = this.pos;
    this.advance(n);
    return new DataView(this.buf.buffer, this.buf.byteOffset + start, n);
  }

  double(): number {
    return this.view(8).getFloat64(0, true);
  }

  float(): number {
    return this.view(4).getFloat32(0, true);
  }

  fixed64(): bigint {
    return this.view(8).getBigUint64(0, true);
  }

  fixed32(): number {
    return this.view(4).getUint32(0, true);
  }
}
