/** The shape of a kubectl command: its flags, its run function, and its subcommands (`create deployment`). */
import type { Env } from './env';
import type { FlagSpec } from './flags';

export interface Command {
  name: string;
  aliases?: string[];
  /** Flags of this command (kubectl's global flags are added by the dispatcher). */
  flags: FlagSpec[];
  /** Absent on pure parent commands (`rollout`, `set`, `create service`): they print help. */
  run?: (env: Env) => void;
  subcommands?: Command[];
}

/** kubectl's global flags (`kubectl options`). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'as-uid', type: 'string' },
  { name: 'cache-dir', type: 'string' },
  { name: 'certificate-authority', type: 'string' },
  { name: 'client-certificate', type: 'string' },
  { name: 'client-key', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'disable-compression', type: 'bool' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'log-flush-frequency', type: 'duration' },
  { name: 'match-server-version', type: 'bool' },
  { name: 'password', type: 'string' },
  { name: 'profile', type: 'string' },
  { name: 'profile-output', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'tls-server-name', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'username', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'vmodule', type: 'string' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

/** Flags many commands share, spelled once. */
export const F = {
  output: (def = ''): FlagSpec => ({ name: 'output', short: 'o', type: 'string', default: def }),
  selector: (): FlagSpec => ({ name: 'selector', short: 'l', type: 'string' }),
  fieldSelector: (): FlagSpec => ({ name: 'field-selector', type: 'string' }),
  allNamespaces: (): FlagSpec => ({ name: 'all-namespaces', short: 'A', type: 'bool' }),
  filename: (): FlagSpec => ({ name: 'filename', short: 'f', type: 'stringSlice' }),
  recursive: (): FlagSpec => ({ name: 'recursive', short: 'R', type: 'bool' }),
  kustomize: (): FlagSpec => ({ name: 'kustomize', short: 'k', type: 'string' }),
  dryRun: (): FlagSpec => ({ name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' }),
  fieldManager: (def: string): FlagSpec => ({ name: 'field-manager', type: 'string', default: def }),
  showManagedFields: (): FlagSpec => ({ name: 'show-managed-fields', type: 'bool' }),
  template: (): FlagSpec => ({ name: 'template', type: 'string' }),
  allowMissing: (): FlagSpec => ({ name: 'allow-missing-template-keys', type: 'bool', default: true }),
  all: (): FlagSpec => ({ name: 'all', type: 'bool' }),
  overwrite: (): FlagSpec => ({ name: 'overwrite', type: 'bool' }),
  resourceVersion: (): FlagSpec => ({ name: 'resource-version', type: 'string' }),
  local: (): FlagSpec => ({ name: 'local', type: 'bool' }),
  validate: (): FlagSpec => ({ name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' }),
  timeout: (def = '0s'): FlagSpec => ({ name: 'timeout', type: 'duration', default: def }),
  record: (): FlagSpec => ({ name: 'record', type: 'bool' }),
  saveConfig: (): FlagSpec => ({ name: 'save-config', type: 'bool' }),
  watch: (): FlagSpec => ({ name: 'watch', short: 'w', type: 'bool' }),
};

/** Output flags of the print-flags set (-o, --template, --show-managed-fields, --allow-missing-template-keys). */
export const PRINT_FLAGS = (def = ''): FlagSpec[] => [F.output(def), F.template(), F.showManagedFields(), F.allowMissing()];

/** `--dry-run` value check: none|client|server (bare `--dry-run` means client, with a warning upstream). */
export function dryRunStrategy(env: Env): 'none' | 'client' | 'server' {
  const v = env.flags.str('dry-run');
  if (v === 'unchanged' || v === 'true') return 'client';
  if (v === 'false' || v === 'none' || v === '') return 'none';
  if (v === 'client' || v === 'server') return v;
  throw new Error(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}
