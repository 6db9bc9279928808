import { describe, expect, it } from 'vitest';
import { parseStandard } from './cron-schedule';
import { formatRFC1123Z, TimeZone } from './time-zone';
import { isoSeconds } from '../../engine';
import { parseTime } from '../history/time';

const next = (spec: string, from: string) => isoSeconds(parseStandard(spec).next(parseTime(from))!);

describe('cron schedules (robfig/cron ParseStandard)', () => {
  it('steps, ranges, lists and names', () => {
    expect(next('*/15 * * * *', '2025-01-01T00:07:00Z')).toBe('2025-01-01T00:15:00Z');
    expect(next('*/1 * * * *', '2025-01-01T00:01:00Z')).toBe('2025-01-01T00:02:00Z');
    expect(next('30 9-17/4 * * *', '2025-01-01T10:00:00Z')).toBe('2025-01-01T13:30:00Z');
    expect(next('0 0 * * mon,FRI', '2025-01-01T00:00:00Z')).toBe('2025-01-03T00:00:00Z'); // Wed ⇒ Fri
    expect(next('0 12 1 jan-mar *', '2025-02-02T00:00:00Z')).toBe('2025-03-01T12:00:00Z');
    expect(next('5/20 * * * *', '2025-01-01T00:06:00Z')).toBe('2025-01-01T00:25:00Z');
  });

  it('either day field matches unless one is *', () => {
    // 13th of the month OR a Friday.
    expect(next('0 0 13 * 5', '2025-01-04T00:00:00Z')).toBe('2025-01-10T00:00:00Z');
    expect(next('0 0 13 * *', '2025-01-04T00:00:00Z')).toBe('2025-01-13T00:00:00Z');
  });

  it('descriptors', () => {
    expect(next('@hourly', '2025-01-01T00:30:00Z')).toBe('2025-01-01T01:00:00Z');
    expect(next('@daily', '2025-01-01T00:30:00Z')).toBe('2025-01-02T00:00:00Z');
    expect(next('@midnight', '2025-01-01T00:30:00Z')).toBe('2025-01-02T00:00:00Z');
    expect(next('@weekly', '2025-01-01T00:30:00Z')).toBe('2025-01-05T00:00:00Z');
    expect(next('@monthly', '2025-01-01T00:30:00Z')).toBe('2025-02-01T00:00:00Z');
    expect(next('@yearly', '2025-01-01T00:30:00Z')).toBe('2026-01-01T00:00:00Z');
    expect(next('@annually', '2025-01-01T00:30:00Z')).toBe('2026-01-01T00:00:00Z');
    expect(next('@every 90s', '2025-01-01T00:00:00Z')).toBe('2025-01-01T00:01:30Z');
  });

  it('rejects malformed schedules with robfig messages', () => {
    expect(() => parseStandard('* * *')).toThrow('expected exactly 5 fields, found 3: * * *');
    expect(() => parseStandard('61 * * * *')).toThrow('end of range (61) above maximum (59): 61');
    expect(() => parseStandard('@fortnightly')).toThrow('unrecognized descriptor: @fortnightly');
  });

  it('evaluates in a time zone, across daylight saving', () => {
    // 09:00 in Tokyo is 00:00 UTC.
    expect(next('TZ=Asia/Tokyo 0 9 * * *', '2025-01-01T01:00:00Z')).toBe('2025-01-02T00:00:00Z');
    // New York: EST (−5) in January, EDT (−4) in July.
    expect(next('TZ=America/New_York 0 9 * * *', '2025-01-01T00:00:00Z')).toBe('2025-01-01T14:00:00Z');
    expect(next('TZ=America/New_York 0 9 * * *', '2025-07-01T00:00:00Z')).toBe('2025-07-01T13:00:00Z');
    expect(TimeZone.load('Asia/Tokyo')!.formatRFC3339(parseTime('2025-01-02T00:00:00Z'))).toBe('2025-01-02T09:00:00+09:00');
    expect(TimeZone.load('Mars/Olympus')).toBeUndefined();
  });

  it('formats RFC1123Z', () => {
    expect(formatRFC1123Z(parseTime('2025-01-01T00:05:00Z'))).toBe('Wed, 01 Jan 2025 00:05:00 +0000');
  });
});
