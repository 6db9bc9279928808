/**
 * `--help` text: kubectl 1.32's own help output for the commands Pilothouse implements (captured from the
 * kubectl binary into help-text.json), and the generic shape for the rest.
 */
import helpText from './help-text.json';

const HELP = helpText as Record<string, string>;

/** Help for a command path without the leading `kubectl` (`''` is the root, `create deployment` a subcommand). */
export function helpFor(path: string): string | undefined {
  return HELP[path];
}
