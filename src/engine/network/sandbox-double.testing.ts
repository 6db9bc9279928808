/**
 * TEST DOUBLE for the kubelet's half of the pod network contract: until the kubelet registers its pod
 * sandboxes into `cluster.network.sandboxes`, this starts a real runtime container for each running pod
 * (same image, command and args, same pod IP) and attaches it, so traffic reaches a process that answers as
 * the pod's would. Everything else — scheduling, kubelet, readiness, endpoints, kube-proxy, DNS — is real.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../cluster';
import { resolveImage } from '../runtime/images';
import { startContainer, type RunningContainer } from '../runtime/container';
import { PodNetwork } from '../runtime/network';

export class SandboxDouble {
  private readonly attached = new Map<string, { detach: () => void; containers: RunningContainer[] }>();

  constructor(private readonly cluster: Cluster) {}

  /** Attaches every running pod not attached yet; detaches pods that are gone or stopped. */
  sync(): void {
    const now = this.cluster.now();
    const pods = this.cluster.list('pods') as Pod[];
    const live = new Set<string>();
    for (const pod of pods) {
      const ip = pod.status?.podIP;
      if (!ip || pod.spec?.hostNetwork || pod.status?.phase !== 'Running') continue;
      const key = `${pod.metadata!.uid}`;
      live.add(key);
      if (this.attached.has(key)) continue;
      const network = new PodNetwork();
      const containers: RunningContainer[] = [];
      for (const c of pod.spec?.containers ?? []) {
        const image = resolveImage(c.image ?? '');
        if (!image.ok) continue;
        const started = startContainer({ name: c.name, image: image.image, command: c.command, args: c.args, podName: pod.metadata!.name!, hostname: pod.spec?.hostname, podIP: ip, network, startMs: now - 10_000, epochMs: this.cluster.engine.epochMs }, this.cluster.network.hostFor(pod.metadata!.namespace!, pod.metadata!.name!));
        if (started.ok) {
          started.container.advance(now);
          containers.push(started.container);
        }
      }
      const detach = this.cluster.network.sandboxes.attach(ip, { containers: () => containers });
      this.attached.set(key, { detach, containers });
    }
    for (const [key, a] of this.attached) {
      if (live.has(key)) continue;
      a.detach();
      this.attached.delete(key);
    }
  }
}
