import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';

/** Outputs checked against the real kubectl 1.32 talking to `npm run serve`. */
describe('kubectl set env, set resources, autoscale', () => {
  const c = createCluster({ bare: true });
  const k = (line: string) => {
    const out = c.kubectl(line);
    return (out.stdout + out.stderr).replace(/\n$/, '');
  };
  k('kubectl create deployment web --image=nginx');
  const container = () => c.get('deployment', 'web')?.spec.template.spec.containers[0];

  it('sets, lists and removes environment variables', () => {
    expect(k('kubectl set env deployment/web FOO=bar')).toBe('deployment.apps/web env updated');
    expect(container().env).toEqual([{ name: 'FOO', value: 'bar' }]);
    expect(k('kubectl set env deployment/web --list')).toBe('# Deployment web, container nginx\nFOO=bar');
    expect(k('kubectl set env deployment/web FOO=bar')).toBe('');
    expect(k('kubectl set env deployment/web FOO-')).toBe('deployment.apps/web env updated');
    expect(container().env ?? []).toEqual([]);
    expect(k('kubectl set env deployment/web')).toBe('error: at least one environment variable must be provided');
  });

  it('sets resource requirements, silently when nothing changes', () => {
    expect(k('kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=100m')).toBe('deployment.apps/web resource requirements updated');
    expect(container().resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    expect(k('kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=100m')).toBe('');
  });

  it('autoscale creates an autoscaling/v1 HPA (readable as v2) and refuses a second', () => {
    expect(k('kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80')).toBe('horizontalpodautoscaler.autoscaling/web autoscaled');
    const v2 = c.request({ method: 'GET', path: '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web' }).body as Record<string, any>;
    expect(v2.spec).toMatchObject({ minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
    expect(k('kubectl autoscale deployment web --max=5')).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists');
    expect(k('kubectl autoscale deployment nope --max=3')).toBe('Error from server (NotFound): deployments.apps "nope" not found');
    expect(k('kubectl autoscale deployment web')).toBe('error: required flag(s) "max" not set');
  });
});
