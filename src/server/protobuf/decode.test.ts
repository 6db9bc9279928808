import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf, ProtobufDecodeError } from './decode';

// A minimal protobuf writer, enough to build what client-go's protobuf serializer sends.
const varint = (n: number | bigint): number[] => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
};
const bytesField = (no: number, payload: number[]) => [...varint((no << 3) | 2), ...varint(payload.length), ...payload];
const str = (no: number, s: string) => bytesField(no, [...new TextEncoder().encode(s)]);
const int = (no: number, n: number) => [...varint(no << 3), ...varint(n)];
const envelope = (apiVersion: string, kind: string, raw: number[]) =>
  new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...bytesField(1, [...str(1, apiVersion), ...str(2, kind)]), ...bytesField(2, raw)]);

describe('decodeKubernetesProtobuf', () => {
  it('decodes a ConfigMap as kubectl create configmap sends it', () => {
    // ObjectMeta: name=x, namespace="" (Go writes empty strings), creationTimestamp zero.
    const meta = [...str(1, 'x'), ...str(2, ''), ...str(3, ''), ...bytesField(8, [])];
    const entry = (k: string, v: string) => bytesField(2, [...str(1, k), ...str(2, v)]);
    const raw = [...bytesField(1, meta), ...entry('a', 'b'), ...entry('empty', '')];
    expect(decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', creationTimestamp: null },
      data: { a: 'b', empty: '' },
    });
  });

  it('decodes nested messages, repeated fields, int-or-string, quantities, times and bytes', () => {
    const port = [...str(1, 'http'), ...str(2, 'TCP'), ...int(3, 80), ...bytesField(4, [...int(1, 1), ...str(3, 'web')])];
    const svc = [...bytesField(1, [...str(1, 'svc')]), ...bytesField(2, [...bytesField(1, port), ...str(4, 'ClusterIP')])];
    expect(decodeKubernetesProtobuf(envelope('v1', 'Service', svc))).toMatchObject({
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'web' }], type: 'ClusterIP' },
    });

    const limits = bytesField(1, [...str(1, 'cpu'), ...bytesField(2, str(1, '500m'))]);
    const container = [...str(1, 'c'), ...str(2, 'nginx'), ...bytesField(8, limits)];
    const pod = [...bytesField(1, [...str(1, 'p'), ...bytesField(8, [...int(1, 1_735_689_600)])]), ...bytesField(2, bytesField(2, container))];
    expect(decodeKubernetesProtobuf(envelope('v1', 'Pod', pod))).toMatchObject({
      metadata: { name: 'p', creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits: { cpu: '500m' } } }] },
    });

    const secret = [...bytesField(1, str(1, 's')), ...bytesField(2, [...str(1, 'p'), ...bytesField(2, [113])])];
    expect(decodeKubernetesProtobuf(envelope('v1', 'Secret', secret))).toMatchObject({ data: { p: 'cQ==' } });
  });

  it('decodes an Eviction with its DeleteOptions (kubectl drain)', () => {
    const eviction = [...bytesField(1, [...str(1, 'web-1'), ...str(3, 'default')]), ...bytesField(2, int(1, 30))];
    expect(decodeKubernetesProtobuf(envelope('policy/v1', 'Eviction', eviction))).toEqual({
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'web-1', namespace: 'default' },
      deleteOptions: { gracePeriodSeconds: 30 },
    });
  });

  it('rejects bodies without the magic prefix, unknown kinds and truncated data', () => {
    expect(() => decodeKubernetesProtobuf(new TextEncoder().encode('{"kind":"ConfigMap"}'))).toThrow(ProtobufDecodeError);
    expect(() => decodeKubernetesProtobuf(envelope('v1', 'Frobnicator', []))).toThrow(/no kind "Frobnicator" is registered for version "v1"/);
    const cut = envelope('v1', 'ConfigMap', bytesField(1, str(1, 'x'))).slice(0, -2);
    expect(() => decodeKubernetesProtobuf(cut)).toThrow(ProtobufDecodeError);
  });
});
