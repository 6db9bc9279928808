/**
 * TEST DOUBLE for the node side (scheduler + kubelet), used by the workload controllers' tests until the real
 * ones are wired into the cluster: it binds pending pods to nodes round-robin, reports them Running and Ready
 * after a start-up delay, and finishes graceful deletions after a shutdown delay — all through the API
 * (pods/binding, pods/status, DELETE with gracePeriodSeconds 0), on the virtual clock.
 * It stands in for the node only; the controllers under test are the real ones.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../../cluster";
import type { Timer } from "../../clock/virtual-clock";
import { registerTarget } from "../../client/clock-target";
import { KubeClient } from "../../client/rest-client";
import { SharedInformerFactory } from "../../client/informer-factory";
import { objectKey, splitKey } from "../../client/object-keys";

export interface TestKubeletOptions {
  nodes?: string[];
  /** ms from creation to binding. */
  bindDelayMs?: number;
  /** ms from binding to Running + Ready. */
  startDelayMs?: number;
  /** ms from deletionTimestamp to the pod being gone. */
  stopDelayMs?: number;
  /** Pods (by name prefix) that never become ready. */
  neverReady?: (pod: Pod) => boolean;
}

export class TestKubelet {
  private readonly client: KubeClient;
  private readonly target: string;
  private next = 0;
  private readonly opts: Required<TestKubeletOptions>;
  private readonly factory: SharedInformerFactory;

  constructor(
    private readonly cluster: Cluster,
    opts: TestKubeletOptions = {},
  ) {
    this.opts = {
      nodes: ["node-1", "node-2", "node-3"],
      bindDelayMs: 100,
      startDelayMs: 1000,
      stopDelayMs: 1000,
      neverReady: () => false,
      ...opts,
    };
    this.client = new KubeClient(
      cluster.apiserver,
      cluster.registry,
      "test-kubelet",
    );
    this.target = registerTarget(cluster.engine, "test-kubelet", (t) =>
      this.onTimer(t),
    );
    this.factory = new SharedInformerFactory(cluster.engine, this.client);
    const pods = this.factory.informerFor<Pod>({
      group: "",
      version: "v1",
      resource: "pods",
    });
    const consider = (pod: Pod) => this.consider(pod);
    pods.addEventHandler({ onAdd: consider, onUpdate: (_o, p) => consider(p) });
    this.factory.start();
  }

  stop(): void {
    this.factory.shutdown();
  }

  private consider(pod: Pod): void {
    const key = objectKey(pod);
    const clock = this.cluster.engine.clock;
    if (pod.metadata?.deletionTimestamp) {
      if (!clock.pending(this.target, `stop:${key}`))
        clock.schedule(
          pod.spec?.nodeName ? this.opts.stopDelayMs : 0,
          this.target,
          `stop:${key}`,
          pod.metadata.uid,
        );
      return;
    }
    if (!pod.spec?.nodeName) {
      if (!clock.pending(this.target, `bind:${key}`))
        clock.schedule(
          this.opts.bindDelayMs,
          this.target,
          `bind:${key}`,
          pod.metadata?.uid,
        );
      return;
    }
    if (
      pod.status?.phase === "Pending" &&
      !this.opts.neverReady(pod) &&
      !clock.pending(this.target, `start:${key}`)
    ) {
      clock.schedule(
        this.opts.startDelayMs,
        this.target,
        `start:${key}`,
        pod.metadata?.uid,
      );
    }
  }

  private onTimer(timer: Timer): void {
    const i = timer.key.indexOf(":");
    const action = timer.key.slice(0, i);
    const { namespace, name } = splitKey(timer.key.slice(i + 1));
    const api = this.client.resource<Pod>({
      group: "",
      version: "v1",
      resource: "pods",
    });
    const current = api.get(namespace, name);
    if (!current.ok || current.value.metadata?.uid !== timer.payload) return;
    const pod: Pod = structuredClone(current.value);
    if (
      action === "bind" &&
      !pod.spec?.nodeName &&
      !pod.metadata?.deletionTimestamp
    ) {
      const node = this.opts.nodes[this.next++ % this.opts.nodes.length];
      api.bind(namespace, {
        metadata: { name, namespace },
        target: { kind: "Node", name: node },
      });
    } else if (action === "start" && !pod.metadata?.deletionTimestamp) {
      const now = this.cluster.engine.timestamp();
      const cond = (type: string) => ({
        type,
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: now,
      });
      const running: Pod = {
        ...pod,
        status: {
          ...pod.status,
          phase: "Running",
          startTime: now,
          conditions: [
            cond("PodReadyToStartContainers"),
            cond("Initialized"),
            cond("Ready"),
            cond("ContainersReady"),
            cond("PodScheduled"),
          ] as never,
          containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
            name: c.name,
            image: c.image ?? "",
            imageID: "",
            ready: true,
            restartCount: 0,
            started: true,
            state: { running: { startedAt: now } },
          })),
        },
      };
      api.updateStatus(namespace, running);
    } else if (action === "stop") {
      api.delete(namespace, name, {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata?.uid },
      });
    }
  }
}
