import type { Lesson } from '../lesson';

export const controlPlaneTour: Lesson = {
  id: 'control-plane-tour',
  title: 'Control plane tour: what happens when you create a Pod',
  goal: 'Follow one request from kubectl to a running container, component by component.',
  steps: [
    {
      title: 'Ask the API server for a Pod',
      explain:
        'kubectl sends a POST to kube-apiserver, which validates the Pod and stores it in etcd. Nothing runs yet: the Pod has no node. Watch the request travel users → kube-apiserver → etcd.',
      highlight: ['users', 'kube-apiserver', 'etcd'],
      kubectl: ['kubectl run hello --image=nginx'],
      predict: { question: 'Which component decides where the Pod runs?', answer: 'kube-scheduler: it watches for Pods without a node and binds each to one.' },
      wait: 2_000,
      check: { kind: 'exists', resource: 'pods', name: 'hello' },
    },
    {
      title: 'The scheduler binds it, the kubelet runs it',
      explain:
        'kube-scheduler sees the unbound Pod through its watch, scores the nodes and POSTs a Binding. The kubelet of that node sees the Pod, pulls the image and starts the container, then reports status back to the API server.',
      highlight: ['kube-scheduler', 'node worker-1', 'node worker-2', 'node worker-3'],
      kubectl: ['kubectl get pod hello -o wide', 'kubectl describe pod hello'],
      wait: 15_000,
      check: { kind: 'podStatus', name: 'hello', status: 'Running' },
    },
    {
      title: 'Controllers make Pods for you',
      explain:
        'A Deployment is a desired state. The deployment controller (inside kube-controller-manager) creates a ReplicaSet; the ReplicaSet controller creates the Pods. Every step is an API request you can see.',
      highlight: ['kube-controller-manager'],
      kubectl: ['kubectl create deployment web --image=nginx --replicas=2'],
      wait: 20_000,
      check: { kind: 'deploymentAvailable', name: 'web', replicas: 2 },
    },
    {
      title: 'Clean up',
      explain: 'Deleting the Pod asks the kubelet to stop its container gracefully; the Pod object goes once it has.',
      kubectl: ['kubectl delete pod hello'],
      wait: 35_000,
      check: { kind: 'gone', resource: 'pods', name: 'hello' },
    },
  ],
};
