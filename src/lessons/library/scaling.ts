import type { Lesson } from '../lesson';

export const scaling: Lesson = {
  id: 'scaling',
  title: 'Scaling a Deployment up and down',
  goal: 'Change replicas and watch the scheduler spread Pods over the nodes.',
  setup: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`,
  settle: 25_000,
  steps: [
    {
      title: 'Scale up to 6',
      explain: 'kubectl scale changes spec.replicas through the scale subresource. The scheduler spreads the new Pods (PodTopologySpread and NodeResourcesBalancedAllocation at work).',
      highlight: ['kube-scheduler'],
      kubectl: ['kubectl scale deployment web --replicas=6'],
      predict: { question: 'How many Pods will each of the 3 workers get?', answer: 'About two each: default topology spreading balances Pods of one workload across nodes.' },
      wait: 25_000,
      check: { kind: 'deploymentAvailable', name: 'web', replicas: 6 },
    },
    {
      title: 'Scale down to 1',
      explain: 'The ReplicaSet deletes the surplus Pods, choosing which first as upstream does (unscheduled, then not ready, then the most crowded nodes).',
      kubectl: ['kubectl scale deployment web --replicas=1'],
      wait: 35_000,
      check: { kind: 'all', checks: [{ kind: 'deploymentAvailable', name: 'web', replicas: 1 }, { kind: 'pods', selector: 'app=web', count: 1 }] },
    },
  ],
};
