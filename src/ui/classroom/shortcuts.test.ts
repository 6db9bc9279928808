import { describe, expect, it, vi } from 'vitest';
import { handleShortcut } from './shortcuts';

const key = (k: string, target: unknown = { tagName: 'DIV', closest: () => null }, mods = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget, ...mods });

describe('classroom shortcuts', () => {
  it('space toggles play, → steps, P toggles presenter; typing and modified keys are left alone', () => {
    const actions = { togglePlay: vi.fn(), step: vi.fn(), togglePresenter: vi.fn() };
    expect(handleShortcut(key(' '), actions)).toBe(true);
    expect(handleShortcut(key('ArrowRight'), actions)).toBe(true);
    expect(handleShortcut(key('p'), actions)).toBe(true);
    expect(actions.togglePlay).toHaveBeenCalledTimes(1);
    expect(actions.step).toHaveBeenCalledTimes(1);
    expect(actions.togglePresenter).toHaveBeenCalledTimes(1);
    expect(handleShortcut(key(' ', { tagName: 'INPUT' }), actions)).toBe(false);
    expect(handleShortcut(key(' ', { tagName: 'DIV', closest: (s: string) => (s === '.monaco-editor' ? {} : null) }), actions)).toBe(false);
    expect(handleShortcut(key('ArrowRight', undefined, { ctrlKey: true }), actions)).toBe(false);
    expect(handleShortcut(key('x'), actions)).toBe(false);
    expect(actions.togglePlay).toHaveBeenCalledTimes(1);
  });
});
