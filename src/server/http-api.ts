/// <reference types="node" />
/**
 * HTTP ↔ ApiEndpoint: serves the simulated apiserver to real HTTP clients (kubectl, curl, client-go).
 *
 * Every request is read in full (up to the 3 MiB limit upstream enforces), turned into an ApiRequest and handled
 * synchronously at the current sim time; `settle` then runs what that made due now, so a watch event a request
 * caused goes out at once. Watches stream one JSON event per line over a chunked response, flushed per event, and
 * close on `timeoutSeconds` (wall time, as a real server), on the engine closing them, or when the client leaves.
 * Nothing a client sends — malformed HTTP, oversized bodies, abandoned connections — may take the server down.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEndpoint, ApiRequest, ApiResponse, HttpMethod, WatchEvent, WatchHandle } from '../engine/apiserver/types';
import { parseRequestInfo, type RequestInfo } from '../engine/apiserver/request-info';
import { badRequest, failure, internalError, isStatus, type Status } from '../engine/apiserver/status';
import { decodeKubernetesProtobuf, ProtobufDecodeError, PROTOBUF_CONTENT_TYPE } from './protobuf/decode';
import { acceptsTable, tableRequestFrom, TableWatchEncoder, toTableResponse, type TableRequest, type TableTarget } from './table';

type Obj = Record<string, any>;

/** Upstream's request body limit (apiserver MaxRequestBodyBytes). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;
/** Upstream picks a watch timeout between 30 and 60 minutes when the client names none. */
const DEFAULT_WATCH_TIMEOUT_SECONDS = 1800;
/** A watch whose client stopped reading is cut off once this much is queued (upstream drops slow watchers too). */
const MAX_WATCH_BACKLOG_BYTES = 16 * 1024 * 1024;

const METHODS = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface HttpApiOptions {
  endpoint: ApiEndpoint;
  /** Runs timers due at the current sim time (never advances it). */
  settle?: () => void;
  /** Wall-clock instant of the sim's now (epoch ms), for the AGE cells of Tables. */
  nowMs: () => number;
  /** Bearer token clients must present; undefined ⇒ anyone may call. */
  token?: string;
  maxBodyBytes?: number;
  maxWatchBacklogBytes?: number;
  /** Routes served before the apiserver (e.g. /openapi/v3); undefined ⇒ not handled. */
  extraRoute?: (req: ApiRequest) => ApiResponse | undefined;
  /** Reports unexpected errors (default: console.error). */
  onError?: (err: unknown) => void;
}

export interface HttpApi {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Open watch streams. */
  watchCount(): number;
  /** Ends every watch stream (server shutdown). */
  closeWatches(): void;
}

interface OpenWatch {
  res: ServerResponse;
  handle?: WatchHandle;
  timer?: NodeJS.Timeout;
  closed: boolean;
}

