/**
 * A node's netfilter state as kube-proxy programs it: tables of chains of rules, rendered as `iptables-save`
 * prints them, and walked for simulated packets. The rules live in the node's "kernel" (this object), not in
 * kube-proxy: when kube-proxy stops, its last rules stay in force — as on a real node.
 */

export type Proto = 'tcp' | 'udp' | 'sctp';

export type Match =
  | { m: 'comment'; text: string }
  /** `-m tcp [--dport N]` */
  | { m: 'proto'; proto: Proto; dport?: number }
  | { m: 'addrtype'; dstType?: 'LOCAL'; srcType?: 'LOCAL'; negate?: boolean }
  | { m: 'statistic'; probability: number }
  | { m: 'recent'; mode: 'rcheck'; name: string; seconds: number }
  | { m: 'recent'; mode: 'set'; name: string }
  | { m: 'mark'; mark: string; negate?: boolean }
  /** Matches printed as is (conntrack state …), with their value for the first packet of a new connection. */
  | { m: 'raw'; text: string; matchesNew: boolean };

export interface Rule {
  chain: string;
  src?: string;
  notSrc?: boolean;
  dst?: string;
  proto?: Proto;
  matches: Match[];
  /** A chain, or ACCEPT DROP RETURN REJECT DNAT MARK MASQUERADE. */
  target: string;
  /** DNAT destination `ip:port`. */
  toDestination?: string;
  /** Printed after the target (e.g. `--set-xmark 0x4000/0x4000`). */
  targetArgs?: string;
}

export interface Table {
  name: 'filter' | 'nat';
  builtins: string[];
  /** User chains in the order they were declared. */
  chains: string[];
  rules: Rule[];
}

export const emptyTable = (name: Table['name']): Table => ({
  name,
  builtins: name === 'nat' ? ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] : ['INPUT', 'FORWARD', 'OUTPUT'],
  chains: [],
  rules: [],
});

// Rendering -------------------------------------------------------------------------------------------------

/** libxt_statistic stores the probability as a 31-bit fixed-point number and prints it back with 11 decimals. */
export function savedProbability(p: number): string {
  const fixed = Math.round(p * 0x80000000);
  return (fixed / 0x80000000).toFixed(11);
}

/** xtables_save_string: always double-quoted, with `"` and `\` escaped. */
const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

function renderMatch(m: Match): string {
  switch (m.m) {
    case 'comment':
      return `-m comment --comment ${quote(m.text)}`;
    case 'proto':
      return `-m ${m.proto}${m.dport !== undefined ? ` --dport ${m.dport}` : ''}`;
    case 'addrtype':
      return `-m addrtype${m.srcType ? `${m.negate ? ' !' : ''} --src-type ${m.srcType}` : ''}${m.dstType ? `${m.negate ? ' !' : ''} --dst-type ${m.dstType}` : ''}`;
    case 'statistic':
      return `-m statistic --mode random --probability ${savedProbability(m.probability)}`;
    case 'recent':
      return m.mode === 'set'
        ? `-m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`
        : `-m recent --rcheck --seconds ${m.seconds} --reap --name ${m.name} --mask 255.255.255.255 --rsource`;
    case 'mark':
      return `-m mark${m.negate ? ' !' : ''} --mark ${m.mark}`;
    case 'raw':
      return m.text;
  }
}

/** One rule as iptables-save prints it: addresses and protocol first, then the matches in order, then the target. */
export function renderRule(r: Rule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.notSrc ? '! ' : ''}-s ${r.src}`);
  if (r.dst) parts.push(`-d ${r.dst}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  for (const m of r.matches) parts.push(renderMatch(m));
  let target = `-j ${r.target}`;
  if (r.target === 'DNAT' && r.toDestination) target += ` --to-destination ${r.toDestination}`;
  else if (r.target === 'REJECT') target += ` ${r.targetArgs ?? '--reject-with icmp-port-unreachable'}`;
  else if (r.targetArgs) target += ` ${r.targetArgs}`;
  parts.push(target);
  return parts.join(' ');
}

