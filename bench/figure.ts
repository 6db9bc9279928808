export interface Figure {
  name: string;
  value: number | string;
  unit: string;
  context?: string;
}

/** Wall and CPU time of a synchronous piece of work, and the heap/RSS high-water mark seen around it. */
export function measure<T>(work: () => T): { result: T; wallMs: number; cpuMs: number; peakRssMb: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = work();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.memoryUsage().rss / 1024 / 1024 };
}
