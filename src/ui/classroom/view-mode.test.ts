import { describe, expect, it } from 'vitest';
import { parseViewMode } from './view-mode';
import { clusterFromUrl } from '../share/use-run-persistence';

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

describe('clusterFromUrl', () => {
  it('reads a bounded cluster shape from the query string', () => {
    expect(clusterFromUrl('')).toEqual({ seed: 1, workers: 3 });
    expect(clusterFromUrl('?workers=50&seed=7')).toEqual({ seed: 7, workers: 50 });
    expect(clusterFromUrl('?workers=100000')).toEqual({ seed: 1, workers: 3 });
    expect(clusterFromUrl('?workers=-1&seed=x')).toEqual({ seed: 1, workers: 3 });
  });
});