export function renderTable(t: Table): string[] {
  const lines = [`*${t.name}`];
  for (const c of t.builtins) lines.push(`:${c} ACCEPT [0:0]`);
  for (const c of t.chains) lines.push(`:${c} - [0:0]`);
  const order = [...t.builtins, ...t.chains];
  const byChain = new Map<string, Rule[]>();
  for (const r of t.rules) byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), r]);
  for (const c of order) for (const r of byChain.get(c) ?? []) lines.push(renderRule(r));
  lines.push('COMMIT');
  return lines;
}

// Evaluation ------------------------------------------------------------------------------------------------

export interface Packet {
  src: string;
  dst: string;
  dport: number;
  proto: Proto;
  /** Whether the destination (or source) is one of this node's own addresses (`-m addrtype LOCAL`). */
  dstLocal: boolean;
  srcLocal: boolean;
}

export interface Verdict {
  /** The chains the packet traversed, in order. */
  path: string[];
  /** DNAT target `ip:port`, when a rule rewrote the destination. */
  dnat?: string;
  /** Terminal filter verdict. */
  verdict: 'ACCEPT' | 'REJECT' | 'DROP';
  masquerade: boolean;
  /** The rule that decided (DNAT/REJECT/DROP), rendered. */
  rule?: string;
}

/** The recent-match lists (`/proc/net/xt_recent/<name>`): last time each source was seen, per list. */
export type RecentLists = Map<string, Map<string, number>>;

export interface EvalContext {
  random: () => number;
  nowMs: number;
  recent: RecentLists;
}

function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  const toInt = (s: string) => s.split('.').reduce((n, p) => ((n << 8) | Number(p)) >>> 0, 0);
  const n = Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return ((toInt(base) & mask) >>> 0) === ((toInt(ip) & mask) >>> 0);
}

interface WalkState {
  path: string[];
  mark: boolean;
  dnat?: string;
  rule?: string;
  final?: 'ACCEPT' | 'REJECT' | 'DROP';
}

