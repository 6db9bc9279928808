import type { Lesson } from '../lesson';

export const recreateVsRolling: Lesson = {
  id: 'recreate-vs-rolling',
  title: 'Recreate vs RollingUpdate',
  goal: 'See the downtime Recreate causes, and switch to RollingUpdate.',
  setup: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  strategy:
    type: Recreate
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
`,
  settle: 30_000,
  steps: [
    {
      title: 'Update with Recreate',
      explain: 'Recreate scales the old ReplicaSet to 0 first and only then starts new Pods: there is a moment with nothing serving. Watch the Pods all go Terminating.',
      kubectl: ['kubectl set image deployment/web nginx=nginx:1.27'],
      predict: { question: 'Will any old Pod still run when the first new one starts?', answer: 'No: Recreate waits until every old Pod is gone.' },
      wait: 60_000,
      check: { kind: 'deploymentAvailable', name: 'web', replicas: 3, image: 'nginx:1.27' },
    },
    {
      title: 'Switch to RollingUpdate',
      explain: 'Change the strategy; the next update replaces Pods gradually (defaults: 25% surge, 25% unavailable).',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`,
      wait: 2_000,
      check: { kind: 'field', resource: 'deployments.apps', name: 'web', path: 'spec.strategy.type', equals: 'RollingUpdate' },
    },
  ],
};
