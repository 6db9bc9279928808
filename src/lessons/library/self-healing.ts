import type { Lesson } from '../lesson';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

export const selfHealing: Lesson = {
  id: 'self-healing',
  title: 'Self-healing: delete a Pod and watch it come back',
  goal: 'See a controller restore the desired number of replicas.',
  setup: WEB,
  settle: 25_000,
  steps: [
    {
      title: 'Delete every Pod of the Deployment',
      explain:
        'The ReplicaSet wants 3 Pods. Delete them all and watch the ReplicaSet controller notice the shortfall and create replacements — with new names.',
      highlight: ['kube-controller-manager', 'deployment default/web'],
      kubectl: ['kubectl delete pods -l app=web --wait=false'],
      predict: { question: 'Will the new Pods have the same names?', answer: 'No: the ReplicaSet generates new names (web-<hash>-<random>); only StatefulSets keep stable names.' },
      wait: 40_000,
      check: { kind: 'event', reason: 'SuccessfulCreate', about: 'web-', min: 6 },
    },
    {
      title: 'Delete the owner: the garbage collector cleans up',
      explain:
        'The Pods belong to a ReplicaSet, which belongs to the Deployment (ownerReferences). Delete the Deployment and the garbage collector deletes what it owned — no Pod comes back this time.',
      highlight: ['kube-controller-manager'],
      kubectl: ['kubectl get rs -o wide', 'kubectl delete deployment web'],
      predict: { question: 'Will the ReplicaSet recreate the Pods this time?', answer: 'No: the ReplicaSet itself is deleted with its owner (cascading deletion).' },
      wait: 45_000,
      check: { kind: 'pods', selector: 'app=web', count: 0 },
    },
  ],
};
