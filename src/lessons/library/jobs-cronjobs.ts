import type { Lesson } from '../lesson';

export const jobsCronjobs: Lesson = {
  id: 'jobs-cronjobs',
  title: 'Jobs and CronJobs',
  goal: 'Run work to completion, and on a schedule.',
  steps: [
    {
      title: 'A Job that finishes',
      explain: 'A Job runs Pods until the requested number succeed. This one sleeps 5 seconds and prints "done"; its Pod ends Completed, and the Job gets a Complete condition.',
      highlight: ['kube-controller-manager'],
      kubectl: ['kubectl create job hello --image=busybox -- sh -c "sleep 5; echo done"', 'kubectl get jobs -w'],
      wait: 30_000,
      check: { kind: 'jobComplete', name: 'hello' },
    },
    {
      title: 'A CronJob on a schedule',
      explain: 'The CronJob controller creates a Job at each scheduled minute (on the simulated clock — speed it up!).',
      kubectl: ['kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- echo tick', 'kubectl get jobs -w'],
      predict: { question: 'When does the first Job start?', answer: 'At the next whole minute of the simulated clock.' },
      wait: 90_000,
      check: { kind: 'event', reason: 'SuccessfulCreate', about: 'tick', min: 1 },
    },
  ],
};
