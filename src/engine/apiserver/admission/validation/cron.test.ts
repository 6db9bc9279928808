import { describe, expect, it } from 'vitest';
import { cronScheduleError } from './cron';

describe('robfig/cron ParseStandard errors', () => {
  it('accepts standard schedules and descriptors', () => {
    for (const s of ['*/5 * * * *', '0 0 * * 0', '0 9-17 * jan-dec mon-fri', '@hourly', '@every 1h30m', '1,2,3 * * * *']) {
      expect(cronScheduleError(s), s).toBeUndefined();
    }
  });

  it('reports field count, ranges and syntax as robfig/cron does', () => {
    expect(cronScheduleError('foo')).toBe('expected exactly 5 fields, found 1: [foo]');
    expect(cronScheduleError('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(cronScheduleError('60 * * * *')).toBe('end of range (60) above maximum (59): 60');
    expect(cronScheduleError('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(cronScheduleError('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronScheduleError('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(cronScheduleError('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(cronScheduleError('@weird')).toBe('unrecognized descriptor: @weird');
  });
});
