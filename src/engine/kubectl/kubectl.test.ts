import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';
import { runKubectl, type KubectlContext } from './index';

function setup(extra: Partial<KubectlContext> = {}): { cluster: Cluster; kubectl: (line: string) => ReturnType<typeof runKubectl> } {
  const cluster = createCluster();
  const ctx: KubectlContext = {
    api: cluster.apiserver,
    registry: cluster.registry,
    nowMs: () => cluster.engine.epochMs + cluster.now(),
    threeWayPatch: () => {
      throw new Error('three-way patch not needed in these tests');
    },
    ...extra,
  };
  return { cluster, kubectl: (line) => runKubectl(line, ctx) };
}

describe('kubectl command line', () => {
  it('rejects unknown commands and flags with kubectl wording and exit 1', () => {
    const { kubectl } = setup();
    expect(kubectl('kubectl foo')).toMatchObject({ stdout: '', exitCode: 1, stderr: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n\n' });
    expect(kubectl('get pods --foo')).toMatchObject({ exitCode: 1, stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" });
    expect(kubectl('get pods -x').stderr).toBe("error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n");
    expect(kubectl('get pods -n').stderr).toBe("error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n");
    expect(kubectl('get foos')).toMatchObject({ exitCode: 1, stderr: 'error: the server doesn\'t have a resource type "foos"\n' });
    expect(kubectl('get').stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
  });

  it('prints help with kubectl 1.32 text', () => {
    const { kubectl } = setup();
    const r = kubectl('get --help');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('Display one or many resources.\n')).toBe(true);
    expect(kubectl('').stdout.startsWith('kubectl controls the Kubernetes cluster manager.\n')).toBe(true);
  });
});

describe('kubectl get', () => {
  it('prints server tables aligned like kubectl, with -o wide, -A, --show-labels and --no-headers', () => {
    const { kubectl } = setup();
    expect(kubectl('get svc')).toEqual({
      stdout: 'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n',
      stderr: '',
      exitCode: 0,
      watch: undefined,
      edit: undefined,
    });
    expect(kubectl('get svc -o wide').stdout).toBe(
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s    <none>\n',
    );
    // Every namespace: the cluster's DNS addon (kube-dns) widens the NAMESPACE and PORT(S) columns.
    expect(kubectl('get services -A --show-labels').stdout).toBe(
      'NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE   LABELS\n' +
        'default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  0s    component=apiserver,provider=kubernetes\n' +
        'kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   0s    k8s-app=kube-dns,kubernetes.io/cluster-service=true,kubernetes.io/name=CoreDNS\n',
    );
    expect(kubectl('get ns --no-headers').stdout).toBe(
      'default           Active   0s\nkube-flannel      Active   0s\nkube-node-lease   Active   0s\nkube-public       Active   0s\nkube-system       Active   0s\n',
    );
  });

  it('says "No resources found" on stderr for empty lists', () => {
    const { kubectl } = setup();
    expect(kubectl('get pods')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    // kube-public holds no pods in a kubeadm cluster; no PersistentVolume exists until a claim is provisioned.
    expect(kubectl('get po -n kube-public')).toMatchObject({ stdout: '', stderr: 'No resources found in kube-public namespace.\n', exitCode: 0 });
    expect(kubectl('get pv')).toMatchObject({ stdout: '', stderr: 'No resources found\n', exitCode: 0 });
  });

  it('reports NotFound for a named object', () => {
    const { kubectl } = setup();
    expect(kubectl('get pod nope')).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(kubectl('get deploy/nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('groups several kinds with kind prefixes and a blank line between tables', () => {
    const { kubectl } = setup();
    kubectl('create deployment web --image=nginx --replicas=2');
    expect(kubectl('get deploy,svc').stdout).toBe(
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   0/2     0            0           0s\n\n' +
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n',
    );
  });

  it('prints lists as kind: List in YAML and JSON, single objects as themselves', () => {
    const { kubectl } = setup();
    kubectl('create configmap cfg --from-literal=b=2 --from-literal=a=1');
    const yaml = kubectl('get cm cfg -o yaml').stdout;
    expect(yaml).toMatch(/^apiVersion: v1\ndata:\n {2}a: "1"\n {2}b: "2"\nkind: ConfigMap\nmetadata:\n {2}creationTimestamp: "2025-01-01T00:00:00Z"\n {2}name: cfg\n {2}namespace: default\n/);
    const list = kubectl('get cm -o yaml').stdout;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    const json = kubectl('get cm --field-selector=metadata.name=cfg -o json').stdout;
    expect(JSON.parse(json)).toMatchObject({ kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '' }, items: [{ kind: 'ConfigMap', data: { a: '1', b: '2' } }] });
    expect(json.split('\n')[1]).toBe('    "apiVersion": "v1",');
    expect(kubectl('get pods -o yaml').stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it('supports -o name, jsonpath, jsonpath ranges and filters, and custom-columns', () => {
    const { kubectl } = setup();
    kubectl('create deployment web --image=nginx:1.27 --port=80');
    expect(kubectl('get deploy -o name').stdout).toBe('deployment.apps/web\n');
    expect(kubectl('get ns -o jsonpath={.items[*].metadata.name}').stdout).toBe('default kube-flannel kube-node-lease kube-public kube-system');
    expect(kubectl(`get ns -o jsonpath='{range .items[*]}{.metadata.name}{"\\n"}{end}'`).stdout).toBe('default\nkube-flannel\nkube-node-lease\nkube-public\nkube-system\n');
    expect(kubectl(`get ns -o jsonpath='{.items[?(@.metadata.name=="kube-public")].status.phase}'`).stdout).toBe('Active');
    expect(kubectl('get deploy web -o jsonpath={.spec.selector}').stdout).toBe('{"matchLabels":{"app":"web"}}');
    expect(kubectl('get deploy -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[*].image,MISSING:.spec.nope').stdout).toBe(
      'NAME   IMAGE        MISSING\nweb    nginx:1.27   <none>\n',
    );
    expect(kubectl('get deploy -o foo').stderr).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });

  it('sorts with --sort-by and adds -L label columns', () => {
    const { kubectl } = setup();
    kubectl('create namespace zeta');
    kubectl('label ns zeta team=blue');
    const out = kubectl('get ns --sort-by=.metadata.name -L team').stdout.split('\n');
    expect(out[0]).toBe('NAME              STATUS   AGE   TEAM');
    expect(out[1]).toBe('default           Active   0s    ');
    expect(out[6]).toBe('zeta              Active   0s    blue');
    expect(out).toHaveLength(8); // five system namespaces, zeta, and the final newline
  });
});

describe('kubectl create, run, apply, delete', () => {
  it('creates a deployment the way kubectl generates it', () => {
    const { kubectl, cluster } = setup();
    expect(kubectl('create deployment web --image=docker.io/library/nginx:1.27 --replicas=3 --port=8080')).toMatchObject({ stdout: 'deployment.apps/web created\n', exitCode: 0 });
    const d = cluster.get('deployment', 'web')!;
    expect(d.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'docker.io/library/nginx:1.27', ports: [{ containerPort: 8080 }] });
    expect(kubectl('create deployment web --image=nginx').stderr).toBe('Error from server (AlreadyExists): deployments.apps "web" already exists\n');
    const traffic = cluster.engine.traffic;
    expect(traffic).toBeDefined();
  });

  it('prints the generated object with --dry-run=client -o yaml, exactly as kubectl', () => {
    const { kubectl } = setup();
    expect(kubectl("run nginx --image=nginx --dry-run=client -o yaml -- sh -c 'echo hi'").stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - args:\n    - sh\n    - -c\n    - echo hi\n    image: nginx\n    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    expect(kubectl('create service clusterip my --tcp=80:8080 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: my\n  name: my\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: my\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    );
  });

  it('runs a pod and deletes it with kubectl\'s messages', () => {
    const { kubectl, cluster } = setup();
    expect(kubectl('run web --image=nginx --restart=Never').stdout).toBe('pod/web created\n');
    expect(cluster.get('pod', 'web')!.metadata.labels).toEqual({ run: 'web' });
    expect(kubectl('delete pod web')).toMatchObject({ stdout: 'pod "web" deleted\n', exitCode: 0 });
    expect(kubectl('delete pod web').stderr).toBe('Error from server (NotFound): pods "web" not found\n');
    expect(kubectl('delete pods').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(kubectl('delete').stderr).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
  });

  it('applies manifests from stdin and named files', () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n';
    const { kubectl, cluster } = setup({ stdin: manifest, files: { 'app.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n  - port: 80\n' } });
    expect(kubectl('apply -f -')).toMatchObject({ stdout: 'configmap/cfg created\nnamespace/team created\n', exitCode: 0 });
    expect(cluster.get('configmap', 'cfg')!.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"name":"cfg"');
    expect(kubectl('apply -f app.yaml -n team').stdout).toBe('service/api created\n');
    expect(cluster.get('service', 'api', 'team')).toBeDefined();
    expect(kubectl('apply -f missing.yaml').stderr).toBe('error: the path "missing.yaml" does not exist\n');
    expect(kubectl('apply').stderr).toBe('error: must specify one of -f and -k\n');
  });

  it('prints Invalid errors as CheckErr does', () => {
    const { kubectl } = setup({ stdin: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n' });
    const r = kubectl('create -f -');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^The Deployment "bad" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n$/);
  });
});

describe('kubectl label, annotate, scale, cordon', () => {
  it('patches metadata with merge patches and reports the outcome', () => {
    const { kubectl, cluster } = setup();
    kubectl('create deployment web --image=nginx');
    expect(kubectl('label deployment web tier=frontend').stdout).toBe('deployment.apps/web labeled\n');
    expect(kubectl('label deployment web tier=backend').stderr).toBe("error: 'tier' already has a value (frontend), and --overwrite is false\n");
    expect(kubectl('label deployment web tier=backend --overwrite').stdout).toBe('deployment.apps/web labeled\n');
    expect(kubectl('label deployment web tier-').stdout).toBe('deployment.apps/web unlabeled\n'.replace('unlabeled', 'labeled'));
    expect(cluster.get('deployment', 'web')!.metadata.labels).toEqual({ app: 'web' });
    expect(kubectl('annotate deploy/web note=hello').stdout).toBe('deployment.apps/web annotated\n');
    expect(cluster.get('deployment', 'web')!.metadata.annotations.note).toBe('hello');
  });

  it('scales through the scale subresource', () => {
    const { kubectl, cluster } = setup();
    kubectl('create deployment web --image=nginx');
    expect(kubectl('scale deployment web --replicas=4').stdout).toBe('deployment.apps/web scaled\n');
    expect(cluster.get('deployment', 'web')!.spec.replicas).toBe(4);
    expect(kubectl('scale deployment web').stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
  });

  it('cordons and uncordons a node', () => {
    const { kubectl, cluster } = setup();
    // worker-1 is one of the cluster's machines, registered by its kubelet.
    expect(cluster.get('node', 'worker-1')!.spec.unschedulable).toBeUndefined();
    expect(kubectl('cordon worker-1').stdout).toBe('node/worker-1 cordoned\n');
    expect(cluster.get('node', 'worker-1')!.spec.unschedulable).toBe(true);
    expect(kubectl('cordon worker-1').stdout).toBe('node/worker-1 already cordoned\n');
    expect(kubectl('uncordon worker-1').stdout).toBe('node/worker-1 uncordoned\n');
    expect(kubectl('taint nodes worker-1 dedicated=gpu:NoSchedule').stdout).toBe('node/worker-1 tainted\n');
    expect(cluster.get('node', 'worker-1')!.spec.taints).toContainEqual({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' });
    expect(kubectl('taint nodes worker-1 dedicated:NoSchedule-').stdout).toBe('node/worker-1 untainted\n');
  });
});

describe('kubectl rollout status', () => {
  it('streams progress until the deployment is rolled out', () => {
    const { kubectl, cluster } = setup();
    kubectl('create deployment web --image=nginx --replicas=2');
    const path = '/apis/apps/v1/namespaces/default/deployments/web/status';
    const setStatus = (status: Record<string, number>) => {
      const d = cluster.get('deployment', 'web')!;
      cluster.request({ method: 'PUT', path, body: { ...d, status: { observedGeneration: d.metadata.generation, ...status } } });
    };
    setStatus({ replicas: 2, updatedReplicas: 2, availableReplicas: 1 });
    const r = kubectl('rollout status deployment/web');
    expect(r.stdout).toBe('Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available...\n');
    expect(r.watch).toBeDefined();
    setStatus({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    cluster.advance(1000);
    expect(r.watch!.stdout).toBe('deployment "web" successfully rolled out\n');
    expect(r.watch!.finished).toBe(true);
  });
});

describe('kubectl cluster information', () => {
  it('prints api-resources with kubectl\'s columns and order', () => {
    const { kubectl } = setup();
    const lines = kubectl('api-resources').stdout.split('\n');
    expect(lines[0]).toBe('NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND');
    expect(lines[1]).toBe('bindings                                         v1                                true         Binding');
    expect(lines).toContain('deployments                         deploy       apps/v1                           true         Deployment');
  });

  it('prints the version lines', () => {
    const { kubectl } = setup();
    const out = kubectl('version').stdout.split('\n');
    expect(out[0]).toBe('Client Version: v1.32.0');
    expect(out[1]).toBe('Kustomize Version: v5.5.0');
    expect(out[2]).toMatch(/^Server Version: v1\.32\.\d+$/);
  });

  it('describes a service with describe\'s layout', () => {
    const { kubectl } = setup();
    expect(kubectl('describe svc kubernetes').stdout).toBe(
      [
        'Name:                     kubernetes',
        'Namespace:                default',
        'Labels:                   component=apiserver',
        '                          provider=kubernetes',
        'Annotations:              <none>',
        'Selector:                 <none>',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.0.1',
        'IPs:                      10.96.0.1',
        'Port:                     https  443/TCP',
        'TargetPort:               6443/TCP',
        'Endpoints:                172.18.0.2:6443',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });
});
