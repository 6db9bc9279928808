/**
 * Leader election over a coordination.k8s.io/v1 Lease, as client-go's leaderelection package does it for
 * kube-controller-manager and kube-scheduler in HA: try to acquire every retry period (jittered), renew every
 * retry period while leading, and give leadership up when renewals keep failing for the renew deadline.
 *
 * A candidate only takes a lease whose holder it has not seen renew for a whole lease duration — measured on
 * its own clock from when it last saw the record change, never from the timestamps in the record.
 */
import type { Lease, LeaseSpec } from 'kubernetes-types/coordination/v1';
import type { Engine } from '../engine';
import { isoSeconds } from '../engine';
import type { Timer } from '../clock/virtual-clock';
import type { Rng } from '../util/rng';
import { newUid } from '../apiserver/rest/object-meta';
import { isNotFound } from './api-result';
import { registerTarget } from './clock-target';
import type { KubeClient, ResourceClient } from './rest-client';

export interface LeaderElectionConfig {
  /** The Lease to hold, e.g. kube-system/kube-controller-manager. */
  lock: { namespace: string; name: string };
  /** `<hostname>_<uuid>` (see leaderIdentity). */
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** On stop, hand the lease back (empty holder) so a standby takes over at once. */
  releaseOnCancel?: boolean;
  onStartedLeading(): void;
  onStoppedLeading(): void;
  onNewLeader?(identity: string): void;
}

/** Upstream's defaults for the control-plane components: 15 s lease, 10 s renew deadline, 2 s retry. */
export const LEADER_ELECTION_DEFAULTS = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
/** wait.JitterUntil factor for acquire retries. */
const JITTER_FACTOR = 1.2;

/** The holder identity kube-controller-manager and kube-scheduler use: `<hostname>_<uuid>`. */
export function leaderIdentity(hostname: string, rng: Rng): string {
  return `${hostname}_${newUid(rng)}`;
}

export type ElectorState = 'idle' | 'acquiring' | 'leading' | 'stopped';

export class LeaderElector {
  readonly target: string;
  private readonly leases: ResourceClient<Lease>;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private stateValue: ElectorState = 'idle';
  private observedRecord: LeaseSpec | undefined;
  private observedTime = 0;
  private renewPollStartedAt = 0;
  private reportedLeader = '';

  constructor(
    private readonly engine: Engine,
    client: KubeClient,
    private readonly config: LeaderElectionConfig,
  ) {
    this.leases = client.resource<Lease>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases' });
    this.leaseDurationMs = config.leaseDurationMs ?? LEADER_ELECTION_DEFAULTS.leaseDurationMs;
    this.renewDeadlineMs = config.renewDeadlineMs ?? LEADER_ELECTION_DEFAULTS.renewDeadlineMs;
    this.retryPeriodMs = config.retryPeriodMs ?? LEADER_ELECTION_DEFAULTS.retryPeriodMs;
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
    if (this.renewDeadlineMs <= JITTER_FACTOR * this.retryPeriodMs) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
    this.target = registerTarget(engine, `leader-election/${config.lock.namespace}/${config.lock.name}/${config.identity}`, (t) => this.onTimer(t));
  }

  get state(): ElectorState {
    return this.stateValue;
  }

  isLeader(): boolean {
    return this.observedRecord?.holderIdentity === this.config.identity;
  }

  /** The holder last observed on the lease. */
  getLeader(): string {
    return this.observedRecord?.holderIdentity ?? '';
  }

  /** Starts trying to acquire the lease (first attempt on the next clock event). */
  run(): void {
    if (this.stateValue !== 'idle') return;
    this.stateValue = 'acquiring';
    this.engine.clock.schedule(0, this.target, 'acquire');
  }

  /** Stops campaigning; a leader stops leading (releasing the lease if configured). */
  stop(): void {
    if (this.stateValue === 'stopped') return;
    const wasLeading = this.stateValue === 'leading';
    this.stateValue = 'stopped';
    this.engine.clock.cancel(this.target, 'acquire');
    this.engine.clock.cancel(this.target, 'renew');
    if (wasLeading && this.config.releaseOnCancel) this.release();
    if (wasLeading) this.config.onStoppedLeading();
  }

