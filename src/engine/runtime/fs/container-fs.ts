import { Volume, trimSlashes } from './volume';

export type FsErrno = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EROFS' | 'EEXIST' | 'ENOTEMPTY';

/** strerror() text, which both busybox and coreutils print after the file name. */
export const strerror: Record<FsErrno, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
};

export class FsError extends Error {
  constructor(readonly errno: FsErrno) {
    super(strerror[errno]);
  }
}

export interface Mount {
  /** Absolute mount path inside the container. */
  path: string;
  volume: Volume;
  /** Mounts a file or directory inside the volume instead of its root (volumeMounts[].subPath). */
  subPath?: string;
  readOnly?: boolean;
}

interface Location {
  volume: Volume;
  rel: string;
  readOnly: boolean;
}

/** Joins and normalises a path against a working directory, resolving `.` and `..`. */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  const raw = path.startsWith('/') ? path : `${cwd}/${path}`;
  for (const p of raw.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/**
 * The view a process has of its files: the writable root layer with the Pod's volumes mounted over it. The
 * longest mount prefix wins, as with stacked bind mounts.
 */
export class ContainerFs {
  private readonly mounts: Mount[];

  constructor(
    readonly root: Volume,
    mounts: Mount[] = [],
  ) {
    this.mounts = [...mounts]
      .map((m) => ({ ...m, path: resolvePath('/', m.path) }))
      .sort((a, b) => b.path.length - a.path.length);
    // Mount points exist as directories in the layer below, as the runtime creates them.
    for (const m of this.mounts) {
      const parent = m.path.slice(0, m.path.lastIndexOf('/'));
      if (parent) this.locate(parent, true);
    }
  }

  isMountPoint(path: string): boolean {
    return this.mounts.some((m) => m.path === path);
  }

  private locate(abs: string, mkParents = false): Location {
    for (const m of this.mounts) {
      if (abs === m.path || abs.startsWith(`${m.path}/`)) {
        const inner = trimSlashes(abs.slice(m.path.length));
        const base = m.subPath ? trimSlashes(m.subPath) : '';
        const rel = [base, inner].filter(Boolean).join('/');
        return { volume: m.volume, rel, readOnly: !!m.readOnly || m.volume.readOnly };
      }
    }
    const rel = trimSlashes(abs);
    if (mkParents) {
      const parts = rel.split('/');
      for (let i = 1; i <= parts.length; i++) this.root.dirs.add(parts.slice(0, i).join('/'));
    }
    return { volume: this.root, rel, readOnly: this.root.readOnly };
  }

  private parentOk(loc: Location): void {
    const slash = loc.rel.lastIndexOf('/');
    const parent = slash < 0 ? '' : loc.rel.slice(0, slash);
    if (loc.volume.dirs.has(parent)) return;
    // A file somewhere up the path makes it ENOTDIR, otherwise the directory is missing.
    const parts = parent.split('/');
    for (let i = 1; i <= parts.length; i++) {
      if (loc.volume.files.has(parts.slice(0, i).join('/'))) throw new FsError('ENOTDIR');
    }
    throw new FsError('ENOENT');
  }

  stat(abs: string): 'file' | 'dir' | undefined {
    if (abs === '/dev/null') return 'file';
    if (this.isMountPoint(abs)) return this.locate(abs).volume.files.has(this.locate(abs).rel) ? 'file' : 'dir';
    const loc = this.locate(abs);
    if (loc.volume.files.has(loc.rel)) return 'file';
    if (loc.volume.dirs.has(loc.rel)) return 'dir';
    return undefined;
  }

  readFile(abs: string): string {
    if (abs === '/dev/null') return '';
    const loc = this.locate(abs);
    const content = loc.volume.files.get(loc.rel);
    if (content !== undefined) return content;
    if (this.stat(abs) === 'dir') throw new FsError('EISDIR');
    this.parentOk(loc);
    throw new FsError('ENOENT');
  }

  writeFile(abs: string, content: string, append = false): void {
    if (abs === '/dev/null') return;
    const loc = this.locate(abs);
    if (this.stat(abs) === 'dir') throw new FsError('EISDIR');
    this.parentOk(loc);
    if (loc.readOnly) throw new FsError('EROFS');
    const prev = append ? (loc.volume.files.get(loc.rel) ?? '') : '';
    loc.volume.files.set(loc.rel, prev + content);
  }

  mkdir(abs: string, parents = false): void {
    const kind = this.stat(abs);
    if (kind === 'dir') {
      if (parents) return;
      throw new FsError('EEXIST');
    }
    if (kind === 'file') throw new FsError('EEXIST');
    const loc = this.locate(abs);
    if (parents) {
      const parent = abs.slice(0, abs.lastIndexOf('/'));
      if (parent && this.stat(parent) === undefined) this.mkdir(parent, true);
    }
    this.parentOk(loc);
    if (loc.readOnly) throw new FsError('EROFS');
    loc.volume.dirs.add(loc.rel);
  }

  remove(abs: string, recursive = false): void {
    const kind = this.stat(abs);
    if (!kind) throw new FsError('ENOENT');
    const loc = this.locate(abs);
    if (loc.readOnly) throw new FsError('EROFS');
    if (kind === 'file') {
      loc.volume.files.delete(loc.rel);
      return;
    }
    if (!recursive) throw new FsError('EISDIR');
    const prefix = loc.rel ? `${loc.rel}/` : '';
    for (const f of [...loc.volume.files.keys()]) if (f.startsWith(prefix)) loc.volume.files.delete(f);
    for (const d of [...loc.volume.dirs]) if (d.startsWith(prefix) && d !== '') loc.volume.dirs.delete(d);
    if (loc.rel && !this.isMountPoint(abs)) loc.volume.dirs.delete(loc.rel);
  }

  /** Names in a directory, sorted as `ls` sorts them in the C locale. */
  list(abs: string): string[] {
    const kind = this.stat(abs);
    if (kind === undefined) throw new FsError('ENOENT');
    if (kind === 'file') throw new FsError('ENOTDIR');
    const loc = this.locate(abs);
    const prefix = loc.rel ? `${loc.rel}/` : '';
    const names = new Set<string>();
    const add = (p: string) => {
      if (p.startsWith(prefix) && p !== loc.rel) {
        const rest = p.slice(prefix.length);
        if (rest && !rest.includes('/')) names.add(rest);
      }
    };
    for (const f of loc.volume.files.keys()) add(f);
    for (const d of loc.volume.dirs) add(d);
    const dirPrefix = abs === '/' ? '/' : `${abs}/`;
    for (const m of this.mounts) {
      if (m.path.startsWith(dirPrefix)) {
        const rest = m.path.slice(dirPrefix.length);
        if (rest && !rest.includes('/')) names.add(rest);
      }
    }
    return [...names].sort();
  }
}
