import type { Lesson } from '../lesson';

export const namespacesQuotas: Lesson = {
  id: 'namespaces-quotas',
  title: 'Namespaces and ResourceQuotas',
  goal: 'Give a team its own namespace with a limit, and see the API server enforce it.',
  steps: [
    {
      title: 'A namespace with a quota',
      explain: 'A ResourceQuota caps what a namespace may hold. This one allows 2 Pods in team-a.',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: pods
  namespace: team-a
spec:
  hard:
    pods: "2"
`,
      wait: 5_000,
      check: { kind: 'exists', resource: 'resourcequotas', namespace: 'team-a', name: 'pods' },
    },
    {
      title: 'Go over it',
      explain: 'Ask for 3 replicas. The ReplicaSet controller creates 2 Pods; the third create is refused with 403 "exceeded quota" and shows as a FailedCreate event.',
      highlight: ['kube-apiserver', 'kube-controller-manager'],
      kubectl: ['kubectl create deployment web -n team-a --image=nginx --replicas=3', 'kubectl describe quota pods -n team-a', 'kubectl get events -n team-a'],
      predict: { question: 'How many Pods will run?', answer: 'Two: admission refuses the third.' },
      wait: 30_000,
      check: { kind: 'all', checks: [{ kind: 'pods', namespace: 'team-a', selector: 'app=web', count: 2 }, { kind: 'event', namespace: 'team-a', reason: 'FailedCreate', min: 1 }] },
    },
  ],
};
