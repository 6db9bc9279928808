/// <reference types="node" />
/**
 * The headless cluster: createCluster + an HTTP server on 127.0.0.1 + the pacer that runs the engine in scaled
 * real time. `main.ts` is the CLI around it; tests start it in-process on port 0.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createCluster, type Cluster } from '../engine/cluster';
import type { Speed } from './args';
import { createHttpApi, type HttpApi } from './http-api';
import { openApiRoute } from './openapi';
import { Pacer } from './pacer';

export const SERVE_HOST = '127.0.0.1';

export interface ServeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Worker nodes (createCluster's `workers`). */
  nodes?: number;
  speed?: Speed;
  seed?: number;
  token?: string;
  /** Wall-clock instant sim time 0 stands for; default: now, so client-side ages read naturally. */
  epochMs?: number;
  /** Don't run the pacer (tests that drive the clock themselves). */
  paused?: boolean;
  onError?: (err: unknown) => void;
}

export interface ServeHandle {
  readonly url: string;
  readonly port: number;
  readonly cluster: Cluster;
  readonly pacer: Pacer;
  readonly http: HttpApi;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions = {}): Promise<ServeHandle> {
  const epochMs = options.epochMs ?? Math.floor(Date.now() / 1000) * 1000;
  const cluster = createCluster({ seed: options.seed ?? 1, workers: options.nodes ?? 3, epochMs });
  const engine = cluster.engine;
  const pacer = new Pacer(engine, { speed: options.speed ?? 1 });
  const http = createHttpApi({
    endpoint: cluster.apiserver,
    settle: () => pacer.settle(),
    nowMs: () => engine.epochMs + engine.now(),
    token: options.token,
    extraRoute: openApiRoute,
    onError: options.onError,
  });

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 30_000, keepAliveTimeout: 30_000 }, (req, res) => http.handle(req, res));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => rejectMalformed(err, socket));
  // exec/attach/port-forward would upgrade to SPDY or WebSocket streams, which the simulation doesn't serve.
  server.on('upgrade', (_req, socket) => rejectUpgrade(socket as Socket));

  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  if (!options.paused) pacer.start();

  let closed = false;
  return {
    url: `http://${SERVE_HOST}:${port}`,
    port,
    cluster,
    pacer,
    http,
    async close() {
      if (closed) return;
      closed = true;
      pacer.stop();
      http.closeWatches();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, SERVE_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Unparsable HTTP gets a bare 400 (431 for oversized headers) and the connection is closed. */
function rejectMalformed(err: NodeJS.ErrnoException, socket: Socket | import('node:stream').Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${status}`);
}

function rejectUpgrade(socket: Socket): void {
  const body = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'streaming (exec, attach, port-forward) is not supported by the Pilothouse simulation',
    reason: 'BadRequest',
    code: 400,
  });
  if (!socket.writable) return void socket.destroy();
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
