/**
 * Where the data path finds the processes that answer connections: the kubelet registers each running pod's
 * sandbox (by pod IP — the node's IP for host-network pods) and the network asks it which container listens on
 * a port. Defined here so the network does not depend on the kubelet; the kubelet registers into
 * `cluster.network.sandboxes`.
 */
import type { HttpRequest, HttpResult } from '../runtime/host';

/** A container that answers HTTP (the runtime's RunningContainer satisfies it). */
export interface PodHttpTarget {
  handleHttp(port: number, req: Omit<HttpRequest, 'port'> & { port?: number }, nowMs: number): HttpResult;
  isListening(port: number, protocol?: 'TCP' | 'UDP'): boolean;
}

export interface PodNetworkRegistry {
  /** The container listening on `port` in the pod (or host-network node) at `podIP`; undefined when none does. */
  containerFor(podIP: string, port: number): PodHttpTarget | undefined;
}

/** A pod sandbox as the kubelet registers it: its containers, looked up each time (they restart). */
export interface PodSandbox {
  containers(): Iterable<PodHttpTarget>;
}

/** The registry the cluster uses: sandboxes by IP, several per IP for host-network pods of one node. */
export class PodSandboxTable implements PodNetworkRegistry {
  private readonly byIP = new Map<string, Set<PodSandbox>>();

  /** Registers a sandbox at an IP; returns the function that unregisters it (call when the pod sandbox goes). */
  attach(podIP: string, sandbox: PodSandbox): () => void {
    let set = this.byIP.get(podIP);
    if (!set) this.byIP.set(podIP, (set = new Set()));
    set.add(sandbox);
    return () => {
      set.delete(sandbox);
      if (set.size === 0 && this.byIP.get(podIP) === set) this.byIP.delete(podIP);
    };
  }

  containerFor(podIP: string, port: number): PodHttpTarget | undefined {
    for (const sandbox of this.byIP.get(podIP) ?? []) {
      for (const c of sandbox.containers()) if (c.isListening(port, 'TCP')) return c;
    }
    return undefined;
  }

  has(podIP: string): boolean {
    return this.byIP.has(podIP);
  }
}
