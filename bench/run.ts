/**
 * `npm run bench`: the performance figures of issue 8, one line each — `bench NAME: VALUE UNIT (context)` — and a
 * JSON summary in bench/results/latest.json. Not part of `npm test`. Choose with `--only a,b` and `--size
 * small|medium|full` (default small); see docs/PERFORMANCE.md for the figures and how they were made.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { engineScale } from './engine-scale';
import { schedulerThroughput } from './scheduler-throughput';
import { reconcileLatency } from './reconcile-latency';
import { bundle } from './bundle';
import type { Figure } from './figure';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
};
const size = (arg('size') ?? 'small') as 'small' | 'medium' | 'full';
const only = arg('only')?.split(',');

const BENCHES: Record<string, () => Promise<Figure[]> | Figure[]> = {
  'engine-scale': () => engineScale(size),
  'scheduler-throughput': () => schedulerThroughput(size),
  'reconcile-latency': () => reconcileLatency(),
  bundle: () => bundle(),
};

const results: Record<string, Figure[]> = {};
for (const [name, run] of Object.entries(BENCHES)) {
  if (only && !only.includes(name)) continue;
  const figures = await run();
  results[name] = figures;
  for (const f of figures) console.log(`bench ${f.name}: ${f.value} ${f.unit}${f.context ? ` (${f.context})` : ''}`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify({ size, machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, results }, null, 2));
