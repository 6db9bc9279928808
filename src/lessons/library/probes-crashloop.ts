import type { Lesson } from '../lesson';

export const probesCrashloop: Lesson = {
  id: 'probes-crashloop',
  title: 'Probes and CrashLoopBackOff',
  goal: 'See restarts back off, and a failing readiness probe keep a Pod out of a Service.',
  steps: [
    {
      title: 'A container that keeps failing',
      explain: 'This container exits with code 1 at once. The kubelet restarts it after 10 s, 20 s, 40 s … (up to 5 minutes): that waiting is CrashLoopBackOff.',
      highlight: ['node worker-1', 'node worker-2', 'node worker-3'],
      kubectl: ['kubectl run crash --image=busybox -- sh -c "echo starting; exit 1"', 'kubectl get pod crash -w'],
      predict: { question: 'How long is the wait before the third restart?', answer: '40 s: the back-off doubles from 10 s.' },
      wait: 60_000,
      check: { kind: 'podStatus', name: 'crash', status: 'CrashLoopBackOff' },
    },
    {
      title: 'A readiness probe that never passes',
      explain: 'This Pod runs, but its readiness probe fails, so it is Running yet not Ready (0/1) — and a Service would send it no traffic.',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: not-ready
  labels: {app: probe-demo}
spec:
  containers:
  - name: web
    image: nginx
    readinessProbe:
      exec:
        command: [cat, /tmp/ready]
      periodSeconds: 5
`,
      wait: 30_000,
      check: { kind: 'all', checks: [{ kind: 'podStatus', name: 'not-ready', status: 'Running' }, { kind: 'event', reason: 'Unhealthy', about: 'not-ready', min: 1 }] },
    },
  ],
};
