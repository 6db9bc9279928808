/** Test helper: pull an image, start a container and drive it on virtual time. */
import { resolveImage } from '../image/pull';
import type { ImageConfig } from '../image/catalog';
import { startContainer, type ContainerSpec, type RunningContainer } from '../container';
import type { RuntimeHost } from '../host';
import type { OutputLine, ProcessExit } from '../process';

export function pull(image: string): ImageConfig {
  const r = resolveImage(image);
  if (!r.ok) throw new Error(r.message);
  return r.image;
}

export function start(image: string, spec: Partial<ContainerSpec> = {}, host: RuntimeHost = {}): RunningContainer {
  const r = startContainer({ name: 'main', image: pull(image), podName: 'pod-1', startMs: 0, epochMs: 1_735_689_600_000, ...spec }, host);
  if (!r.ok) throw new Error(r.message);
  return r.container;
}

export interface RunOutcome {
  lines: OutputLine[];
  stdout: string[];
  stderr: string[];
  exit?: ProcessExit;
}

/** Advances the container in `stepMs` increments until it exits or `untilMs`. */
export function drive(c: RunningContainer, untilMs: number, stepMs = 250, fromMs = 0): RunOutcome {
  const lines: OutputLine[] = [];
  let exit: ProcessExit | undefined;
  for (let t = fromMs; t <= untilMs && !exit; t += stepMs) {
    const r = c.advance(t);
    lines.push(...r.output);
    exit = r.exit;
  }
  return { lines, exit, stdout: lines.filter((l) => l.stream === 'stdout').map((l) => l.text), stderr: lines.filter((l) => l.stream === 'stderr').map((l) => l.text) };
}

export function run(image: string, spec: Partial<ContainerSpec> = {}, untilMs = 60_000, host: RuntimeHost = {}): RunOutcome {
  return drive(start(image, spec, host), untilMs);
}
