import { describe, expect, it } from 'vitest';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { Cluster } from '../cluster';
import { KubeClient } from './rest-client';
import { LeaderElector, leaderIdentity } from './leader-election';

function candidates(releaseOnCancel = false) {
  const cluster = new Cluster({ seed: 13, bare: true, controllers: ['serviceaccount'] });
  const events: string[] = [];
  const make = (host: string) => {
    const identity = leaderIdentity(host, cluster.engine.rng);
    const client = new KubeClient(cluster.apiserver, cluster.registry, `kube-controller-manager/${host}`);
    return new LeaderElector(cluster.engine, client, {
      lock: { namespace: 'kube-system', name: 'kube-controller-manager' },
      identity,
      releaseOnCancel,
      onStartedLeading: () => events.push(`${host} started leading at ${cluster.now()}`),
      onStoppedLeading: () => events.push(`${host} stopped leading at ${cluster.now()}`),
    });
  };
  const leases = new KubeClient(cluster.apiserver, cluster.registry, 'admin').resource<Lease>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases' });
  const lease = () => {
    const res = leases.get('kube-system', 'kube-controller-manager');
    if (!res.ok) throw new Error(res.status.message);
    return res.value;
  };
  return { cluster, make, events, lease, leases };
}

describe('LeaderElector', () => {
  it('elects one leader; a standby takes over a lease left to expire', () => {
    const { cluster, make, events, lease } = candidates();
    const a = make('cp-1');
    const b = make('cp-2');
    a.run();
    b.run();
    cluster.advance(10_000);
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    expect(b.getLeader()).toBe(a.getLeader());
    expect(a.getLeader()).toMatch(/^cp-1_[0-9a-f-]{36}$/);
    expect(lease().spec).toMatchObject({ holderIdentity: a.getLeader(), leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect(lease().spec?.renewTime).toMatch(/^2025-01-01T00:00:\d\d\.\d{6}Z$/);

    a.stop(); // a crash: no release, the lease must expire
    const stoppedAt = cluster.now();
    cluster.advance(12_000);
    expect(b.isLeader()).toBe(false); // the holder's last renewal is < 15 s old on b's clock
    cluster.advance(10_000);
    expect(b.isLeader()).toBe(true);
    const takeover = Number(events.at(-1)?.split(' at ')[1]);
    expect(takeover - stoppedAt).toBeGreaterThan(13_000);
    expect(takeover - stoppedAt).toBeLessThan(15_000 + 2 * 2_000 * 2.2);
    expect(lease().spec).toMatchObject({ holderIdentity: b.getLeader(), leaseTransitions: 1 });
  });

  it('hands the lease over at once when released on cancel', () => {
    const { cluster, make, lease } = candidates(true);
    const a = make('cp-1');
    const b = make('cp-2');
    a.run();
    cluster.advance(1);
    b.run();
    cluster.advance(5_000);
    a.stop();
    expect(lease().spec?.holderIdentity).toBe('');
    cluster.advance(2_000 * 2.2);
    expect(b.isLeader()).toBe(true);
  });

  it('stops leading when renewals fail for the renew deadline', () => {
    const { cluster, make, events, lease, leases } = candidates();
    const a = make('cp-1');
    a.run();
    cluster.advance(3_000);
    expect(a.isLeader()).toBe(true);
    // Someone else overwrites the lease; a cannot renew it while it looks held.
    const stolenAt = cluster.now();
    leases.update('kube-system', { ...lease(), spec: { ...lease().spec, holderIdentity: 'intruder' } });
    cluster.advance(20_000);
    expect(a.state).toBe('stopped');
    const lostAt = Number(events.at(-1)?.split(' at ')[1]);
    expect(events.at(-1)).toMatch(/^cp-1 stopped leading/);
    expect(lostAt - stolenAt).toBeGreaterThanOrEqual(10_000);
    expect(lostAt - stolenAt).toBeLessThanOrEqual(12_000);
  });
});
