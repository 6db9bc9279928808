/**
 * Running one probe (pkg/kubelet/prober) against the simulated container: exec in the container, HTTP GET to the
 * pod's network, a TCP connect, or a gRPC health check — with the result text the kubelet puts into `Unhealthy`
 * events (`HTTP probe failed with statuscode: 503`, `dial tcp 10.244.1.5:80: connect: connection refused`, …).
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { RunningContainer } from '../runtime/container';
import type { PodNetwork } from '../runtime/network';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

export interface ProbeOutcome {
  ok: boolean;
  /** What the prober reports on failure (exec output, HTTP status, dial error). */
  output: string;
}

export interface ProbeTarget {
  container: RunningContainer;
  spec: Container;
  network: PodNetwork;
  podIP: string;
}

/** Resolves a named port against the container's ports (as the prober does). */
export function resolvePort(port: number | string | undefined, spec: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return spec.ports?.find((p) => p.name === port)?.containerPort;
}

export function runProbe(probe: Probe, target: ProbeTarget, nowMs: number): ProbeOutcome {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) return execProbe(probe.exec.command ?? [], target, nowMs, timeoutMs);
  if (probe.httpGet) {
    const h = probe.httpGet;
    const port = resolvePort(h.port, target.spec);
    const host = h.host || target.podIP;
    const scheme = (h.scheme ?? 'HTTP').toLowerCase();
    const path = h.path || '/';
    const url = `${scheme}://${host}:${port ?? h.port}${path.startsWith('/') ? path : `/${path}`}`;
    if (port === undefined) return { ok: false, output: `unable to find port: ${String(h.port)}` };
    const owner = target.network.lookup(port, 'TCP');
    if (!owner) return { ok: false, output: `Get ${JSON.stringify(url)}: dial tcp ${host}:${port}: connect: connection refused` };
    const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
    for (const hd of h.httpHeaders ?? []) headers[hd.name] = hd.value;
    const res = target.container.handleHttp(port, { method: 'GET', host, path, headers, remoteAddr: host }, nowMs);
    if ('error' in res) {
      if (res.error === 'empty-reply') return { ok: false, output: `Get ${JSON.stringify(url)}: EOF` };
      if (res.error === 'timeout') return { ok: false, output: `Get ${JSON.stringify(url)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
      return { ok: false, output: `Get ${JSON.stringify(url)}: dial tcp ${host}:${port}: connect: connection refused` };
    }
    if (res.status >= 200 && res.status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, target.spec);
    const host = probe.tcpSocket.host || target.podIP;
    if (port !== undefined && target.network.lookup(port, 'TCP')) return { ok: true, output: '' };
    return { ok: false, output: `dial tcp ${host}:${port ?? String(probe.tcpSocket.port)}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (target.network.lookup(port, 'TCP')) return { ok: true, output: '' };
    return { ok: false, output: `timeout: failed to connect service "${target.podIP}:${port}" within ${probe.timeoutSeconds ?? 1}s: context deadline exceeded` };
  }
  return { ok: true, output: '' };
}

function execProbe(command: string[], target: ProbeTarget, nowMs: number, timeoutMs: number): ProbeOutcome {
  const r = target.container.exec(command, nowMs);
  if (!r.ok) return { ok: false, output: r.message };
  const step = r.process.step(nowMs + timeoutMs);
  const output = step.output.map((l) => `${l.text}\n`).join('');
  if (!step.exit) {
    r.process.signal('SIGKILL', nowMs + timeoutMs);
    return { ok: false, output: `command ${JSON.stringify(command.join(' '))} timed out` };
  }
  return { ok: step.exit.code === 0, output };
}
