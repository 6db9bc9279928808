/**
 * kube-proxy on one node (cmd/kube-proxy, iptables mode): its own connection (`kube-proxy/<node>`), informers
 * for Services and EndpointSlices (without headless Services and those owned by another proxy), and a sync loop
 * that rewrites the node's netfilter tables — at most once per --iptables-min-sync-period (1 s), the first sync
 * as soon as both caches are synced.
 *
 * Stopping kube-proxy stops the watching and syncing only: the rules it last wrote stay in the node's kernel, so
 * new endpoints are not reached and removed ones still are, until it runs again.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Engine } from '../engine';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import type { Timer } from '../clock/virtual-clock';
import { KubeClient } from '../client/rest-client';
import { SharedInformerFactory } from '../client/informer-factory';
import { registerTarget } from '../client/clock-target';
import type { SharedIndexInformer } from '../client/informer';
import { ENDPOINT_SLICES, LABEL_HEADLESS, LABEL_SERVICE_PROXY_NAME, SERVICES } from '../network/resources';
import { Netfilter } from './iptables';
import { syncProxyRules, type ProgrammedTables } from './proxier';
import { endpointsByServicePort, servicePorts } from './service-port';

export interface KubeProxyOptions {
  nodeName: string;
  /** kind's kube-proxy config sets clusterCIDR to the pod network. */
  clusterCIDR?: string;
  minSyncPeriodMs?: number;
  /** The node's kernel; a fresh one when omitted. */
  netfilter?: Netfilter;
}

/** The selector kube-proxy's informers use (pkg/proxy: no headless Services, none owned by another proxy). */
export const PROXY_LABEL_SELECTOR = `!${LABEL_SERVICE_PROXY_NAME},!${LABEL_HEADLESS}`;

export class KubeProxy {
  readonly nodeName: string;
  readonly netfilter: Netfilter;
  readonly clientName: string;
  private readonly target: string;
  private readonly minSyncPeriodMs: number;
  private informers?: SharedInformerFactory;
  private services?: SharedIndexInformer<Service>;
  private slices?: SharedIndexInformer<EndpointSlice>;
  private lastSyncMs?: number;
  private syncs = 0;

  constructor(
    private readonly engine: Engine,
    private readonly endpoint: ApiEndpoint,
    private readonly registry: ResourceRegistry,
    private readonly opts: KubeProxyOptions,
  ) {
    this.nodeName = opts.nodeName;
    this.netfilter = opts.netfilter ?? new Netfilter();
    this.minSyncPeriodMs = opts.minSyncPeriodMs ?? 1000;
    this.clientName = `kube-proxy/${opts.nodeName}`;
    this.target = registerTarget(engine, `kube-proxy/${opts.nodeName}`, (t) => this.onTimer(t));
  }

  get running(): boolean {
    return this.informers !== undefined;
  }

  /** How many times the rules were written. */
  get syncCount(): number {
    return this.syncs;
  }

  start(): void {
    if (this.informers) return;
    const client = new KubeClient(this.endpoint, this.registry, this.clientName);
    const informers = new SharedInformerFactory(this.engine, client);
    this.informers = informers;
    this.services = informers.informerFor<Service>(SERVICES, { labelSelector: PROXY_LABEL_SELECTOR });
    this.slices = informers.informerFor<EndpointSlice>(ENDPOINT_SLICES, { labelSelector: PROXY_LABEL_SELECTOR });
    const poke = () => this.requestSync();
    for (const inf of [this.services, this.slices] as SharedIndexInformer[]) inf.addEventHandler({ onAdd: poke, onUpdate: poke, onDelete: poke });
    for (const inf of [this.services, this.slices] as SharedIndexInformer[]) inf.onSynced(poke);
    informers.start();
  }

  /** Stops watching and syncing; the node keeps the rules last written. */
  stop(): void {
    this.informers?.shutdown();
    this.informers = undefined;
    this.services = undefined;
    this.slices = undefined;
    this.engine.clock.cancel(this.target, 'sync');
  }

  /** The node's rules as `iptables-save` prints them. */
  rules(tables?: Array<'filter' | 'nat'>): string {
    return this.netfilter.save(this.engine.timestamp(), tables);
  }

  /** What the next sync would write (for tests and the UI's diff view). */
  desiredTables(): ProgrammedTables | undefined {
    if (!this.services?.hasSynced() || !this.slices?.hasSynced()) return undefined;
    const ports = this.services.lister.list().flatMap(servicePorts);
    const endpoints = endpointsByServicePort(this.slices.lister.list());
    return syncProxyRules(ports, endpoints, { nodeName: this.nodeName, clusterCIDR: this.opts.clusterCIDR });
  }

  private requestSync(): void {
    if (!this.informers || this.engine.clock.pending(this.target, 'sync')) return;
    const now = this.engine.now();
    const earliest = this.lastSyncMs === undefined ? now : Math.max(now, this.lastSyncMs + this.minSyncPeriodMs);
    this.engine.clock.schedule(earliest - now, this.target, 'sync');
  }

  private onTimer(timer: Timer): void {
    if (timer.key !== 'sync' || !this.informers) return;
    const tables = this.desiredTables();
    // Not before both caches have synced: an empty cache would wipe every rule.
    if (!tables) return;
    this.netfilter.restore(tables, this.engine.now());
    this.lastSyncMs = this.engine.now();
    this.syncs++;
  }
}
