/**
 * A directory tree held in memory. The container's writable layer is one (recreated on every start, as a real
 * container's upper layer is); each Pod volume is another, owned by the kubelet so its contents survive
 * container restarts exactly as emptyDir, PVC, configMap and secret volumes do.
 */
export class Volume {
  /** Regular files by path relative to the volume root, without a leading slash. */
  readonly files = new Map<string, string>();
  /** Directories by relative path; '' is the root. */
  readonly dirs = new Set<string>(['']);

  constructor(readonly readOnly = false) {}

  /** A volume pre-filled with files (directories are created as needed), e.g. a configMap's keys. */
  static fromFiles(files: Record<string, string>, options: { readOnly?: boolean } = {}): Volume {
    const v = new Volume(options.readOnly ?? false);
    for (const [path, content] of Object.entries(files)) v.put(path, content);
    return v;
  }

  /** Writes a file, creating its parent directories (used to seed contents, bypassing readOnly). */
  put(path: string, content: string): void {
    const rel = trimSlashes(path);
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
    this.files.set(rel, content);
  }

  clone(readOnly = this.readOnly): Volume {
    const v = new Volume(readOnly);
    for (const d of this.dirs) v.dirs.add(d);
    for (const [k, c] of this.files) v.files.set(k, c);
    return v;
  }
}

export function trimSlashes(p: string): string {
  return p.replace(/^\/+|\/+$/g, '');
}
