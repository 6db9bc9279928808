import { describe, expect, it } from 'vitest';
import { applyDefaultImageTag, familiarName, parseNormalizedNamed } from './reference';

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['library/nginx', 'docker.io/library/nginx:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/nginx:alpine', 'docker.io/library/nginx:alpine'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost/app:v1', 'localhost/app:v1'],
    ['myregistry.local:5000/team/app:v2', 'myregistry.local:5000/team/app:v2'],
    ['[::1]:5000/app', '[::1]:5000/app:latest'],
    ['busybox@sha256:' + 'a'.repeat(64), 'docker.io/library/busybox@sha256:' + 'a'.repeat(64)],
    ['busybox:1.36@sha256:' + 'b'.repeat(64), 'docker.io/library/busybox:1.36@sha256:' + 'b'.repeat(64)],
    ['a__b/c-d.e:tag_1.2-x', 'docker.io/a__b/c-d.e:tag_1.2-x'],
  ])('%s ⇒ %s', (input, canonical) => {
    const r = applyDefaultImageTag(input);
    expect(r.ok && r.image).toBe(canonical);
  });

  it('splits domain and path', () => {
    expect(parseNormalizedNamed('localhost:5000/team/app:v1')).toEqual({ domain: 'localhost:5000', path: 'team/app', tag: 'v1' });
    expect(parseNormalizedNamed('quay.io/prometheus/node-exporter')).toEqual({ domain: 'quay.io', path: 'prometheus/node-exporter' });
  });

  it('shortens to the familiar form', () => {
    expect(familiarName(parseNormalizedNamed('docker.io/library/nginx:1.27'))).toBe('nginx:1.27');
    expect(familiarName(parseNormalizedNamed('docker.io/bitnami/redis'))).toBe('bitnami/redis');
    expect(familiarName(parseNormalizedNamed('registry.k8s.io/pause:3.10'))).toBe('registry.k8s.io/pause:3.10');
  });

  it.each([
    ['nginx:', 'invalid reference format'],
    ['nginx::1', 'invalid reference format'],
    ['registry.hub.docker.com/library//nginx:latest', 'invalid reference format'],
    ['https://registry.example.com/app', 'invalid reference format'],
    ['nginx:latest ', 'invalid reference format'],
    ['-nginx', 'invalid reference format'],
    ['', 'invalid reference format'],
    ['busyBOX', 'invalid reference format: repository name (library/busyBOX) must be lowercase'],
    ['hfhugs/unsloth-gemma-3-4b-it-GGUF:Q4_K_XL', 'invalid reference format: repository name (hfhugs/unsloth-gemma-3-4b-it-GGUF) must be lowercase'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    ['nginx@sha256:abc', 'invalid reference format'],
    ['nginx@sha256:' + 'a'.repeat(63) + 'g', 'invalid reference format'],
    ['nginx@md5:' + 'a'.repeat(32), 'unsupported digest algorithm'],
  ])('rejects %j with "%s"', (input, why) => {
    const r = applyDefaultImageTag(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('InvalidImageName');
      expect(r.message).toBe(`Failed to apply default image tag ${JSON.stringify(input)}: couldn't parse image name ${JSON.stringify(input)}: ${why}`);
    }
  });
});
