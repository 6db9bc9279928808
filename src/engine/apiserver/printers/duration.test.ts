import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration } from './duration';
import { parseRfc3339, translateTimestampSince } from './time';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery util/duration HumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'], // Go truncates -1.999s to -1s: within the tolerated skew
    [0, '0s'],
    [1 * s, '1s'],
    [70 * s, '70s'],
    [119 * s + 999, '119s'],
    [120 * s, '2m'],
    [190 * s, '3m10s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [70 * m, '70m'],
    [3 * h - 1, '179m'],
    [3 * h, '3h'],
    [5 * h + 3 * m, '5h3m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [49 * h, '2d1h'],
    [8 * d - 1, '7d23h'],
    [8 * d + 2 * h, '8d'],
    [367 * d, '367d'],
    [365 * 2 * d + 25 * h, '2y1d'],
    [365 * 3 * d, '3y'],
    [365 * 8 * d + 2 * h, '8y'],
  ])('%d ms ⇒ %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [59 * s, '59s'],
    [61 * s, '1m'],
    [59 * m, '59m'],
    [23 * h, '23h'],
    [364 * d, '364d'],
    [365 * 3 * d, '3y'],
  ])('%d ms ⇒ %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('RFC 3339 timestamps', () => {
  it('parses UTC, fractional and offset forms to epoch ms', () => {
    expect(parseRfc3339('1970-01-01T00:00:00Z')).toBe(0);
    expect(parseRfc3339('2025-01-01T00:00:00Z')).toBe(1_735_689_600_000);
    expect(parseRfc3339('2024-02-29T12:34:56.789123Z')).toBe(1_709_210_096_789);
    expect(parseRfc3339('2025-01-01T02:00:00+02:00')).toBe(1_735_689_600_000);
    expect(parseRfc3339('2024-12-31T19:00:00-05:00')).toBe(1_735_689_600_000);
    expect(parseRfc3339('not a time')).toBeUndefined();
  });

  it('renders ages against the given clock, <unknown> when unset', () => {
    const now = parseRfc3339('2025-01-01T01:00:00Z')!;
    expect(translateTimestampSince('2025-01-01T00:00:00Z', now)).toBe('60m');
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });
});
