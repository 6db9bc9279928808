/**
 * `serve` at the HTTP level: the mapping to ApiRequest/ApiResponse, watch streaming, and robustness against
 * malformed, oversized and abandoned requests — after each, the server must still answer.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServeHandle } from '../../src/server/server';
import { createHttpApi } from '../../src/server/http-api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEndpoint, ApiResponse } from '../../src/engine/apiserver/types';

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function send(base: string, method: string, path: string, opts: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Raw bytes over TCP, for requests no HTTP client would send. */
function raw(port: number, payload: string, opts: { hangUp?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(payload, () => opts.hangUp && socket.destroy()));
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('close', () => resolve(out));
    socket.on('error', () => resolve(out));
    socket.setTimeout(5_000, () => socket.destroy());
  });
}

/** Opens a watch and collects its lines. */
function openWatch(base: string, path: string, headers: Record<string, string> = {}) {
  const lines: any[] = [];
  let ended = false;
  let status = 0;
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  const req = httpRequest(`${base}${path}`, { headers }, (res) => {
    status = res.statusCode ?? 0;
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
      }
      notify();
    });
    res.on('end', () => {
      ended = true;
      notify();
    });
    res.on('error', () => {});
  });
  req.on('error', () => {});
  req.end();
  const until = (pred: () => boolean, timeoutMs = 5_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pred()) {
          waiters.delete(check);
          clearTimeout(t);
          resolve();
        }
      };
      const t = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`watch condition not met; lines: ${JSON.stringify(lines).slice(0, 500)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { req, lines, until, ended: () => ended, status: () => status };
}

const cm = (name: string, data: Record<string, string> = {}) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const JSON_HEADERS = { 'content-type': 'application/json' };

async function alive(s: ServeHandle): Promise<void> {
  const r = await send(s.url, 'GET', '/healthz');
  expect(r.status).toBe(200);
  expect(r.body).toBe('ok');
  expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
}

describe('serve over HTTP', () => {
  let s: ServeHandle;
  beforeAll(async () => {
    // Paused: sim time never moves, so anything delivered was delivered by the request path itself.
    s = await startServer({ paused: true, seed: 7, onError: () => {} });
  });
  afterAll(async () => {
    await s.close();
  });

  it('serves JSON objects and Status errors with their codes', async () => {
    const created = await send(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm('one', { a: 'b' }), headers: JSON_HEADERS });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe('application/json');
    expect(JSON.parse(created.body)).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'one', namespace: 'default' }, data: { a: 'b' } });
    const missing = await send(s.url, 'GET', '/api/v1/namespaces/default/configmaps/nope');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'configmaps "nope" not found', code: 404 });
  });

  it('answers aggregated discovery with its content type', async () => {
    const r = await send(s.url, 'GET', '/apis', { headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(JSON.parse(r.body).kind).toBe('APIGroupDiscoveryList');
  });

  it('answers /openapi/v2 with 404 so kubectl turns to v3', async () => {
    const r = await send(s.url, 'GET', '/openapi/v2', { headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(r.status).toBe(404);
  });

  it('rejects unparsable JSON with the apiserver message, and a wrong method with 405', async () => {
    const bad = await send(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: '{"kind":', headers: JSON_HEADERS });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).reason).toBe('BadRequest');
    const options = await send(s.url, 'OPTIONS', '/api/v1/namespaces');
    expect(options.status).toBe(405);
  });

  it('answers a 4 MiB body with 413 and keeps serving', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 'a');
    const r = await send(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: big, headers: JSON_HEADERS }).catch((e: Error) => e);
    // The server answers before reading it all; the client may see the reply or a reset while still sending.
    if (!(r instanceof Error)) {
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728', code: 413 });
    }
    const chunked = await raw(
      s.port,
      `POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${'100000\r\n' + 'a'.repeat(0x100000) + '\r\n'}`.repeat(1) +
        ('100000\r\n' + 'b'.repeat(0x100000) + '\r\n').repeat(3),
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 413 /);
    await alive(s);
  });

  it('survives malformed HTTP and oversized headers', async () => {
    expect(await raw(s.port, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(s.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(s.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
    expect(await raw(s.port, 'GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    // A client that sends half a request and hangs up.
    await raw(s.port, 'POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"a"', { hangUp: true });
    await alive(s);
  });

  it('streams a watch: initial ADDED, then events caused by requests, delivered without sim time moving', async () => {
    const t0 = s.cluster.now();
    const w = openWatch(s.url, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0');
    await w.until(() => w.lines.some((l) => l.type === 'ADDED' && l.object.metadata.name === 'one'));
    expect(w.status()).toBe(200);
    await send(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm('two'), headers: JSON_HEADERS });
    await w.until(() => w.lines.some((l) => l.type === 'ADDED' && l.object.metadata.name === 'two'));
    await send(s.url, 'DELETE', '/api/v1/namespaces/default/configmaps/two');
    await w.until(() => w.lines.some((l) => l.type === 'DELETED' && l.object.metadata.name === 'two'));
    expect(s.cluster.now()).toBe(t0);
    w.req.destroy();
  });

  it('closes a watch after timeoutSeconds of wall time', async () => {
    const started = Date.now();
    const w = openWatch(s.url, '/api/v1/namespaces?watch=1&timeoutSeconds=1');
    await w.until(() => w.ended(), 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // The watch began with every existing namespace (the cluster is paused, so that set stays put).
    const existing = s.cluster.list('namespaces').map((ns) => ns.metadata.name as string);
    expect(existing).toEqual(expect.arrayContaining(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']));
    expect(w.lines.filter((l) => l.type === 'ADDED').map((l) => l.object.metadata.name).sort()).toEqual([...existing].sort());
  });

  it('stops the engine watch when the client goes away', async () => {
    const before = s.http.watchCount();
    const w = openWatch(s.url, '/api/v1/namespaces?watch=true');
    await w.until(() => w.lines.length === 4);
    expect(s.http.watchCount()).toBe(before + 1);
    w.req.destroy();
    for (let i = 0; i < 50 && s.http.watchCount() > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.http.watchCount()).toBe(before);
    // Changes after the client left are not written anywhere and break nothing.
    await send(s.url, 'POST', '/api/v1/namespaces', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after' } }), headers: JSON_HEADERS });
    await alive(s);
  });

  it('sends Table watch events with column definitions only on the first', async () => {
    const w = openWatch(s.url, '/api/v1/namespaces/default/configmaps?watch=true', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    await w.until(() => w.lines.length >= 1);
    await send(s.url, 'POST', '/api/v1/namespaces/default/configmaps', { body: cm('three', { x: 'y' }), headers: JSON_HEADERS });
    await w.until(() => w.lines.some((l) => l.object.rows?.[0]?.cells?.[0] === 'three'));
    const [first, ...rest] = w.lines;
    expect(first.object.kind).toBe('Table');
    expect(first.object.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Data', 'Age']);
    const three = rest.find((l) => l.object.rows[0].cells[0] === 'three');
    expect(three.type).toBe('ADDED');
    expect(three.object.columnDefinitions ?? []).toEqual([]);
    expect(three.object.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'three' } });
    w.req.destroy();
  });

  it('ends the stream after an ERROR 410 for a compacted resourceVersion, or answers errors before streaming', async () => {
    const badRv = await send(s.url, 'GET', '/api/v1/namespaces?watch=true&resourceVersion=abc');
    expect(badRv.status).toBe(400);
    const badPath = await send(s.url, 'GET', '/api/v1/frobs?watch=true');
    expect(badPath.status).toBe(404);
  });
});

describe('HTTP mapping details', () => {
  it('passes Warning and Content-Type through, text bodies as text, and names the client from its User-Agent', async () => {
    const seen: { client?: string; headers?: Record<string, string | undefined>; body?: unknown; query?: Record<string, string | undefined> }[] = [];
    const endpoint: ApiEndpoint = {
      request(req): ApiResponse {
        seen.push({ client: req.client, headers: req.headers, body: req.body, query: req.query });
        if (req.path.endsWith('/log')) return { status: 200, body: 'line 1\nline 2\n', headers: { 'content-type': 'text/plain' } };
        return { status: 201, body: { kind: 'ConfigMap' }, headers: { warning: '299 - "unknown field \\"spec.x\\""' } };
      },
      watch() {
        return { status: 404, body: {} };
      },
    };
    const api = createHttpApi({ endpoint, nowMs: () => 0 });
    const server = createServer((req, res) => api.handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const created = await send(base, 'PATCH', '/api/v1/namespaces/default/configmaps/x?fieldManager=kubectl&fieldManager=other&force=false', {
        body: 'apiVersion: v1\nkind: ConfigMap\n',
        headers: { 'content-type': 'application/apply-patch+yaml', 'user-agent': 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07', 'X-Custom': 'Yes' },
      });
      expect(created.status).toBe(201);
      expect(created.headers.warning).toBe('299 - "unknown field \\"spec.x\\""');
      expect(seen[0]).toMatchObject({
        client: 'kubectl',
        body: 'apiVersion: v1\nkind: ConfigMap\n',
        query: { fieldManager: 'kubectl', force: 'false' },
        headers: { 'content-type': 'application/apply-patch+yaml', 'x-custom': 'Yes' },
      });
      const log = await send(base, 'GET', '/api/v1/namespaces/default/pods/p/log', { headers: { 'user-agent': 'curl/8.5.0' } });
      expect(log.body).toBe('line 1\nline 2\n');
      expect(log.headers['content-type']).toBe('text/plain');
      expect(seen[1].client).toBe('curl');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
