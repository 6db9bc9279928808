/**
 * Pulling an image: resolving a Pod's `image` against the catalog and the registries the simulation can reach,
 * with the timing and the error text containerd reports and the kubelet puts into events.
 */
import { applyDefaultImageTag, formatReference, goQuote, repositoryName, type ImageReference } from './reference';
import { findFamily, type ImageConfig } from './catalog';

/** Registries that answer. Anything else fails name resolution (or, for localhost, refuses the connection). */
export const KNOWN_REGISTRIES = ['docker.io', 'registry.k8s.io', 'ghcr.io', 'quay.io', 'gcr.io', 'mcr.microsoft.com', 'public.ecr.aws', 'registry.gitlab.com', 'k8s.gcr.io'];

export type GrpcCode = 'NotFound' | 'Unknown';

export type PullResult =
  | { ok: true; image: ImageConfig; durationMs: number }
  /** InvalidImageName: the kubelet never asks the runtime. */
  | { ok: false; reason: 'InvalidImageName'; message: string }
  /** ErrImagePull: `message` is the runtime's error, `eventMessage` the kubelet's Failed event. */
  | { ok: false; reason: 'ErrImagePull'; code: GrpcCode; message: string; eventMessage: string };

export interface PullOptions {
  /** Download bandwidth in bytes per second (default 25 MB/s). */
  bandwidthBytesPerSec?: number;
  /** Round trips for token, manifest and config before layers download (default 400 ms). */
  latencyMs?: number;
  /** Nameserver shown in DNS errors (`lookup x on 10.0.0.2:53: no such host`); omitted when unset. */
  nameserver?: string;
}

/** Deterministic stand-in for a content digest: 64 hex characters derived from the text. */
export function fakeDigest(text: string): string {
  let out = '';
  let h1 = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < text.length; i++) {
      h1 ^= text.charCodeAt(i) + round;
      h1 = Math.imul(h1, 0x01000193) >>> 0;
    }
    out += h1.toString(16).padStart(8, '0');
  }
  return `sha256:${out.slice(0, 64)}`;
}

/** Looks an image up without pulling it: the resolved config, or why a pull would fail. */
export function resolveImage(image: string, options: PullOptions = {}): PullResult {
  const parsed = applyDefaultImageTag(image);
  if (!parsed.ok) return parsed;
  const ref = parsed.ref;
  const canonical = parsed.image;
  const fail = (code: GrpcCode, detail: string): PullResult => {
    const message = `failed to pull and unpack image ${goQuote(canonical)}: ${detail}`;
    return { ok: false, reason: 'ErrImagePull', code, message, eventMessage: `Failed to pull image ${goQuote(image)}: rpc error: code = ${code} desc = ${message}` };
  };
  const resolveFail = (code: GrpcCode, why: string) => fail(code, `failed to resolve reference ${goQuote(canonical)}: ${why}`);
  const host = ref.domain;
  const hostname = host.replace(/:\d+$/, '');
  const manifestUrl = `https://${host}/v2/${ref.path}/manifests/${ref.digest ?? ref.tag}`;
  if (!KNOWN_REGISTRIES.includes(host)) {
    if (hostname === 'localhost' || hostname === '127.0.0.1') {
      const port = host.includes(':') ? host.split(':').pop() : '443';
      return resolveFail('Unknown', `failed to do request: Head ${goQuote(manifestUrl)}: dial tcp 127.0.0.1:${port}: connect: connection refused`);
    }
    const on = options.nameserver ? ` on ${options.nameserver}:53` : '';
    return resolveFail('Unknown', `failed to do request: Head ${goQuote(manifestUrl)}: dial tcp: lookup ${hostname}${on}: no such host`);
  }
  const family = findFamily(repositoryName(ref));
  if (!family) return resolveFail('Unknown', notFoundInRegistry(ref, canonical));
  const tag = ref.tag ?? 'latest';
  const version = family.resolveTag(tag);
  if (!version) return resolveFail('NotFound', `${canonical}: not found`);
  const body = family.build(version, tag);
  const repository = repositoryName(ref);
  const imageId = fakeDigest(`${repository}:${version}:${tag}:config`);
  const manifestDigest = ref.digest ?? fakeDigest(`${repository}:${version}:${tag}:manifest`);
  const config: ImageConfig = {
    ...body,
    reference: formatReference(ref),
    repository,
    tag: ref.tag,
    digest: ref.digest,
    imageId,
    repoDigest: `${repository}@${manifestDigest}`,
    version,
  };
  const bandwidth = options.bandwidthBytesPerSec ?? 25_000_000;
  const durationMs = (options.latencyMs ?? 400) + Math.round((body.sizeBytes / bandwidth) * 1000);
  return { ok: true, image: config, durationMs };
}

/** What each registry answers for a repository it does not have. */
function notFoundInRegistry(ref: ImageReference, canonical: string): string {
  switch (ref.domain) {
    case 'docker.io':
      return 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    case 'ghcr.io':
    case 'quay.io':
      return `failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://${ref.domain}/token?scope=repository%3A${encodeURIComponent(ref.path)}%3Apull&service=${ref.domain}: 401 Unauthorized`;
    default:
      return `${canonical}: not found`;
  }
}

/** Go's time.Duration.String() for the kubelet's "Successfully pulled image … in 1.234s". */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalSec = ms / 1000;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = +(totalSec % 60).toFixed(3);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

/** The kubelet's Pulled event after a successful pull. */
export function pulledEventMessage(image: string, durationMs: number, waitingMs: number, sizeBytes: number): string {
  return `Successfully pulled image ${goQuote(image)} in ${goDuration(durationMs)} (${goDuration(durationMs + waitingMs)} including waiting). Image size: ${sizeBytes} bytes.`;
}
