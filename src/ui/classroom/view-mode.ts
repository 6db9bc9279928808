/**
 * How the app is being shown, from the URL: `?present` (presenter mode: large type, high contrast, spotlight, slower
 * default speed) and `?embed` (for slides and docs: the diagram and the clock only, no editor or console).
 * `?embed=console` keeps the console, `?embed=editor` the editor.
 */
export interface ViewMode {
  presenter: boolean;
  embed: false | { console: boolean; editor: boolean };
}

export function parseViewMode(search: string): ViewMode {
  const q = new URLSearchParams(search);
  const flag = (name: string) => q.has(name) && q.get(name) !== 'false' && q.get(name) !== '0';
  const embedParts = (q.get('embed') ?? '').split(',').map((s) => s.trim());
  return {
    presenter: flag('present') || flag('presenter'),
    embed: flag('embed') ? { console: embedParts.includes('console'), editor: embedParts.includes('editor') } : false,
  };
}

/** Presenter mode starts slower so a class can follow each step. */
export const PRESENTER_SPEED = 0.5;
