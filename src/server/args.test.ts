import { describe, expect, it } from 'vitest';
import { parseServeArgs, UsageError } from './args';
import { kubeconfigYaml } from './kubeconfig';
import { parse } from 'yaml';

describe('parseServeArgs', () => {
  it('reads every flag, with defaults', () => {
    expect(parseServeArgs([])).toEqual({ port: 6443, nodes: 3, speed: 1, seed: 1, kubeconfig: undefined, token: undefined });
    expect(parseServeArgs(['--port', '0', '--nodes', '5', '--speed', 'max', '--seed', '42', '--kubeconfig', '/tmp/k', '--token', 't'])).toEqual({
      port: 0,
      nodes: 5,
      speed: 'max',
      seed: 42,
      kubeconfig: '/tmp/k',
      token: 't',
    });
    expect(parseServeArgs(['--speed=0.5']).speed).toBe(0.5);
  });

  it('refuses bad values and unknown flags', () => {
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(UsageError);
    expect(() => parseServeArgs(['--speed', '0'])).toThrow(/--speed must be a positive number or "max"/);
    expect(() => parseServeArgs(['--nodes', 'three'])).toThrow(UsageError);
    expect(() => parseServeArgs(['--bogus'])).toThrow(UsageError);
  });
});

describe('kubeconfigYaml', () => {
  it('names cluster, user and context pilothouse and carries the token', () => {
    const kc = parse(kubeconfigYaml({ server: 'http://127.0.0.1:6443', token: 'abc' }));
    expect(kc['current-context']).toBe('pilothouse');
    expect(kc.clusters).toEqual([{ name: 'pilothouse', cluster: { server: 'http://127.0.0.1:6443' } }]);
    expect(kc.users).toEqual([{ name: 'pilothouse', user: { token: 'abc' } }]);
    expect(kc.contexts).toEqual([{ name: 'pilothouse', context: { cluster: 'pilothouse', user: 'pilothouse', namespace: 'default' } }]);
  });
});
