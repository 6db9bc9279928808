/**
 * A command-line flag parser with pflag's rules (as cobra uses it): flags may appear anywhere among the
 * arguments, `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`, grouped boolean shorthands
 * (`-Aw`), `--` ends flag parsing. Error messages are pflag's, word for word.
 */
export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Default value as pflag would print it; undefined means the type's zero value. */
  default?: string | boolean | number | string[];
  /** For bool-like flags that take an optional value (`--dry-run` alone means `--dry-run=unchanged`…). */
  noOptDefault?: string;
}

export type FlagValue = string | boolean | number | string[];

export interface ParsedFlags {
  /** Values set on the command line (by long name). */
  set: Map<string, FlagValue>;
  positional: string[];
  /** How many positionals came before `--` (cobra's ArgsLenAtDash), -1 when there is no `--`. */
  argsLenAtDash: number;
}

export class FlagError extends Error {}

function convert(spec: FlagSpec, raw: string, flagText: string): FlagValue {
  switch (spec.type) {
    case 'bool': {
      const v = parseBool(raw);
      if (v === undefined) throw new FlagError(`invalid argument "${raw}" for "${flagText}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      return v;
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${flagText}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return parseInt(raw, 10);
    }
    case 'duration': {
      if (parseDuration(raw) === undefined) throw new FlagError(`invalid argument "${raw}" for "${flagText}" flag: time: invalid duration "${raw}"`);
      return raw;
    }
    default:
      return raw;
  }
}

function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return undefined;
}

/** Go's time.ParseDuration, in milliseconds. */
export function parseDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let sign = 1;
  let rest = s;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (!rest) return undefined;
  let total = 0;
  let pos = 0;
  re.lastIndex = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    total += parseFloat(m[1]) * unit[m[2]];
    pos = re.lastIndex;
  }
  return pos === rest.length ? sign * total : undefined;
}

function store(out: Map<string, FlagValue>, spec: FlagSpec, value: FlagValue): void {
  if (spec.type === 'stringArray' || spec.type === 'stringSlice') {
    const prev = (out.get(spec.name) as string[] | undefined) ?? [];
    const items = spec.type === 'stringSlice' ? splitCsv(value as string) : [value as string];
    out.set(spec.name, [...prev, ...items]);
  } else {
    out.set(spec.name, value);
  }
}

/** pflag's string slices are CSV: `a,b` is two items, `"a,b"` one. */
function splitCsv(raw: string): string[] {
  if (raw === '') return [];
  const items: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of raw) {
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      items.push(cur);
      cur = '';
    } else cur += c;
  }
  items.push(cur);
  return items;
}

/** Parses `args` against `specs` (command flags plus kubectl's global flags). Throws FlagError. */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const set = new Map<string, FlagValue>();
  const positional: string[] = [];
  let argsLenAtDash = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      argsLenAtDash = positional.length;
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      if (name.startsWith('-') || name.startsWith('=')) throw new FlagError(`bad flag syntax: ${a}`);
      // kubectl normalises underscores to dashes (WordSepNormalizeFunc).
      const spec = byName.get(name.replace(/_/g, '-'));
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) store(set, spec, convert(spec, body.slice(eq + 1), `--${spec.name}`));
      else if (spec.type === 'bool') store(set, spec, true);
      else if (spec.noOptDefault !== undefined) store(set, spec, spec.noOptDefault);
      else if (i + 1 < args.length) store(set, spec, convert(spec, args[++i], `--${spec.name}`));
      else throw new FlagError(`flag needs an argument: --${spec.name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let shorthands = a.slice(1);
      while (shorthands.length > 0) {
        const c = shorthands[0];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorthands}`);
        if (shorthands.length > 2 && shorthands[1] === '=') {
          store(set, spec, convert(spec, shorthands.slice(2), `-${c}, --${spec.name}`));
          break;
        }
        if (spec.type === 'bool' || spec.noOptDefault !== undefined) {
          store(set, spec, spec.type === 'bool' ? true : (spec.noOptDefault as string));
          shorthands = shorthands.slice(1);
          continue;
        }
        if (shorthands.length > 1) {
          store(set, spec, convert(spec, shorthands.slice(1), `-${c}, --${spec.name}`));
        } else if (i + 1 < args.length) {
          store(set, spec, convert(spec, args[++i], `-${c}, --${spec.name}`));
        } else {
          throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        }
        break;
      }
      continue;
    }
    positional.push(a);
  }
  return { set, positional, argsLenAtDash };
}

/** Typed access to parsed flags with defaults from the specs. */
export class Flags {
  constructor(
    private readonly parsed: ParsedFlags,
    private readonly specs: readonly FlagSpec[],
  ) {}

  get positional(): string[] {
    return this.parsed.positional;
  }

  get argsLenAtDash(): number {
    return this.parsed.argsLenAtDash;
  }

  changed(name: string): boolean {
    return this.parsed.set.has(name);
  }

  private raw(name: string): FlagValue | undefined {
    if (this.parsed.set.has(name)) return this.parsed.set.get(name);
    return this.specs.find((s) => s.name === name)?.default;
  }

  str(name: string): string {
    const v = this.raw(name);
    return v === undefined ? '' : String(v);
  }

  bool(name: string): boolean {
    return this.raw(name) === true;
  }

  int(name: string, fallback = 0): number {
    const v = this.raw(name);
    return typeof v === 'number' ? v : fallback;
  }

  list(name: string): string[] {
    const v = this.raw(name);
    return Array.isArray(v) ? v : [];
  }
}