function matches(r: Rule, p: Packet, ctx: EvalContext, st: WalkState): boolean {
  if (r.src && cidrContains(r.src, p.src) === !!r.notSrc) return false;
  if (r.dst && !cidrContains(r.dst, p.dst)) return false;
  if (r.proto && r.proto !== p.proto) return false;
  for (const m of r.matches) {
    switch (m.m) {
      case 'proto':
        if (m.proto !== p.proto || (m.dport !== undefined && m.dport !== p.dport)) return false;
        break;
      case 'addrtype': {
        const v = m.dstType ? p.dstLocal : p.srcLocal;
        if (v === !!m.negate) return false;
        break;
      }
      case 'statistic':
        if (!(ctx.random() < m.probability)) return false;
        break;
      case 'recent':
        if (m.mode === 'rcheck') {
          const list = ctx.recent.get(m.name);
          const seen = list?.get(p.src);
          if (seen === undefined || ctx.nowMs - seen > m.seconds * 1000) {
            list?.delete(p.src); // --reap
            return false;
          }
        } else {
          let list = ctx.recent.get(m.name);
          if (!list) ctx.recent.set(m.name, (list = new Map()));
          list.set(p.src, ctx.nowMs);
        }
        break;
      case 'mark':
        if (st.mark === !!m.negate) return false;
        break;
      case 'raw':
        if (!m.matchesNew) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

/** Walks `chain` of `table`; returns true when a terminal target ended the traversal. */
function walk(table: Table, chain: string, p: Packet, ctx: EvalContext, st: WalkState, depth = 0): boolean {
  if (depth > 32) return false;
  st.path.push(chain);
  for (const r of table.rules) {
    if (r.chain !== chain || !matches(r, p, ctx, st)) continue;
    switch (r.target) {
      case 'MARK':
        st.mark = !/\/0x0$/.test(r.targetArgs ?? '') ? true : st.mark;
        continue;
      case 'RETURN':
        return false;
      case 'DNAT':
        st.dnat = r.toDestination;
        st.rule = renderRule(r);
        return true;
      case 'ACCEPT':
        st.final = 'ACCEPT';
        return true;
      case 'REJECT':
      case 'DROP':
        st.final = r.target;
        st.rule = renderRule(r);
        return true;
      case 'MASQUERADE':
        continue;
      default:
        if (table.chains.includes(r.target) && walk(table, r.target, p, ctx, st, depth + 1)) return true;
    }
  }
  return false;
}

/**
 * What the node does with a new connection entering at `hook` (PREROUTING for pod and external traffic, OUTPUT
 * for the node's own processes): nat first (DNAT), then the filter chains see the rewritten packet.
 */
export function evaluate(nat: Table, filter: Table, p: Packet, ctx: EvalContext, hook: 'PREROUTING' | 'OUTPUT' = 'PREROUTING'): Verdict {
  const st: WalkState = { path: [], mark: false };
  walk(nat, hook, p, ctx, st);
  const dnat = st.dnat;
  if (!dnat) {
    const fst: WalkState = { path: [], mark: st.mark };
    walk(filter, hook === 'OUTPUT' ? 'OUTPUT' : p.dstLocal ? 'INPUT' : 'FORWARD', p, ctx, fst);
    if (fst.final === 'REJECT' || fst.final === 'DROP') return { path: [...st.path, ...fst.path], verdict: fst.final, masquerade: st.mark, rule: fst.rule };
  }
  return { path: st.path, dnat, verdict: 'ACCEPT', masquerade: st.mark, rule: st.rule };
}

// The node's kernel state ------------------------------------------------------------------------------------

const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ctime(3) format, as iptables-save stamps its output: `Wed Jan  1 00:00:00 2025`. */
export function ctime(iso: string): string {
  const [date, time] = iso.replace('Z', '').split('T');
  const [y, m, d] = date.split('-').map(Number);
  const days = daysFromCivil(y, m, d);
  return `${WEEKDAYS[((days % 7) + 7) % 7]} ${MONTHS[m - 1]} ${String(d).padStart(2, ' ')} ${time} ${y}`;
}

/**
 * One node's netfilter: the tables last written (by kube-proxy's iptables-restore) and the `recent` lists
 * ClientIP affinity fills. It outlives kube-proxy restarts.
 */
export class Netfilter {
  nat: Table = emptyTable('nat');
  filter: Table = emptyTable('filter');
  readonly recent: RecentLists = new Map();
  /** Sim time of the last restore, undefined before kube-proxy first synced. */
  restoredAtMs?: number;

  restore(tables: { nat: Table; filter: Table }, nowMs: number): void {
    this.nat = tables.nat;
    this.filter = tables.filter;
    this.restoredAtMs = nowMs;
    // Lists of chains that no longer exist go away with them.
    for (const name of [...this.recent.keys()]) if (!this.nat.chains.includes(name)) this.recent.delete(name);
  }

  /** `iptables-save` output (nat and filter tables), stamped with `timestamp` (RFC 3339). */
  save(timestamp: string, tables: Array<'filter' | 'nat'> = ['filter', 'nat']): string {
    const stamp = ctime(timestamp);
    const lines: string[] = [];
    for (const name of tables) {
      lines.push(`# Generated by iptables-save v1.8.9 (nf_tables) on ${stamp}`);
      lines.push(...renderTable(name === 'nat' ? this.nat : this.filter));
      lines.push(`# Completed on ${stamp}`);
    }
    return `${lines.join('\n')}\n`;
  }

  evaluate(p: Packet, ctx: Omit<EvalContext, 'recent'>, hook: 'PREROUTING' | 'OUTPUT' = 'PREROUTING'): Verdict {
    return evaluate(this.nat, this.filter, p, { ...ctx, recent: this.recent }, hook);
  }
}
