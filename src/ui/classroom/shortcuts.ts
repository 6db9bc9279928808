/**
 * Keyboard shortcuts for teaching: Space toggles pause/play, → steps one clock event, P toggles presenter mode.
 * Ignored while typing (editor, console, inputs) so they never eat a keystroke meant for text.
 */
export interface ShortcutActions {
  togglePlay(): void;
  step(): void;
  togglePresenter(): void;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; closest?: (s: string) => unknown } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable) return true;
  return !!el.closest?.('.monaco-editor');
}

/** Handles one keydown; returns whether it was a shortcut (the caller then prevents the default). */
export function handleShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTarget | null }, actions: ShortcutActions): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return false;
  switch (e.key) {
    case ' ':
      actions.togglePlay();
      return true;
    case 'ArrowRight':
      actions.step();
      return true;
    case 'p':
    case 'P':
      actions.togglePresenter();
      return true;
    default:
      return false;
  }
}
