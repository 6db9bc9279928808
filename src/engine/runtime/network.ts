/**
 * A pod's network namespace: the containers of a pod share one set of ports, so the second container to bind a
 * port fails with EADDRINUSE, exactly as on a real node.
 */
import type { PortBinding } from './sh/context';

export class PodNetwork {
  private readonly bound = new Map<string, { owner: string; binding: PortBinding }>();

  private static key(port: number, protocol: string): string {
    return `${protocol}/${port}`;
  }

  /** Binds for `owner` (a container name); false when another owner holds the port. */
  bind(owner: string, binding: PortBinding): boolean {
    const k = PodNetwork.key(binding.port, binding.protocol);
    const cur = this.bound.get(k);
    if (cur && cur.owner !== owner) return false;
    this.bound.set(k, { owner, binding });
    return true;
  }

  release(owner: string): void {
    for (const [k, v] of this.bound) if (v.owner === owner) this.bound.delete(k);
  }

  lookup(port: number, protocol: 'TCP' | 'UDP' = 'TCP'): { owner: string; binding: PortBinding } | undefined {
    return this.bound.get(PodNetwork.key(port, protocol));
  }

  /** Every bound port, for the UI and for probes. */
  listening(): { owner: string; port: number; protocol: 'TCP' | 'UDP' }[] {
    return [...this.bound.values()].map((v) => ({ owner: v.owner, port: v.binding.port, protocol: v.binding.protocol }));
  }
}
