/**
 * Image references, parsed as github.com/distribution/reference does (ParseNormalizedNamed), and the kubelet's
 * default-tag step (pkg/kubelet/images applyDefaultImageTag) with its InvalidImageName wording.
 */

export interface ImageReference {
  /** Registry host, with port when given: `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  domain: string;
  /** Repository path inside the registry: `library/nginx`, `e2e-test-images/agnhost`. */
  path: string;
  tag?: string;
  digest?: string;
}

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRe = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const anchoredNameRe = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const identifierRe = /^[a-f0-9]{64}$/;
/** go-digest only registers these algorithms; the encoded part must have the algorithm's exact length. */
const digestLengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const repositoryNameTotalLengthMax = 255;

export class ReferenceError extends Error {}

/** Splits a familiar name into registry and path the way `docker pull` does (splitDockerDomain). */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  let domain: string;
  let remainder: string;
  if (slash < 0) return ['docker.io', `library/${name}`];
  const maybeDomain = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  if (maybeDomain === 'localhost') [domain, remainder] = [maybeDomain, rest];
  else if (maybeDomain === 'index.docker.io') [domain, remainder] = ['docker.io', rest];
  else if (/[.:]/.test(maybeDomain)) [domain, remainder] = [maybeDomain, rest];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remainder] = [maybeDomain, rest];
  else [domain, remainder] = ['docker.io', name];
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

function parseDigest(d: string): string {
  const colon = d.indexOf(':');
  const alg = d.slice(0, colon);
  const hex = d.slice(colon + 1);
  const want = digestLengths[alg];
  if (want === undefined) throw new ReferenceError('unsupported digest algorithm');
  if (hex.length !== want || !/^[a-f0-9]+$/.test(hex)) throw new ReferenceError('invalid checksum digest length');
  return d;
}

/** ParseNormalizedNamed: `nginx` ⇒ docker.io/library/nginx (no tag added here). Throws ReferenceError. */
export function parseNormalizedNamed(s: string): ImageReference {
  if (identifierRe.test(s)) {
    throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new ReferenceError(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const full = `${domain}/${remainder}`;
  const m = referenceRe.exec(full);
  if (!m) {
    const lower = full.toLowerCase();
    if (lower !== full && referenceRe.test(lower)) throw new ReferenceError('repository name must be lowercase');
    throw new ReferenceError('invalid reference format');
  }
  const nm = anchoredNameRe.exec(m[1]);
  const ref: ImageReference = nm ? { domain: nm[1] ?? '', path: nm[2] } : { domain: '', path: m[1] };
  if (ref.path.length > repositoryNameTotalLengthMax) {
    throw new ReferenceError(`repository name must not be more than ${repositoryNameTotalLengthMax} characters`);
  }
  if (m[2]) ref.tag = m[2];
  if (m[3]) ref.digest = parseDigest(m[3]);
  return ref;
}

export function repositoryName(ref: ImageReference): string {
  return ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
}

/** The canonical string: `docker.io/library/nginx:1.27`, `…@sha256:…`, or both. */
export function formatReference(ref: ImageReference): string {
  return repositoryName(ref) + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

/** The short form the docker CLI prints: docker.io and library/ dropped. */
export function familiarName(ref: ImageReference): string {
  let name = repositoryName(ref);
  if (ref.domain === 'docker.io') {
    name = ref.path;
    const rest = name.startsWith('library/') ? name.slice('library/'.length) : undefined;
    if (rest !== undefined && !rest.includes('/')) name = rest;
  }
  return name + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

export type DefaultTagResult =
  | { ok: true; image: string; ref: ImageReference }
  | { ok: false; reason: 'InvalidImageName'; message: string };

/**
 * The kubelet's first step of EnsureImageExists: parse the Pod's `image`, add `:latest` when it has neither tag
 * nor digest. On failure the kubelet records an `InspectFailed` warning with `message` and the container waits
 * with reason `InvalidImageName`.
 */
export function applyDefaultImageTag(image: string): DefaultTagResult {
  let ref: ImageReference;
  try {
    ref = parseNormalizedNamed(image);
  } catch (e) {
    const err = (e as Error).message;
    return {
      ok: false,
      reason: 'InvalidImageName',
      message: `Failed to apply default image tag ${goQuote(image)}: couldn't parse image name ${goQuote(image)}: ${err}`,
    };
  }
  if (!ref.tag && !ref.digest) ref = { ...ref, tag: 'latest' };
  return { ok: true, image: formatReference(ref), ref };
}

/** Go's %q for the printable strings image names are. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
