import type { Lesson } from '../lesson';

const agent = (tolerateControlPlane: boolean) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
${tolerateControlPlane ? '      tolerations:\n      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}\n' : ''}      containers:
      - name: agent
        image: busybox
        command: [sh, -c, "sleep 3600"]
`;

export const daemonsets: Lesson = {
  id: 'daemonsets',
  title: 'DaemonSets: one Pod per node',
  goal: 'Run an agent on every node, and see why the control plane is skipped.',
  steps: [
    {
      title: 'Create a DaemonSet',
      explain: 'The DaemonSet controller makes one Pod per eligible node. The control-plane node is tainted NoSchedule, so it gets none — kube-proxy and flannel tolerate that taint, which is why they run there.',
      highlight: ['node control-plane', 'kube-controller-manager'],
      yaml: agent(false),
      predict: { question: 'How many node-agent Pods will run?', answer: 'Three: one per worker; the control plane is tainted.' },
      wait: 30_000,
      check: { kind: 'pods', selector: 'app=node-agent', phase: 'Running', count: 3 },
    },
    {
      title: 'Tolerate the control-plane taint',
      explain: 'Add a toleration; the DaemonSet rolls out the new template one node at a time (maxUnavailable 1) and now covers all four nodes.',
      yaml: agent(true),
      wait: 180_000,
      check: { kind: 'pods', selector: 'app=node-agent', phase: 'Running', count: 4 },
    },
  ],
};