  private onTimer(timer: Timer): void {
    if (this.stateValue === 'acquiring' && timer.key === 'acquire') this.acquire();
    else if (this.stateValue === 'leading' && timer.key === 'renew') this.renew();
  }

  private acquire(): void {
    if (this.tryAcquireOrRenew()) {
      this.stateValue = 'leading';
      this.config.onStartedLeading();
      this.scheduleRenewCycle();
      return;
    }
    const jittered = this.retryPeriodMs + this.engine.rng.next() * JITTER_FACTOR * this.retryPeriodMs;
    this.engine.clock.schedule(jittered, this.target, 'acquire');
  }

  private scheduleRenewCycle(): void {
    this.renewPollStartedAt = this.engine.now() + this.retryPeriodMs;
    this.engine.clock.schedule(this.retryPeriodMs, this.target, 'renew');
  }

  private renew(): void {
    if (this.tryAcquireOrRenew()) {
      this.scheduleRenewCycle();
      return;
    }
    if (this.engine.now() - this.renewPollStartedAt + this.retryPeriodMs > this.renewDeadlineMs) {
      // Renewals failed for the whole renew deadline: leadership is lost.
      this.stateValue = 'stopped';
      this.config.onStoppedLeading();
      return;
    }
    this.engine.clock.schedule(this.retryPeriodMs, this.target, 'renew');
  }

  private tryAcquireOrRenew(): boolean {
    const now = this.engine.now();
    const { namespace, name } = this.config.lock;
    const fresh: LeaseSpec = {
      holderIdentity: this.config.identity,
      leaseDurationSeconds: Math.round(this.leaseDurationMs / 1000),
      acquireTime: this.microTime(now),
      renewTime: this.microTime(now),
      leaseTransitions: 0,
    };
    const current = this.leases.get(namespace, name);
    if (!current.ok) {
      if (!isNotFound(current.status)) return false;
      const created = this.leases.create(namespace, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace }, spec: fresh });
      if (!created.ok) return false;
      this.observe(fresh, now);
      return true;
    }
    const record = current.value.spec ?? {};
    if (JSON.stringify(record) !== JSON.stringify(this.observedRecord)) this.observe(record, now);
    const heldByOther = !!record.holderIdentity && record.holderIdentity !== this.config.identity;
    if (heldByOther && this.observedTime + this.leaseDurationMs > now) return false;
    if (record.holderIdentity === this.config.identity) {
      fresh.acquireTime = record.acquireTime;
      fresh.leaseTransitions = record.leaseTransitions ?? 0;
    } else {
      fresh.leaseTransitions = (record.leaseTransitions ?? 0) + 1;
    }
    const updated = this.leases.update(namespace, { ...current.value, spec: fresh });
    if (!updated.ok) return false;
    this.observe(fresh, now);
    return true;
  }

  private release(): void {
    const { namespace, name } = this.config.lock;
    const current = this.leases.get(namespace, name);
    if (!current.ok || current.value.spec?.holderIdentity !== this.config.identity) return;
    const now = this.engine.now();
    const released: LeaseSpec = {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: this.microTime(now),
      renewTime: this.microTime(now),
      leaseTransitions: current.value.spec?.leaseTransitions ?? 0,
    };
    if (this.leases.update(namespace, { ...current.value, spec: released }).ok) this.observe(released, now);
  }

  private observe(record: LeaseSpec, now: number): void {
    this.observedRecord = record;
    this.observedTime = now;
    const holder = record.holderIdentity ?? '';
    if (holder && holder !== this.reportedLeader) {
      this.reportedLeader = holder;
      this.config.onNewLeader?.(holder);
    }
  }

  /** metav1.MicroTime: RFC 3339 with microseconds. */
  private microTime(simMs: number): string {
    const epochMs = this.engine.epochMs + simMs;
    const micros = String(Math.floor(((epochMs % 1000) + 1000) % 1000) * 1000).padStart(6, '0');
    return isoSeconds(epochMs).replace('Z', `.${micros}Z`);
  }
}
