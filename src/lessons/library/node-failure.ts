import type { Lesson } from '../lesson';

export const nodeFailure: Lesson = {
  id: 'node-failure',
  title: 'Node failure and eviction: the timeline',
  goal: 'Follow a node going down: NotReady after 50 s, taints, eviction after 300 s, Pods rescheduled.',
  setup: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
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
  settle: 30_000,
  steps: [
    {
      title: 'Power off worker-1',
      explain:
        'A Fault of type NodeDown switches the machine off (you can also drag the node into the Failure zone). Its kubelet stops renewing its Lease; after the 50 s grace period the node lifecycle controller marks it Unknown and taints it.',
      highlight: ['node worker-1', 'kube-controller-manager'],
      yaml: `apiVersion: pilothouse.dev/v1alpha1
kind: Fault
metadata:
  name: worker-1-down
spec:
  type: NodeDown
  target: {kind: Node, name: worker-1}
`,
      kubectl: ['kubectl get nodes -w'],
      predict: { question: 'How long until the node shows NotReady/Unknown?', answer: 'About 50 s: node-monitor-grace-period.' },
      wait: 60_000,
      check: { kind: 'nodeReady', name: 'worker-1', status: 'Unknown' },
    },
    {
      title: 'Eviction after 300 s',
      explain: 'Pods tolerate the unreachable taint for 300 s (tolerationSeconds, added by admission). Then the taint-eviction controller deletes them and the ReplicaSet creates replacements on healthy nodes.',
      highlight: ['kube-controller-manager', 'kube-scheduler'],
      kubectl: ['kubectl get pods -o wide -w'],
      wait: 320_000,
      check: { kind: 'all', checks: [{ kind: 'pods', selector: 'app=web', phase: 'Running', notOnNode: 'worker-1', count: 6 }, { kind: 'deploymentAvailable', name: 'web', replicas: 6 }] },
    },
    {
      title: 'Recover the node',
      explain: 'Delete the Fault (or press Recover on the node). The kubelet starts again, renews its Lease and the node becomes Ready; the scheduler can use it again.',
      kubectl: ['kubectl delete fault worker-1-down'],
      wait: 40_000,
      check: { kind: 'nodeReady', name: 'worker-1', status: 'True' },
    },
  ],
};
