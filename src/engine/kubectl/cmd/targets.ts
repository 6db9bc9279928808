/** Named targets of a command that acts on specific objects (`TYPE NAME`, `TYPE/NAME`). */
import { parseResourceArgs, type Env, type Mapping } from '../env';
import { KubectlError } from '../errors';

export function singleTargets(env: Env, args: string[]): Array<{ mapping: Mapping; name: string }> {
  if (args.length === 0) throw new KubectlError(`error: required resource not specified`);
  const parsed = parseResourceArgs(env, args);
  if (parsed.typesOnly) throw new KubectlError(`error: resource(s) were provided, but no name was specified`);
  return parsed.targets.map((t) => ({ mapping: t.mapping, name: t.name as string }));
}
