import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';

/** Outputs checked against the real kubectl 1.32 talking to `npm run serve`. */
describe('kubectl patch and replace', () => {
  function setup() {
    const c = createCluster({ bare: true });
    const k = (line: string, stdin?: string) => {
      const out = c.kubectl(line, stdin !== undefined ? { stdin } : {});
      return (out.stdout + out.stderr).trimEnd();
    };
    expect(k('kubectl create deployment web --image=nginx')).toBe('deployment.apps/web created');
    return { c, k };
  }

  it('patches with strategic, merge (YAML) and JSON patches, and says when nothing changed', () => {
    const { c, k } = setup();
    expect(k(`kubectl patch deployment web -p '{"spec":{"replicas":2}}'`)).toBe('deployment.apps/web patched');
    expect(k(`kubectl patch deployment web -p '{"spec":{"replicas":2}}'`)).toBe('deployment.apps/web patched (no change)');
    expect(k(`kubectl patch deployment web --type merge -p 'spec: {replicas: 3}'`)).toBe('deployment.apps/web patched');
    expect(c.get('deployment', 'web')?.spec.replicas).toBe(3);
    expect(k(`kubectl patch deployment web --type json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`)).toBe('deployment.apps/web patched');
    expect(c.get('deployment', 'web')?.spec.replicas).toBe(1);
    expect(k(`kubectl patch deploy/web -p '{"metadata":{"labels":{"tier":"front"}}}' -o jsonpath='{.metadata.labels.tier}'`)).toBe('front');
  });

  it('answers bad input as kubectl does', () => {
    const { k } = setup();
    expect(k(`kubectl patch deployment web --type foo -p '{}'`)).toBe('error: --type must be one of [json merge strategic], not "foo"');
    expect(k('kubectl patch deployment web')).toBe('error: must specify --patch or --patch-file containing the contents of the patch');
    expect(k('kubectl patch')).toBe('error: must specify --patch or --patch-file containing the contents of the patch');
    expect(k(`kubectl patch deployment nope -p '{}'`)).toBe('Error from server (NotFound): deployments.apps "nope" not found');
    expect(k(`kubectl patch deployment web -p '{bad'`)).toMatch(/^Error from server \(BadRequest\): /);
  });

  it('replaces from a file, and with --force deletes and recreates', () => {
    const { c, k } = setup();
    const yaml = c.kubectl('kubectl get deployment web -o yaml').stdout.replace('replicas: 1', 'replicas: 4');
    expect(k('kubectl replace -f -', yaml)).toBe('deployment.apps/web replaced');
    expect(c.get('deployment', 'web')?.spec.replicas).toBe(4);
    const uid = c.get('deployment', 'web')?.metadata.uid;
    expect(k('kubectl replace --force -f -', yaml)).toBe('deployment.apps "web" deleted\ndeployment.apps/web replaced');
    expect(c.get('deployment', 'web')?.metadata.uid).not.toBe(uid);
    const ghost = yaml.replace(/name: web$/m, 'name: ghost').split('\n').filter((l) => !l.includes('resourceVersion')).join('\n');
    expect(k('kubectl replace -f -', ghost)).toBe(
      'Error from server (NotFound): error when replacing "STDIN": deployments.apps "ghost" not found',
    );
  });
});
