/**
 * Tab completion for the kubectl console, as kubectl's shell completion offers it: commands first, then resource
 * types for the commands that take one, then names of objects of that type (in the `-n` namespace, default
 * `default`), from the UI's object cache.
 */
import type { ObjectSummary, ResourceView } from '../../protocol/messages';

export const COMMANDS = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'auth', 'cluster-info', 'config', 'cordon', 'create', 'delete',
  'describe', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'label', 'logs', 'patch', 'rollout', 'run',
  'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
];

/** Commands whose first argument is a resource type. */
const TAKES_TYPE = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'patch', 'explain', 'wait']);
/** Commands whose first argument is a node name. */
const TAKES_NODE = new Set(['cordon', 'uncordon', 'drain', 'taint']);
const ROLLOUT = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

export interface Completion {
  /** The line with the completion applied (unchanged when ambiguous with no longer common prefix). */
  line: string;
  /** All candidates for the word being completed. */
  candidates: string[];
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function resolveType(word: string, resources: readonly ResourceView[]): ResourceView | undefined {
  const [name, ...group] = word.toLowerCase().split('.');
  return resources.find(
    (r) => (group.length === 0 || r.group === group.join('.')) && (r.plural === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name),
  );
}

export function complete(line: string, resources: readonly ResourceView[], objects: ReadonlyMap<string, ObjectSummary>): Completion {
  const words = line.split(/\s+/);
  const current = words.pop() ?? '';
  const before = words.filter((w) => w !== '');
  const args = before[0] === 'kubectl' ? before.slice(1) : before;
  // Flags and their values don't count as positional arguments; -n gives the namespace.
  const positional: string[] = [];
  let namespace = 'default';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--namespace') namespace = args[++i] ?? namespace;
    else if (a.startsWith('--namespace=')) namespace = a.slice('--namespace='.length);
    else if (a.startsWith('-')) continue;
    else positional.push(a);
  }
  let candidates: string[] = [];
  const [command, ...rest] = positional;
  if (!command) candidates = COMMANDS;
  else if (command === 'rollout' && rest.length === 0) candidates = ROLLOUT;
  else if ((TAKES_TYPE.has(command) && rest.length === 0) || (command === 'rollout' && rest.length === 1)) {
    candidates = [...new Set(resources.flatMap((r) => [r.plural, ...r.shortNames]))].sort();
  } else if (TAKES_NODE.has(command) && rest.length === 0) {
    candidates = names(objects, (o) => o.kind === 'Node');
  } else if ((TAKES_TYPE.has(command) && rest.length >= 1) || (command === 'rollout' && rest.length >= 2)) {
    const r = resolveType(command === 'rollout' ? rest[1] : rest[0], resources);
    if (r) candidates = names(objects, (o) => o.kind === r.kind && o.group === r.group && (!r.namespaced || o.namespace === namespace));
  }
  const matching = candidates.filter((c) => c.startsWith(current));
  const prefix = matching.length === 1 ? `${matching[0]} ` : commonPrefix(matching);
  const completed = prefix.length > current.length ? prefix : current;
  return { line: [...words, completed].join(' '), candidates: matching };
}

function names(objects: ReadonlyMap<string, ObjectSummary>, keep: (o: ObjectSummary) => boolean): string[] {
  const out = new Set<string>();
  for (const o of objects.values()) if (keep(o)) out.add(o.name);
  return [...out].sort();
}
