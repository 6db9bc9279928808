/**
 * Share links: a run (its recording), the editor's text and view settings, as JSON deflated with fflate and
 * base64url-encoded into the URL fragment (`#share=v1.…`), so nothing leaves the browser. Links are untrusted input:
 * the encoded text and the inflated JSON are both bounded (inflating stops as soon as it passes the limit, so a
 * small link that would expand into gigabytes costs nothing), the JSON is validated, and every failure is a clear
 * sentence — never an exception.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { validateRecording, type SessionRecording } from '../../protocol/recording';

export const SHARE_PREFIX = 'share=';
export const SHARE_FORMAT = 'v1';
/** Decoded (inflated) size limit. */
export const MAX_SHARE_BYTES = 1024 * 1024;
/** Encoded size limit: deflate never shrinks real content by more than ~1000×, and URLs this long are not links. */
export const MAX_SHARE_CHARS = 2 * 1024 * 1024;

export interface SharedState {
  recording: SessionRecording;
  /** The YAML editor's text. */
  editor?: string;
  view?: { presenter?: boolean };
}

export type DecodeResult = { ok: true; state: SharedState } | { ok: false; error: string };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Inflates at most `limit` bytes; undefined when the data is not deflate or would expand past the limit. */
function boundedInflate(data: Uint8Array, limit: number): { bytes: Uint8Array } | { error: 'corrupt' | 'too-large' } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > limit) {
      tooLarge = true;
      throw new RangeError('share link too large'); // stops fflate mid-stream
    }
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    // Feed in small pieces so the size check runs before a huge output is produced in one go.
    for (let i = 0; i < data.length; i += 1024) inflater.push(data.subarray(i, i + 1024), i + 1024 >= data.length);
  } catch {
    return { error: tooLarge ? 'too-large' : 'corrupt' };
  }
  if (!ended) return { error: 'corrupt' };
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return { bytes };
}

export function encodeShareState(state: SharedState): string {
  const json = JSON.stringify(state);
  return `${SHARE_PREFIX}${SHARE_FORMAT}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

/** The fragment's payload (`share=v1.…`, with or without the leading `#`), or undefined when it isn't a share link. */
export function shareFragment(hash: string): string | undefined {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  return h.startsWith(SHARE_PREFIX) ? h : undefined;
}

export function decodeShareState(fragment: string): DecodeResult {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!body.startsWith(SHARE_PREFIX)) return { ok: false, error: 'This is not a Pilothouse share link.' };
  if (body.length > MAX_SHARE_CHARS) return { ok: false, error: 'This share link is too long to be a Pilothouse link.' };
  const rest = body.slice(SHARE_PREFIX.length);
  const dot = rest.indexOf('.');
  const version = dot < 0 ? '' : rest.slice(0, dot);
  if (!/^v\d+$/.test(version)) return { ok: false, error: 'This share link is damaged (no format version).' };
  if (version !== SHARE_FORMAT) {
    const n = Number(version.slice(1));
    return { ok: false, error: n > 1 ? `This link was made by a newer Pilothouse (link format ${version}); reload to get the latest version.` : `This share link has an unknown format (${version}).` };
  }
  const bytes = fromBase64Url(rest.slice(dot + 1));
  if (!bytes || bytes.length === 0) return { ok: false, error: 'This share link is damaged (it is not valid base64url); it may have been cut short when copied.' };
  const inflated = boundedInflate(bytes, MAX_SHARE_BYTES);
  if ('error' in inflated) {
    return inflated.error === 'too-large'
      ? { ok: false, error: `This share link expands to more than ${MAX_SHARE_BYTES / 1024 / 1024} MB; it was refused.` }
      : { ok: false, error: 'This share link is damaged (its data does not decompress); it may have been cut short when copied.' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(inflated.bytes));
  } catch {
    return { ok: false, error: 'This share link is damaged (its contents are not JSON).' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, error: 'This share link does not describe a Pilothouse run.' };
  const p = parsed as Record<string, unknown>;
  const recording = validateRecording(p.recording);
  if (!recording.ok) return { ok: false, error: `This link cannot be opened: ${recording.error}.` };
  if (p.editor !== undefined && typeof p.editor !== 'string') return { ok: false, error: 'This share link is damaged (the editor text is not text).' };
  const view = typeof p.view === 'object' && p.view !== null ? { presenter: (p.view as Record<string, unknown>).presenter === true } : undefined;
  return { ok: true, state: { recording: recording.recording, ...(p.editor !== undefined ? { editor: p.editor as string } : {}), ...(view ? { view } : {}) } };
}
