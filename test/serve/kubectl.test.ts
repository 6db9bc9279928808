/**
 * The real kubectl 1.32 against `serve`: discovery, tables, create/get/watch/delete, errors and exit codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startHarness, type Harness } from './kubectl-harness';

const run = kubectlAvailable();

describe.runIf(run)('kubectl against pilothouse serve', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ nodes: 3, seed: 1 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('kubectl version reports a 1.32 server', async () => {
    const r = await h.kubectl(['version']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Server Version: v1\.32\.\d+$/m);
  });

  it('kubectl api-resources lists kinds as a 1.32 cluster does', async () => {
    const r = await h.kubectl(['api-resources']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(r.stdout).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(r.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(r.stdout).toMatch(/^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    expect(r.stdout).toMatch(/^cronjobs\s+cj\s+batch\/v1\s+true\s+CronJob$/m);
  });

  it('kubectl api-versions lists the served group versions', async () => {
    const r = await h.kubectl(['api-versions']);
    expect(r.code).toBe(0);
    const versions = r.stdout.trim().split('\n');
    expect(versions).toEqual(expect.arrayContaining(['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1']));
  });

  it('kubectl get ns prints the system namespaces as a server-side table', async () => {
    const r = await h.kubectl(['get', 'ns']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    const names = lines.slice(1).map((l) => l.split(/\s+/));
    // kubeadm's namespaces and the CNI's, in the apiserver's (name) order.
    expect(names.map((c) => c[0])).toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
    for (const cells of names) {
      expect(cells[1]).toBe('Active');
      expect(cells[2]).toMatch(/^\d+(s|m\d*s?|h\d*m?|d\d*h?)$/);
    }
  });

  it('creates, reads, watches and deletes a ConfigMap', async () => {
    // kubectl's typed client sends this create as protobuf.
    const created = await h.kubectl(['create', 'configmap', 'x', '--from-literal=a=b']);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('configmap/x created');

    const yaml = await h.kubectl(['get', 'cm', 'x', '-o', 'yaml']);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toMatch(/^apiVersion: v1$/m);
    expect(yaml.stdout).toMatch(/^kind: ConfigMap$/m);
    expect(yaml.stdout).toMatch(/^data:\n {2}a: b$/m);
    expect(yaml.stdout).toMatch(/^ {2}name: x$/m);
    expect(yaml.stdout).toMatch(/^ {2}namespace: default$/m);
    expect(yaml.stdout).toMatch(/^ {2}uid: [0-9a-f-]{36}$/m);

    const table = await h.kubectl(['get', 'cm']);
    expect(table.stdout).toMatch(/^NAME\s+DATA\s+AGE$/m);
    expect(table.stdout).toMatch(/^x\s+1\s+\d+s$/m);

    const watch = h.spawnKubectl(['get', 'cm', 'x', '-w', '-o', 'custom-columns=NAME:.metadata.name,A:.data.a']);
    await watch.waitFor(/^x\s+b$/m);
    // A PUT (kubectl replace) changes it; the watch must deliver the MODIFIED event promptly.
    const replaced = await h.kubectl(['replace', '-f', '-'], {
      stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: changed\n',
    });
    expect(replaced.stderr).toBe('');
    expect(replaced.stdout.trim()).toBe('configmap/x replaced');
    await watch.waitFor(/^x\s+changed$/m, 5_000);
    watch.child.kill('SIGTERM');

    const deleted = await h.kubectl(['delete', 'cm', 'x']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.trim()).toBe('configmap "x" deleted');
    const gone = await h.kubectl(['get', 'cm', 'x']);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): configmaps "x" not found');
  });

  it('kubectl get -w on a table streams rows for changes', async () => {
    await h.kubectl(['create', 'configmap', 'listed', '--from-literal=k=v']);
    const watch = h.spawnKubectl(['get', 'cm', '-w']);
    // kube-root-ca.crt (the root-ca publisher's) sorts first; `listed` follows in the same table.
    await watch.waitFor(/^NAME\s+DATA\s+AGE\nkube-root-ca\.crt\s+1\s+\d+s\nlisted\s+1\s+\d+s$/m);
    await h.kubectl(['create', 'configmap', 'watched', '--from-literal=k=v', '--from-literal=k2=v']);
    // Later events are one-row Tables without column definitions: kubectl prints just the row.
    await watch.waitFor(/^watched\s+2\s+\d+s$/m, 5_000);
    expect(watch.output().match(/^NAME/gm)).toHaveLength(1);
    watch.child.kill('SIGTERM');
  });

  it('reports errors with kubectl exit codes and messages', async () => {
    const missing = await h.kubectl(['get', 'cm', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): configmaps "nope" not found');

    const dup = await h.kubectl(['create', 'namespace', 'default']);
    expect(dup.code).toBe(1);
    expect(dup.stderr.trim()).toBe('Error from server (AlreadyExists): namespaces "default" already exists');

    const unknown = await h.kubectl(['get', 'frobnicators']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`error: the server doesn't have a resource type "frobnicators"`);
  });

  it('creates a Deployment through the protobuf typed client', async () => {
    const r = await h.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('deployment.apps/web created');
    const got = await h.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.selector.matchLabels.app}']);
    expect(got.stdout).toBe('2 nginx:1.27 web');
  });

  it('applies a new manifest (client-side apply creates it) with default strict validation', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: v1\n';
    const first = await h.kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(first.stderr).toBe('');
    expect(first.stdout.trim()).toBe('configmap/applied created');
    const got = await h.kubectl(['get', 'cm', 'applied', '-o', 'jsonpath={.data.k}']);
    expect(got.stdout).toBe('v1');
    const annotation = await h.kubectl(['get', 'cm', 'applied', '-o', 'jsonpath={.metadata.annotations}']);
    expect(annotation.stdout).toContain('kubectl.kubernetes.io/last-applied-configuration');
  });

  it('kubectl explain reads /openapi/v3', async () => {
    const r = await h.kubectl(['explain', 'deployment.spec.replicas']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^GROUP:\s+apps$/m);
    expect(r.stdout).toMatch(/^KIND:\s+Deployment$/m);
    expect(r.stdout).toMatch(/^FIELD: replicas <integer>$/m);
  });

  it('works with --server and no kubeconfig at all', async () => {
    const r = await h.kubectl(['--server', h.server.url, 'get', 'ns', 'default', '-o', 'name'], { kubeconfig: '/dev/null' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('namespace/default');
  });
});

describe.runIf(run)('kubectl against a token-protected serve', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ token: 'secret-token' });
  });
  afterAll(async () => {
    await h?.close();
  });

  // client-go sends kubeconfig credentials only over TLS, so over http:// kubectl is refused (as a real apiserver
  // would refuse an anonymous kubectl); token clients such as curl get in.
  it('refuses kubectl, which sends no credentials over plain http', async () => {
    const denied = await h.kubectl(['get', 'ns']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('error: You must be logged in to the server (the server has asked for the client to provide credentials)');
  });

  it('serves a client presenting the bearer token', async () => {
    const ok = await fetch(`${h.server.url}/api/v1/namespaces/default`, { headers: { authorization: 'Bearer secret-token' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { metadata: { name: string } }).metadata.name).toBe('default');
    const wrong = await fetch(`${h.server.url}/api/v1/namespaces/default`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });
});
