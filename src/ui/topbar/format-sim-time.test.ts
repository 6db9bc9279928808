import { expect, it } from 'vitest';
import { formatSimTime } from './format-sim-time';

it('formats sim time as HH:MM:SS.d', () => {
  expect(formatSimTime(0)).toBe('00:00:00.0');
  expect(formatSimTime(83_450)).toBe('00:01:23.4');
  expect(formatSimTime(3_600_000 * 101 + 59_999)).toBe('101:00:59.9');
});
