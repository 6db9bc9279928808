import { describe, expect, it } from 'vitest';
import { parseViewMode } from './view-mode';

describe('parseViewMode', () => {
  it('reads presenter and embed modes from the query string', () => {
    expect(parseViewMode('')).toEqual({ presenter: false, embed: false });
    expect(parseViewMode('?present')).toEqual({ presenter: true, embed: false });
    expect(parseViewMode('?present=false')).toEqual({ presenter: false, embed: false });
    expect(parseViewMode('?embed')).toEqual({ presenter: false, embed: { console: false, editor: false } });
    expect(parseViewMode('?embed=console&present=1')).toEqual({ presenter: true, embed: { console: true, editor: false } });
    expect(parseViewMode('?embed=editor,console')).toEqual({ presenter: false, embed: { console: true, editor: true } });
  });
});
