import { describe, expect, it } from 'vitest';
import { goDuration, pulledEventMessage, resolveImage } from './pull';

describe('pulling images', () => {
  it('resolves known images and tags to versions and configs', () => {
    const r = resolveImage('nginx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.image.reference).toBe('docker.io/library/nginx:latest');
    expect(r.image.version).toBe('1.27.3');
    expect(r.image.entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(r.image.cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(r.image.exposedPorts).toEqual(['80/tcp']);
    expect(r.image.stopSignal).toBe('SIGQUIT');
    expect(r.image.repoDigest).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(r.durationMs).toBeGreaterThan(2000);
    const old = resolveImage('nginx:1.14.2');
    expect(old.ok && old.image.entrypoint).toEqual([]);
    const alpine = resolveImage('nginx:1.27-alpine');
    expect(alpine.ok && alpine.image.shell).toBe('ash');
    expect(alpine.ok && alpine.image.sizeBytes).toBeLessThan(r.image.sizeBytes);
  });

  it('keeps pull time proportional to size', () => {
    const small = resolveImage('busybox');
    const big = resolveImage('python:3.12');
    expect(small.ok && big.ok && small.durationMs < big.durationMs).toBe(true);
  });

  it('reports a repository Docker Hub does not have as containerd does', () => {
    const r = resolveImage('nosuch');
    expect(r).toMatchObject({ ok: false, reason: 'ErrImagePull', code: 'Unknown' });
    if (r.ok || r.reason !== 'ErrImagePull') return;
    expect(r.message).toBe(
      'failed to pull and unpack image "docker.io/library/nosuch:latest": failed to resolve reference "docker.io/library/nosuch:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(r.eventMessage).toBe(`Failed to pull image "nosuch": rpc error: code = Unknown desc = ${r.message}`);
  });

  it('reports unknown tags of known images as not found', () => {
    const r = resolveImage('nginx:1.99');
    expect(r).toMatchObject({ ok: false, code: 'NotFound' });
    if (r.ok || r.reason !== 'ErrImagePull') return;
    expect(r.eventMessage).toBe(
      'Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
    );
    expect(resolveImage('registry.k8s.io/pause:9.9')).toMatchObject({ ok: false, code: 'NotFound' });
    expect(resolveImage('nginx:1.27.9').ok).toBe(false);
    expect(resolveImage('nginx:1.27.1').ok).toBe(true);
  });

  it('fails name resolution for unreachable registries', () => {
    const r = resolveImage('registry.invalid/x');
    if (r.ok || r.reason !== 'ErrImagePull') throw new Error('expected failure');
    expect(r.message).toBe(
      'failed to pull and unpack image "registry.invalid/x:latest": failed to resolve reference "registry.invalid/x:latest": failed to do request: Head "https://registry.invalid/v2/x/manifests/latest": dial tcp: lookup registry.invalid: no such host',
    );
    const withNs = resolveImage('my.corp:5000/team/app:v1', { nameserver: '10.0.0.2' });
    expect(!withNs.ok && withNs.message).toContain('Head "https://my.corp:5000/v2/team/app/manifests/v1": dial tcp: lookup my.corp on 10.0.0.2:53: no such host');
    const local = resolveImage('localhost:5000/app');
    expect(!local.ok && local.message).toContain('dial tcp 127.0.0.1:5000: connect: connection refused');
  });

  it('passes InvalidImageName through without asking a registry', () => {
    expect(resolveImage('Nginx')).toMatchObject({ ok: false, reason: 'InvalidImageName' });
  });

  it('words pull durations as Go does', () => {
    expect(goDuration(523)).toBe('523ms');
    expect(goDuration(2634)).toBe('2.634s');
    expect(goDuration(62_500)).toBe('1m2.5s');
    expect(pulledEventMessage('nginx', 2634, 0, 72099501)).toBe('Successfully pulled image "nginx" in 2.634s (2.634s including waiting). Image size: 72099501 bytes.');
  });
});
