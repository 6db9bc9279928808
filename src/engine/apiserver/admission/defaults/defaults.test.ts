import { describe, expect, it } from 'vitest';
import { admit } from '../index';
import { resourceFor } from '../test-helpers';
import { applyDefaults } from './index';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } } }] },
    },
  },
});

describe('defaulting', () => {
  it('defaults a Deployment and its pod template like SetDefaults_Deployment and SetDefaults_PodSpec', () => {
    const d: any = deployment();
    applyDefaults(resourceFor('apps/v1', 'Deployment'), d);
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    const pod = d.spec.template.spec;
    expect(pod).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 });
    // Only a Pod, not a template, gets enableServiceLinks.
    expect(pod.enableServiceLinks).toBeUndefined();
    expect(pod.containers[0]).toMatchObject({
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
    });
  });

  it('picks the pull policy from the image tag', () => {
    const pod: any = { spec: { containers: ['nginx:1.27', 'nginx:latest', 'registry:5000/app', 'app@sha256:abc'].map((image, i) => ({ name: `c${i}`, image })) } };
    applyDefaults(resourceFor('v1', 'Pod'), pod);
    expect(pod.spec.containers.map((c: any) => c.imagePullPolicy)).toEqual(['IfNotPresent', 'Always', 'Always', 'IfNotPresent']);
  });

  it('defaults Pod requests from limits and volume sources', () => {
    const pod: any = {
      spec: {
        containers: [{ name: 'a', image: 'a:1', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } }],
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'cfg' } }, { name: 's', secret: { secretName: 's' } }],
      },
    };
    applyDefaults(resourceFor('v1', 'Pod'), pod);
    expect(pod.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '1Gi' });
    expect(pod.spec.enableServiceLinks).toBe(true);
    expect(pod.spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 's', secret: { secretName: 's', defaultMode: 420 } },
    ]);
  });

  it('defaults Services, including externally-reachable ones', () => {
    const svc: any = { spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] } };
    applyDefaults(resourceFor('v1', 'Service'), svc);
    expect(svc.spec).toEqual({
      type: 'NodePort',
      sessionAffinity: 'None',
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
    });
  });

  it('defaults StatefulSets, DaemonSets, Jobs and CronJobs', () => {
    const sts: any = { spec: { template: { spec: { containers: [] } } } };
    applyDefaults(resourceFor('apps/v1', 'StatefulSet'), sts);
    expect(sts.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
    const ds: any = { spec: {} };
    applyDefaults(resourceFor('apps/v1', 'DaemonSet'), ds);
    expect(ds.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    const job: any = { metadata: {}, spec: { template: { metadata: { labels: { app: 'x' } }, spec: {} } } };
    applyDefaults(resourceFor('batch/v1', 'Job'), job);
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(job.metadata.labels).toEqual({ app: 'x' });
    const cj: any = { spec: { jobTemplate: { spec: { template: { spec: {} } } } } };
    applyDefaults(resourceFor('batch/v1', 'CronJob'), cj);
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    // SetDefaults_Job applies to a Job, not to a CronJob's job template.
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Always');
  });

  it('defaults Namespaces, Secrets, claims and volumes', () => {
    const ns: any = { metadata: { name: 'team-a' } };
    applyDefaults(resourceFor('v1', 'Namespace'), ns);
    expect(ns).toEqual({ metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } }, status: { phase: 'Active' } });
    const secret: any = {};
    applyDefaults(resourceFor('v1', 'Secret'), secret);
    expect(secret.type).toBe('Opaque');
    const pvc: any = { spec: {} };
    applyDefaults(resourceFor('v1', 'PersistentVolumeClaim'), pvc);
    expect(pvc).toEqual({ spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    const pv: any = { spec: {} };
    applyDefaults(resourceFor('v1', 'PersistentVolume'), pv);
    expect(pv.spec).toEqual({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
  });

  it('fills HPA behavior defaults only when behavior is given', () => {
    const hpa: any = { spec: { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } };
    applyDefaults(resourceFor('autoscaling/v2', 'HorizontalPodAutoscaler'), hpa);
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(hpa.spec.behavior.scaleUp.policies).toHaveLength(2);
    expect(hpa.spec.behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
  });
});

describe('admission plugins and strategies on create', () => {
  it('gives a Pod its service account, default tolerations and priority', () => {
    const pod: any = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } };
    expect(admit({ operation: 'CREATE', resource: resourceFor('v1', 'Pod'), object: pod })).toEqual({ ok: true });
    expect(pod.spec).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default', priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('refuses an unknown priority class with 403', () => {
    const pod: any = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { priorityClassName: 'gold', containers: [{ name: 'c', image: 'x' }] } };
    const r = admit({ operation: 'CREATE', resource: resourceFor('v1', 'Pod'), object: pod });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.status.code).toBe(403);
      expect(r.status.message).toBe('pods "p" is forbidden: no PriorityClass with name gold was found');
    }
  });

  it('resolves priority classes and default storage classes through lookup', () => {
    const lookup = (r: { plural: string }, _ns: string | undefined, name?: string) => {
      if (r.plural === 'priorityclasses') return name === 'gold' ? { metadata: { name: 'gold' }, value: 1000, preemptionPolicy: 'Never' } : undefined;
      if (r.plural === 'serviceaccounts') return name === 'default' ? { metadata: { name } } : undefined;
      if (r.plural === 'storageclasses') return [{ metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }];
      return undefined;
    };
    const pod: any = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { priorityClassName: 'gold', containers: [{ name: 'c', image: 'x' }] } };
    expect(admit({ operation: 'CREATE', resource: resourceFor('v1', 'Pod'), object: pod, lookup }).ok).toBe(true);
    expect(pod.spec).toMatchObject({ priority: 1000, preemptionPolicy: 'Never' });
    const pvc: any = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    expect(admit({ operation: 'CREATE', resource: resourceFor('v1', 'PersistentVolumeClaim'), object: pvc, lookup }).ok).toBe(true);
    expect(pvc.spec.storageClassName).toBe('standard');
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const orphan: any = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { serviceAccountName: 'builder', containers: [{ name: 'c', image: 'x' }] } };
    const r = admit({ operation: 'CREATE', resource: resourceFor('v1', 'Pod'), object: orphan, lookup });
    expect(r.ok ? '' : r.status.message).toBe('pods "p" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found');
  });

  it('generates the Job selector and labels from the uid', () => {
    const job: any = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
    };
    expect(admit({ operation: 'CREATE', resource: resourceFor('batch/v1', 'Job'), object: job })).toEqual({ ok: true });
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    expect(job.spec.template.metadata.labels).toEqual({
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'u-1',
      'batch.kubernetes.io/controller-uid': 'u-1',
    });
  });

  it('gives a Namespace the kubernetes finalizer, a Service its IP families, a Node the not-ready taint, and folds Secret stringData', () => {
    const ns: any = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
    expect(admit({ operation: 'CREATE', resource: resourceFor('v1', 'Namespace'), object: ns }).ok).toBe(true);
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    const svc: any = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    expect(admit({ operation: 'CREATE', resource: resourceFor('v1', 'Service'), object: svc }).ok).toBe(true);
    expect(svc.spec).toMatchObject({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
    const node: any = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } };
    expect(admit({ operation: 'CREATE', resource: resourceFor('v1', 'Node'), object: node }).ok).toBe(true);
    expect(node.spec.taints).toEqual([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
    const secret: any = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, stringData: { password: 'pässword' } };
    expect(admit({ operation: 'CREATE', resource: resourceFor('v1', 'Secret'), object: secret }).ok).toBe(true);
    expect(secret).toMatchObject({ type: 'Opaque', data: { password: 'cMOkc3N3b3Jk' } });
    expect(secret.stringData).toBeUndefined();
  });
});
