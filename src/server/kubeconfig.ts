/// <reference types="node" />
/**
 * The kubeconfig `serve` writes so `KUBECONFIG=… kubectl …` reaches the simulation: one cluster, user and context,
 * all named `pilothouse`, with an optional bearer token.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const KUBECONFIG_NAME = 'pilothouse';

export interface KubeconfigOptions {
  server: string;
  token?: string;
  namespace?: string;
}

export function kubeconfigYaml({ server, token, namespace = 'default' }: KubeconfigOptions): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: KUBECONFIG_NAME, cluster: { server } }],
    users: [{ name: KUBECONFIG_NAME, user: token ? { token } : {} }],
    contexts: [{ name: KUBECONFIG_NAME, context: { cluster: KUBECONFIG_NAME, user: KUBECONFIG_NAME, namespace } }],
    'current-context': KUBECONFIG_NAME,
    preferences: {},
  });
}

/** Writes atomically (temp file + rename) and owner-only, as it may hold a token. */
export function writeKubeconfig(path: string, options: KubeconfigOptions): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, kubeconfigYaml(options), { mode: 0o600 });
  renameSync(tmp, path);
}
