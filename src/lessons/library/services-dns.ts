import type { Lesson } from '../lesson';

export const servicesDns: Lesson = {
  id: 'services-dns',
  title: 'Services, EndpointSlices, kube-proxy and DNS',
  goal: 'See how a Service finds its Pods and how traffic is spread over the ready ones.',
  setup: `apiVersion: apps/v1
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
        ports:
        - containerPort: 80
`,
  settle: 25_000,
  steps: [
    {
      title: 'Expose the Deployment',
      explain:
        'A Service gets a stable virtual IP (from 10.96.0.0/12) and a DNS name web.default.svc.cluster.local. The EndpointSlice controller lists the ready Pods that match its selector; every kube-proxy turns that into iptables rules.',
      highlight: ['kube-controller-manager', 'service default/web'],
      kubectl: ['kubectl expose deployment web --port=80', 'kubectl get endpointslices -l kubernetes.io/service-name=web'],
      wait: 5_000,
      check: { kind: 'endpoints', service: 'web', ready: 3 },
    },
    {
      title: 'Endpoints follow the Pods',
      explain: 'Scale down: the removed Pods leave the EndpointSlice first (terminating), so kube-proxy stops sending them traffic.',
      kubectl: ['kubectl scale deployment web --replicas=1', 'kubectl describe service web'],
      predict: { question: 'How many endpoints will the Service list?', answer: 'One: only ready Pods matching the selector are endpoints.' },
      wait: 40_000,
      check: { kind: 'endpoints', service: 'web', ready: 1 },
    },
  ],
};