export function createHttpApi(options: HttpApiOptions): HttpApi {
  const maxBody = options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  const maxBacklog = options.maxWatchBacklogBytes ?? MAX_WATCH_BACKLOG_BYTES;
  const settle = options.settle ?? (() => {});
  const reportError = options.onError ?? ((err: unknown) => console.error('pilothouse serve:', err));
  const watches = new Set<OpenWatch>();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    req.on('error', () => res.destroy());
    res.on('error', () => req.destroy());
    const method = (req.method ?? '').toUpperCase();
    const url = parseUrl(req.url);
    if (!url) {
      req.resume();
      writeStatus(res, badRequest(`invalid request URL: ${truncate(req.url ?? '', 200)}`));
      return;
    }
    if (options.token !== undefined && !authorized(req.headers.authorization, options.token)) {
      req.resume();
      writeStatus(res, failure(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    if (!METHODS.has(method as HttpMethod)) {
      req.resume();
      writeStatus(res, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
      return;
    }
    readBody(req, maxBody, (result) => {
      if (result === 'too-large') {
        // The rest of the body is not worth reading: answer and close the connection.
        res.shouldKeepAlive = false;
        writeStatus(res, failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${maxBody}`));
        return;
      }
      if (result === 'aborted') return;
      try {
        serve(method as HttpMethod, url, req, res, result);
      } catch (err) {
        reportError(err);
        if (!res.headersSent) writeStatus(res, internalError(err instanceof Error ? err.message : String(err)));
        else res.destroy();
      }
    });
  }

  function serve(method: HttpMethod, url: { path: string; query: Record<string, string> }, req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const headers = lowerCaseHeaders(req);
    const body = decodeBody(raw, headers['content-type']);
    if (isStatus(body)) {
      writeStatus(res, body);
      return;
    }
    const apiReq: ApiRequest = {
      method,
      path: url.path,
      query: url.query,
      headers,
      body,
      client: clientFromUserAgent(headers['user-agent']),
    };
    const extra = options.extraRoute?.(apiReq);
    if (extra) {
      writeResponse(res, extra);
      return;
    }
    const info = parseRequestInfo(apiReq);
    const table = acceptsTable(headers.accept) && isTableVerb(info) ? tableRequestFrom(url.query) : undefined;
    if (table && isStatus(table)) {
      writeStatus(res, table);
      return;
    }
    if (method === 'GET' && info.isResourceRequest && info.verb === 'watch') {
      openWatch(apiReq, info, res, table);
      return;
    }
    let response = options.endpoint.request(apiReq);
    // The apiserver negotiates Tables for get/list itself; convert here only what it left as objects.
    if (table && response.status === 200 && isPlainObject(response.body) && response.body.kind !== 'Table') {
      response = { ...response, body: toTableResponse(tableTarget(info), response.body as Obj, options.nowMs(), table) };
    }
    writeResponse(res, response);
    settle();
  }

  function openWatch(apiReq: ApiRequest, info: RequestInfo, res: ServerResponse, table: TableRequest | undefined): void {
    const w: OpenWatch = { res, closed: false };
    const encoder = table ? new TableWatchEncoder(tableTarget(info), table, options.nowMs) : undefined;
    const close = () => {
      if (w.closed) return;
      w.closed = true;
      watches.delete(w);
      if (w.timer) clearTimeout(w.timer);
      w.handle?.stop();
      if (!res.writableEnded && !res.destroyed) res.end();
    };
    const onEvent = (event: WatchEvent) => {
      if (w.closed) return;
      if (res.destroyed) return close();
      const line = `${JSON.stringify(encoder ? encoder.encode(event) : event)}\n`;
      res.write(line);
      if (res.writableLength > maxBacklog) {
        // The client stopped reading: drop it rather than buffer without bound.
        close();
        res.destroy();
      }
    };
    const opened = options.endpoint.watch(apiReq, onEvent, close);
    if (!('stop' in opened)) {
      writeResponse(res, opened);
      return;
    }
    w.handle = opened;
    watches.add(w);
    res.on('close', close);
    res.socket?.setNoDelay(true);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    const timeout = watchTimeoutSeconds(apiReq.query?.timeoutSeconds);
    w.timer = setTimeout(close, timeout * 1000);
    // Initial ADDED events (and anything else due now) go out at once.
    settle();
  }

  return {
    handle(req, res) {
      try {
        handle(req, res);
      } catch (err) {
        reportError(err);
        res.destroy();
      }
    },
    watchCount: () => watches.size,
    closeWatches() {
      for (const w of [...watches]) {
        w.handle?.stop();
        w.closed = true;
        if (w.timer) clearTimeout(w.timer);
        if (!w.res.writableEnded) w.res.end();
      }
      watches.clear();
    },
  };
}

// -----------------------------------------------------------------------------------------------------------
// Request decoding

function parseUrl(raw: string | undefined): { path: string; query: Record<string, string> } | undefined {
  if (!raw || !raw.startsWith('/')) return undefined;
  let url: URL;
  try {
    url = new URL(raw, 'http://127.0.0.1');
  } catch {
    return undefined;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  // Like Go's url.Values.Get: the first value of a repeated parameter wins.
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  return { path, query };
}

function authorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return !!m && m[1].trim() === token;
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * JSON bodies arrive decoded, protobuf ones (kubectl's typed clients) decoded to the same JSON; anything else (YAML
 * apply patches, unparsable JSON) as raw text for the apiserver to decode and word its own errors about. No body ⇒
 * undefined; an undecodable protobuf body ⇒ the 400 Status to answer with.
 */
export function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === PROTOBUF_CONTENT_TYPE) {
    try {
      return decodeKubernetesProtobuf(raw);
    } catch (err) {
      if (err instanceof ProtobufDecodeError || err instanceof RangeError) return badRequest(`error decoding protobuf body: ${err.message}`);
      throw err;
    }
  }
  const text = raw.toString('utf8');
  const isJson = type === '' || type === 'application/json' || type.endsWith('+json');
  if (!isJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `kubectl/v1.32.4 (linux/amd64) kubernetes/abc` ⇒ `kubectl`; other clients by their product token. */
export function clientFromUserAgent(ua: string | undefined): string {
  const product = (ua ?? '').trim().split(/[\s/]/)[0];
  if (!product) return 'http-client';
  if (/^kubectl([.-].*)?$/i.test(product)) return 'kubectl';
  return product.slice(0, 64);
}

function readBody(req: IncomingMessage, limit: number, done: (result: Buffer | 'too-large' | 'aborted') => void): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    done('too-large');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (result: Buffer | 'too-large' | 'aborted') => {
    if (finished) return;
    finished = true;
    done(result);
  };
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) {
      chunks.length = 0;
      finish('too-large');
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => finish(Buffer.concat(chunks)));
  req.on('aborted', () => finish('aborted'));
  req.on('close', () => {
    if (!req.complete) finish('aborted');
  });
}

function watchTimeoutSeconds(raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(n) || n <= 0) return DEFAULT_WATCH_TIMEOUT_SECONDS;
  return Math.min(n, 24 * 3600);
}

// -----------------------------------------------------------------------------------------------------------
// Tables

function isTableVerb(info: RequestInfo): boolean {
  if (!info.isResourceRequest) return false;
  if (info.verb !== 'get' && info.verb !== 'list' && info.verb !== 'watch') return false;
  return info.subresource === '' || info.subresource === 'status';
}

function tableTarget(info: RequestInfo): TableTarget {
  return { group: info.group, resource: info.resource };
}

// -----------------------------------------------------------------------------------------------------------
// Response encoding

function writeStatus(res: ServerResponse, status: Status): void {
  writeResponse(res, { status: status.code, body: status });
}

/** Writes a complete reply: JSON unless the body is text; response headers (Warning, Content-Type) pass through. */
export function writeResponse(res: ServerResponse, response: ApiResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { 'cache-control': 'no-cache, private' };
  for (const [k, v] of Object.entries(response.headers ?? {})) {
    const key = k.toLowerCase();
    if (HOP_BY_HOP.has(key) || v === undefined) continue;
    headers[key] = String(v);
  }
  let payload: string | undefined;
  if (typeof response.body === 'string') {
    payload = response.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json';
  }
  if (isStatus(response.body)) headers['x-content-type-options'] = 'nosniff';
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'trailer', 'te']);

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}...` : s;
}
