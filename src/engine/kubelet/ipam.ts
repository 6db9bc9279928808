/**
 * The host-local IPAM plugin flannel's CNI config uses: addresses from the node's podCIDR, `.1` kept for the
 * cni0 bridge (the pods' gateway), handed out round-robin after the last one allocated — so a new pod rarely
 * reuses the address a deleted pod just released, as on a real node.
 */
export class HostLocalIpam {
  private readonly base: number;
  private readonly size: number;
  private readonly byOwner = new Map<string, number>();
  private readonly used = new Set<number>();
  private last = 1;

  constructor(readonly cidr: string) {
    const [ip, bits] = cidr.split('/');
    this.base = ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
    this.size = 2 ** (32 - Number(bits));
  }

  get gateway(): string {
    return toIP(this.base + 1);
  }

  /** The owner's address (the same one again if it already has one); undefined when the range is exhausted. */
  allocate(owner: string): string | undefined {
    const have = this.byOwner.get(owner);
    if (have !== undefined) return toIP(this.base + have);
    // .0 is the network, .1 the gateway, the last the broadcast address.
    const first = 2;
    const lastUsable = this.size - 2;
    for (let i = 0; i <= lastUsable - first; i++) {
      const candidate = first + ((this.last - first + 1 + i) % (lastUsable - first + 1));
      if (this.used.has(candidate)) continue;
      this.used.add(candidate);
      this.byOwner.set(owner, candidate);
      this.last = candidate;
      return toIP(this.base + candidate);
    }
    return undefined;
  }

  release(owner: string): void {
    const offset = this.byOwner.get(owner);
    if (offset === undefined) return;
    this.byOwner.delete(owner);
    this.used.delete(offset);
  }

  allocated(): number {
    return this.used.size;
  }
}

function toIP(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
