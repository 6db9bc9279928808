import { describe, expect, it } from 'vitest';
import { deploymentPath, deploymentYaml, eventMessages, imageOf, live, patch, pods, ready, replicaSets, setImage, stepThrough, workloadCluster } from './test-helpers';

type Obj = Record<string, any>;

describe('Deployment controller', () => {
  it('rolls out a new image with maxSurge 1 / maxUnavailable 0 keeping ≥ 4 available and ≤ 5 pods at every event', () => {
    const c = workloadCluster(3);
    c.apply(deploymentYaml('web', 4, 'nginx:1.26', 'RollingUpdate', '\n  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}'));
    c.advance(10_000);
    let d = c.get('deploy', 'web')!;
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4, observedGeneration: 1 });
    const [rs1] = replicaSets(c);
    expect(rs1.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs1.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status.conditions.map((x: Obj) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs1.metadata.name}" has successfully progressed.`],
    ]);

    setImage(c, 'web', 'nginx:1.27');
    let maxLive = 0;
    let minAvailable = Infinity;
    stepThrough(c, 30_000, () => {
      const ps = live(pods(c));
      maxLive = Math.max(maxLive, ps.length);
      minAvailable = Math.min(minAvailable, ps.filter(ready).length);
    });
    expect(maxLive).toBeLessThanOrEqual(5);
    expect(minAvailable).toBeGreaterThanOrEqual(4);
    const ps = live(pods(c));
    expect(ps).toHaveLength(4);
    expect(ps.map(imageOf)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    d = c.get('deploy', 'web')!;
    const rss = replicaSets(c);
    const rs2 = rss.find((r) => r.metadata.name !== rs1.metadata.name)!;
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4, observedGeneration: 2 });
    expect(d.status.unavailableReplicas).toBeUndefined();
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(rs2.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(rs2.metadata.labels['pod-template-hash']).toBe(rs2.metadata.name.slice('web-'.length));
    expect(rss.find((r) => r.metadata.name === rs1.metadata.name)!.spec.replicas).toBe(0);
    expect(eventMessages(c, 'ScalingReplicaSet')).toEqual([
      `Scaled up replica set ${rs1.metadata.name} from 0 to 4`,
      `Scaled up replica set ${rs2.metadata.name} from 0 to 1`,
      `Scaled down replica set ${rs1.metadata.name} from 4 to 3`,
      `Scaled up replica set ${rs2.metadata.name} from 1 to 2`,
      `Scaled down replica set ${rs1.metadata.name} from 3 to 2`,
      `Scaled up replica set ${rs2.metadata.name} from 2 to 3`,
      `Scaled down replica set ${rs1.metadata.name} from 2 to 1`,
      `Scaled up replica set ${rs2.metadata.name} from 3 to 4`,
      `Scaled down replica set ${rs1.metadata.name} from 1 to 0`,
    ]);
  });

  it('rollout undo: reverting the template reuses the old ReplicaSet under a new revision', () => {
    const c = workloadCluster(4);
    c.apply(deploymentYaml('web', 3, 'nginx:1.26'));
    c.advance(10_000);
    const [rs1] = replicaSets(c);
    setImage(c, 'web', 'nginx:1.27');
    c.advance(30_000);
    expect(replicaSets(c)).toHaveLength(2);
    // What `kubectl rollout undo` sends: a JSON patch putting back rs1's template (minus pod-template-hash).
    const template = structuredClone(rs1.spec.template);
    delete template.metadata.labels['pod-template-hash'];
    patch(c, deploymentPath('web'), [{ op: 'replace', path: '/spec/template', value: template }], 'application/json-patch+json');
    c.advance(30_000);
    const rss = replicaSets(c);
    expect(rss).toHaveLength(2);
    const back = rss.find((r) => r.metadata.name === rs1.metadata.name)!;
    expect(back.spec.replicas).toBe(3);
    expect(back.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(c.get('deploy', 'web')!.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(live(pods(c)).map(imageOf)).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
  });

  it('Recreate: scales the old ReplicaSet to 0 and waits for its pods to go before creating the new one', () => {
    const c = workloadCluster(5, { stopDelayMs: 5000 });
    c.apply(deploymentYaml('web', 3, 'nginx:1.26', 'Recreate'));
    c.advance(10_000);
    setImage(c, 'web', 'nginx:1.27');
    let overlap = false;
    stepThrough(c, 30_000, () => {
      const images = new Set(pods(c).map(imageOf));
      if (images.size > 1) overlap = true;
    });
    expect(overlap).toBe(false);
    expect(live(pods(c)).map(imageOf)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    const msgs = eventMessages(c, 'ScalingReplicaSet');
    expect(msgs.slice(1).map((m) => m.replace(/web-\w+/, 'RS'))).toEqual(['Scaled down replica set RS from 3 to 0', 'Scaled up replica set RS from 0 to 3']);
  });

  it('scales proportionally when resized mid-rollout', () => {
    // New pods never become ready, so the rollout stays stuck half-way.
    const c = workloadCluster(6, { neverReady: (p) => p.spec?.containers[0].image === 'nginx:broken' });
    c.apply(deploymentYaml('web', 10, 'nginx:1.26', 'RollingUpdate', '\n  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}'));
    c.advance(10_000);
    setImage(c, 'web', 'nginx:broken');
    c.advance(10_000);
    const sizes = () => Object.fromEntries(replicaSets(c).map((r) => [r.spec.template.spec.containers[0].image, r.spec.replicas]));
    expect(sizes()).toEqual({ 'nginx:1.26': 8, 'nginx:broken': 5 });
    patch(c, deploymentPath('web') + '/scale', { spec: { replicas: 15 } });
    c.advance(5000);
    // 13 → 18 (15 + 3 surge): 5 more spread 8:5 ⇒ +3 / +2 (leftovers to the largest).
    expect(sizes()).toEqual({ 'nginx:1.26': 11, 'nginx:broken': 7 });
    const rss = replicaSets(c);
    for (const r of rss) expect(r.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '15', 'deployment.kubernetes.io/max-replicas': '18' });
  });

  it('pause stops rollouts (Progressing Unknown DeploymentPaused) until resumed', () => {
    const c = workloadCluster(7);
    c.apply(deploymentYaml('web', 2, 'nginx:1.26'));
    c.advance(10_000);
    patch(c, deploymentPath('web'), { spec: { paused: true } });
    setImage(c, 'web', 'nginx:1.27');
    c.advance(10_000);
    let d = c.get('deploy', 'web')!;
    expect(replicaSets(c)).toHaveLength(1);
    expect(d.status.conditions.find((x: Obj) => x.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    // Scaling still works while paused.
    patch(c, deploymentPath('web') + '/scale', { spec: { replicas: 3 } });
    c.advance(10_000);
    expect(live(pods(c))).toHaveLength(3);
    patch(c, deploymentPath('web'), { spec: { paused: false } });
    c.advance(30_000);
    d = c.get('deploy', 'web')!;
    expect(live(pods(c)).map(imageOf)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    expect(d.status.conditions.find((x: Obj) => x.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('reports ProgressDeadlineExceeded when the rollout makes no progress in time', () => {
    const c = workloadCluster(8, { neverReady: (p) => p.spec?.containers[0].image === 'nginx:broken' });
    c.apply(deploymentYaml('web', 2, 'nginx:1.26', 'RollingUpdate', '\n  progressDeadlineSeconds: 30'));
    c.advance(10_000);
    setImage(c, 'web', 'nginx:broken');
    c.advance(5000);
    let d = c.get('deploy', 'web')!;
    const newRS = replicaSets(c).find((r) => r.spec.template.spec.containers[0].image === 'nginx:broken')!;
    expect(d.status.conditions.find((x: Obj) => x.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS.metadata.name}" is progressing.` });
    c.advance(40_000);
    d = c.get('deploy', 'web')!;
    expect(d.status.conditions.find((x: Obj) => x.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`,
    });
    expect(d.status.conditions.find((x: Obj) => x.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
  });
});
