import type { Lesson } from '../lesson';

export const rollingUpdate: Lesson = {
  id: 'rolling-update',
  title: 'Rolling update and rollback',
  goal: 'Change the image without downtime, then undo it.',
  setup: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
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
      title: 'Update the image',
      explain: 'A new template means a new ReplicaSet. With maxSurge 1 and maxUnavailable 0 the controller adds one new Pod, waits for it to be available, then removes one old Pod — never fewer than 4 available.',
      highlight: ['kube-controller-manager'],
      kubectl: ['kubectl set image deployment/web nginx=nginx:1.27', 'kubectl rollout status deployment/web'],
      predict: { question: 'How many Pods can exist at most during the rollout?', answer: 'Five: 4 replicas + maxSurge 1.' },
      wait: 60_000,
      check: { kind: 'deploymentAvailable', name: 'web', replicas: 4, image: 'nginx:1.27' },
    },
    {
      title: 'Roll back',
      explain: 'The old ReplicaSet was kept (revisionHistoryLimit). rollout undo copies its template back, as a new revision.',
      kubectl: ['kubectl rollout history deployment/web', 'kubectl rollout undo deployment/web'],
      wait: 60_000,
      check: { kind: 'deploymentAvailable', name: 'web', replicas: 4, image: 'nginx:1.26' },
    },
  ],
};
