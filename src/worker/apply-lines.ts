/** `kubectl apply` results as the lines the editor shows, each tied to the buffer line it is about. */
import type { ApplyResult } from '../engine/kubectl/apply';
import type { ApplyLine } from '../protocol/messages';

export function applyLines(result: ApplyResult): ApplyLine[] {
  if (result.error) return [{ text: result.error, ok: false, ...(result.errorLine ? { line: result.errorLine } : {}) }];
  if (result.outcomes.length === 0) return [{ text: 'error: no objects passed to apply', ok: false }];
  return result.outcomes.map((o) => {
    const line = o.line ? { line: o.line } : {};
    if (o.error) return { text: o.error, ok: false, ...line };
    return { text: `${o.ref} ${o.action ?? 'unchanged'}`, ok: true, ...line };
  });
}
