/// <reference types="node" />
/**
 * Command-line options of `pilothouse serve` / `npm run serve -- …`, parsed with node:util's parseArgs so unknown
 * flags and bad values fail loudly instead of starting a server the user did not ask for.
 */
import { parseArgs } from 'node:util';

export type Speed = number | 'max';

export interface ServeArgs {
  /** 0 picks a free port. */
  port: number;
  /** Worker nodes, passed to createCluster as `workers`. */
  nodes: number;
  /** Sim ms per wall ms, or `max` (as fast as the engine runs while still serving HTTP). */
  speed: Speed;
  seed: number;
  /** Where to write the kubeconfig; undefined ⇒ the default path chosen by main. */
  kubeconfig?: string;
  /** Bearer token clients must present; undefined ⇒ no authentication. */
  token?: string;
}

export const SERVE_USAGE = `Usage: pilothouse serve [--port 6443] [--nodes 3] [--speed 1|10|max] [--seed 1]
                       [--kubeconfig PATH] [--token TOKEN]

Runs the simulated cluster headless and serves the Kubernetes API on http://127.0.0.1:PORT for the real kubectl.`;

export class UsageError extends Error {}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p', default: '6443' },
        nodes: { type: 'string', default: '3' },
        speed: { type: 'string', default: '1' },
        seed: { type: 'string', default: '1' },
        kubeconfig: { type: 'string' },
        token: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  return {
    port: integer('port', v.port, 0, 65535),
    nodes: integer('nodes', v.nodes, 0, 10_000),
    speed: speed(v.speed),
    seed: integer('seed', v.seed, 0, 2 ** 32 - 1),
    kubeconfig: v.kubeconfig || undefined,
    token: v.token || undefined,
  };
}

function integer(flag: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || n < min || n > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function speed(raw: string | undefined): Speed {
  if (raw === 'max') return 'max';
  const n = Number(raw);
  if (!raw || !Number.isFinite(n) || n <= 0 || n > 1_000_000) {
    throw new UsageError(`--speed must be a positive number or "max", got "${raw}"`);
  }
  return n;
}
