/**
 * `kubectl top node|pod`: resource usage from the Metrics API (metrics.k8s.io, served by metrics-server), printed
 * as k8s.io/kubectl/pkg/metricsutil does — millicores and mebibytes, node percentages of allocatable (or capacity
 * with --show-capacity), sorted by name or, with --sort-by, by cpu or memory descending.
 */
import { F, type Command } from '../command';
import type { Env } from '../env';
import { KubectlError } from '../errors';
import { tabulate } from '../tabwriter';
import { parseMilli, parseValue } from '../../scheduler/util/quantity';

type Obj = Record<string, any>;

const METRICS = '/apis/metrics.k8s.io/v1beta1';
const MI = 1024 * 1024;

interface Usage {
  cpuMilli: number;
  memBytes: number;
}

const usageOf = (u: Obj | undefined): Usage => ({ cpuMilli: parseMilli(u?.cpu ?? '0'), memBytes: parseValue(u?.memory ?? '0') });
const cpuCell = (u: Usage) => `${Math.round(u.cpuMilli)}m`;
const memCell = (u: Usage) => `${Math.floor(u.memBytes / MI)}Mi`;

function metricsOrFail(env: Env, path: string, query: Record<string, string>): Obj[] {
  const res = env.request({ method: 'GET', path, query });
  if (res.status === 404 || res.status === 503) throw new KubectlError('error: Metrics API not available');
  if (res.status >= 300) throw new KubectlError(`error: ${(res.body as Obj)?.message ?? 'metrics not available yet'}`);
  return ((res.body as Obj).items ?? []) as Obj[];
}

function sortRows<T extends { name: string; usage: Usage }>(rows: T[], sortBy: string): T[] {
  if (sortBy === 'cpu') return rows.sort((a, b) => b.usage.cpuMilli - a.usage.cpuMilli);
  if (sortBy === 'memory') return rows.sort((a, b) => b.usage.memBytes - a.usage.memBytes);
  return rows;
}

function checkSortBy(sortBy: string): void {
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError(`error: --sort-by accepts only cpu or memory`);
}

const COMMON_FLAGS = [F.selector(), { name: 'no-headers', type: 'bool' as const }, { name: 'sort-by', type: 'string' as const }, { name: 'use-protocol-buffers', type: 'bool' as const, default: true }];

const topNode: Command = {
  name: 'node',
  aliases: ['nodes', 'no'],
  flags: [...COMMON_FLAGS, { name: 'show-capacity', type: 'bool' }],
  run(env) {
    const f = env.flags;
    checkSortBy(f.str('sort-by'));
    const name = f.positional[0];
    const q: Record<string, string> = f.str('selector') ? { labelSelector: f.str('selector') } : {};
    const metrics = name ? [env.call({ method: 'GET', path: `${METRICS}/nodes/${name}` })] : metricsOrFail(env, `${METRICS}/nodes`, q);
    const nodes = name ? [env.call({ method: 'GET', path: `/api/v1/nodes/${name}` })] : ((env.call({ method: 'GET', path: '/api/v1/nodes', query: q }).items ?? []) as Obj[]);
    const byName = new Map(metrics.map((m) => [m.metadata?.name as string, usageOf(m.usage)]));
    const rows: { name: string; usage: Usage; cells: string[] }[] = [];
    const missing: string[] = [];
    for (const node of nodes) {
      const n = node.metadata?.name as string;
      const usage = byName.get(n);
      if (!usage) {
        missing.push(n);
        continue;
      }
      const available = f.bool('show-capacity') ? node.status?.capacity : node.status?.allocatable;
      const cpuAvail = parseMilli(available?.cpu ?? '0');
      const memAvail = parseValue(available?.memory ?? '0');
      const pct = (u: number, a: number) => (a > 0 ? `${Math.trunc((u / a) * 100)}%` : '<unknown>');
      rows.push({ name: n, usage, cells: [n, cpuCell(usage), pct(usage.cpuMilli, cpuAvail), memCell(usage), pct(usage.memBytes, memAvail)] });
    }
    if (rows.length === 0 && missing.length === 0) throw new KubectlError('error: metrics not available yet');
    let text = f.bool('no-headers') ? '' : 'NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n';
    for (const r of sortRows(rows, f.str('sort-by'))) text += r.cells.join('\t') + '\t\n';
    for (const n of missing) text += `${n}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
    env.print(tabulate(text));
  },
};

const topPod: Command = {
  name: 'pod',
  aliases: ['pods', 'po'],
  flags: [...COMMON_FLAGS, F.allNamespaces(), F.fieldSelector(), { name: 'containers', type: 'bool' }, { name: 'sum', type: 'bool' }],
  run(env) {
    const f = env.flags;
    checkSortBy(f.str('sort-by'));
    const all = f.bool('all-namespaces');
    const name = f.positional[0];
    const q: Record<string, string> = {};
    if (f.str('selector')) q.labelSelector = f.str('selector');
    if (f.str('field-selector')) q.fieldSelector = f.str('field-selector');
    const base = all ? `${METRICS}/pods` : `${METRICS}/namespaces/${env.namespace}/pods`;
    const items = name ? [env.call({ method: 'GET', path: `${base}/${name}` })] : metricsOrFail(env, base, q);
    if (items.length === 0) {
      env.warn(all ? 'No resources found' : `No resources found in ${env.namespace} namespace.`);
      return;
    }
    const containers = f.bool('containers');
    const rows: { name: string; usage: Usage; cells: string[] }[] = [];
    let total: Usage = { cpuMilli: 0, memBytes: 0 };
    for (const m of items) {
      const podName = m.metadata?.name as string;
      const ns = m.metadata?.namespace as string;
      const prefix = all ? [ns] : [];
      if (containers) {
        for (const c of m.containers ?? []) {
          const usage = usageOf(c.usage);
          rows.push({ name: podName, usage, cells: [...prefix, podName, c.name, cpuCell(usage), memCell(usage)] });
        }
        continue;
      }
      const usage = (m.containers ?? []).reduce((acc: Usage, c: Obj) => {
        const u = usageOf(c.usage);
        return { cpuMilli: acc.cpuMilli + u.cpuMilli, memBytes: acc.memBytes + u.memBytes };
      }, { cpuMilli: 0, memBytes: 0 });
      total = { cpuMilli: total.cpuMilli + usage.cpuMilli, memBytes: total.memBytes + usage.memBytes };
      rows.push({ name: podName, usage, cells: [...prefix, podName, cpuCell(usage), memCell(usage)] });
    }
    const header = [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)'];
    let text = f.bool('no-headers') ? '' : header.join('\t') + '\t\n';
    for (const r of sortRows(rows, f.str('sort-by'))) text += r.cells.join('\t') + '\t\n';
    if (f.bool('sum') && !containers) text += `${all ? '\t' : ''}\t________\t________\t\n${all ? '\t' : ''}\t${cpuCell(total)}\t${memCell(total)}\t\n`;
    env.print(tabulate(text));
  },
};

export const topCommand: Command = { name: 'top', flags: [], subcommands: [topNode, topPod] };
