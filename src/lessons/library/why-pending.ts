import type { Lesson } from '../lesson';

export const whyPending: Lesson = {
  id: 'why-pending',
  title: 'Why is my Pod Pending?',
  goal: 'Read the scheduler’s reasons — resources and node selectors — and fix them.',
  setup: `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests: {cpu: "64"}
---
apiVersion: v1
kind: Pod
metadata:
  name: fast
spec:
  nodeSelector: {disk: ssd}
  containers:
  - name: app
    image: nginx
`,
  settle: 5_000,
  steps: [
    {
      title: 'Too big for any node',
      explain:
        'Pod big asks for 64 CPUs; no node has that much. Click it in the diagram: the inspector shows each node’s filter verdict ("Insufficient cpu"), and its FailedScheduling event says the same. Recreate it with a request that fits.',
      highlight: ['pod default/big', 'kube-scheduler'],
      kubectl: ['kubectl describe pod big', 'kubectl delete pod big', `kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"app","image":"nginx","resources":{"requests":{"cpu":"500m"}}}]}}'`],
      wait: 40_000,
      check: { kind: 'podStatus', name: 'big', status: 'Running' },
    },
    {
      title: 'No node matches the selector',
      explain: 'Pod fast wants a node labelled disk=ssd and none is. Label one; the scheduler retries the Pod when nodes change.',
      highlight: ['pod default/fast', 'node worker-2'],
      kubectl: ['kubectl describe pod fast', 'kubectl label node worker-2 disk=ssd'],
      predict: { question: 'Which node will fast land on?', answer: 'worker-2: the only node matching its nodeSelector.' },
      wait: 20_000,
      check: { kind: 'field', resource: 'pods', name: 'fast', path: 'spec.nodeName', equals: 'worker-2' },
    },
  ],
};
