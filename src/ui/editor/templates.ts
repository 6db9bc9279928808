/** Starting points for common kinds, offered by the editor's Template menu. */
import { STARTER_TEMPLATE } from './starter-template';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
    - name: hello
      image: busybox:1.36
      command: ["sh", "-c", "echo hello; sleep 3600"]
`;

const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: pi
          image: busybox:1.36
          command: ["sh", "-c", "echo 3.14159; sleep 5"]
`;

const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: hello
              image: busybox:1.36
              command: ["sh", "-c", "date; echo Hello"]
`;

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres:16
          ports:
            - containerPort: 5432
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
        - name: agent
          image: busybox:1.36
          command: ["sh", "-c", "sleep 3600"]
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`;

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LOG_LEVEL: info
  greeting: hello
`;

const pvc = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
`;

const fault = `apiVersion: pilothouse.dev/v1alpha1
kind: Fault
metadata:
  name: worker-1-nodedown
spec:
  type: NodeDown # NodeDown | KubeletStop | KubeProxyStop | NetworkPartition | ContainerCrash
  target:
    kind: Node
    name: worker-1
`;

export const TEMPLATES: Record<string, string> = {
  'Deployment + Service': STARTER_TEMPLATE,
  Deployment: STARTER_TEMPLATE.split('---\n')[0],
  Service: service,
  Pod: pod,
  Job: job,
  CronJob: cronJob,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  ConfigMap: configMap,
  PersistentVolumeClaim: pvc,
  Fault: fault,
};
