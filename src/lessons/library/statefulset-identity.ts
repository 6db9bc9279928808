import type { Lesson } from '../lesson';

export const statefulsetIdentity: Lesson = {
  id: 'statefulset-identity',
  title: 'StatefulSets: stable names and storage',
  goal: 'Pods with ordinal names, created in order, each with its own PersistentVolumeClaim that outlives it.',
  steps: [
    {
      title: 'Create a StatefulSet with storage',
      explain:
        'The StatefulSet creates db-0, waits for it to be Ready, then db-1, then db-2 (OrderedReady). Each gets a claim from the volumeClaimTemplate, which the default StorageClass provisions on the Pod’s node.',
      highlight: ['kube-controller-manager', 'kube-scheduler'],
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
  ports:
  - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: postgres
        image: postgres:16
        env:
        - {name: POSTGRES_PASSWORD, value: example}
        volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql/data}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests: {storage: 1Gi}
`,
      predict: { question: 'In which order are the Pods created?', answer: 'db-0, then db-1 once db-0 is Ready, then db-2.' },
      wait: 90_000,
      check: { kind: 'all', checks: [{ kind: 'podStatus', name: 'db-2', status: 'Running' }, { kind: 'field', resource: 'persistentvolumeclaims', name: 'data-db-2', path: 'status.phase', equals: 'Bound' }] },
    },
    {
      title: 'Same name, same volume',
      explain: 'Delete db-1. The StatefulSet recreates a Pod with the same name, bound to the same claim data-db-1.',
      kubectl: ['kubectl delete pod db-1', 'kubectl get pvc'],
      wait: 60_000,
      check: { kind: 'all', checks: [{ kind: 'event', reason: 'SuccessfulCreate', about: 'db', min: 7 }, { kind: 'podStatus', name: 'db-1', status: 'Running' }] },
    },
  ],
};
