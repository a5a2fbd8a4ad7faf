import { describe, expect, test } from '@jest/globals';
import {
  parseBitsPerSecond, parseBytes, parseBytesPerSecond, parseDataRatePerDay,
  parseDurationSeconds, parseFraction, parseGHz, parseMeters, parseMoney, parsePerHour, parsePerYear, parseWatts, UnitError,
} from '../../../src/models/units/parse.js';

const err = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UnitError);
    return (e as Error).message;
  }
  throw new Error('expected a UnitError');
};

describe('durations', () => {
  test.each([
    ['15 min', 900], ['1 h', 3600], ['2 hours', 7200], ['7 days', 604800], ['7 d', 604800], ['1 week', 604800],
    ['8 ms', 0.008], ['10 s', 10], ['1 month', 30.4375 * 86400], ['4 years', 4 * 365.25 * 86400], ['0.1 h', 360], [0, 0], ['0', 0],
  ])('%s → %d s', (input, seconds) => expect(parseDurationSeconds(input)).toBeCloseTo(seconds, 9));
  test('a bare number is an error (which unit?)', () => {
    expect(err(() => parseDurationSeconds(900))).toBe('expected a duration like "15 min", found the bare number 900 (add a unit)');
    expect(err(() => parseDurationSeconds('900'))).toContain('bare number');
  });
  test('a wrong dimension names expected and found', () => {
    expect(err(() => parseDurationSeconds('5 m'))).toBe('expected a duration like "15 min", found "5 m" (a distance)');
    expect(err(() => parseDurationSeconds('100 GB'))).toContain('(a data size)');
  });
  test('garbage and expressions are refused', () => {
    expect(err(() => parseDurationSeconds('soon'))).toContain('not a number with a known unit');
    expect(err(() => parseDurationSeconds('sqrt(4) s'))).toContain('not a number with a known unit');
    expect(err(() => parseDurationSeconds({ a: 1 }))).toContain('found a mapping');
  });
});

describe('data sizes', () => {
  test.each([
    ['500 GB', 500e9], ['256 GiB', 256 * 2 ** 30], ['1 TB', 1e12], ['5 KB', 5000], ['5 kB', 5000], ['1 KiB', 1024],
    ['1,000 GB', 1e12], ['2 Tb', 250e9], ['1.5 TB', 1.5e12], ['1 PB', 1e15],
  ])('%s → %d bytes', (input, bytes) => expect(parseBytes(input)).toBeCloseTo(bytes, 0));
  test('memory label in messages', () => {
    expect(err(() => parseBytes('16 GHz', { what: 'a memory size', example: '16 GiB' })))
      .toBe('expected a memory size like "16 GiB", found "16 GHz" (a frequency)');
  });
});

describe('data rates', () => {
  test('bits and bytes per second', () => {
    expect(parseBitsPerSecond('100 Mbit/s')).toBe(100e6);
    expect(parseBitsPerSecond('100 Mbps')).toBe(100e6);
    expect(parseBitsPerSecond('1 Gbps')).toBe(1e9);
    expect(parseBitsPerSecond('1 Gb/s')).toBe(1e9);
    expect(parseBitsPerSecond('10 MB/s')).toBe(80e6);
    expect(parseBytesPerSecond('5 MB/s')).toBe(5e6);
    expect(parseBytesPerSecond('40 Mbit/s')).toBe(5e6);
    expect(parseBytesPerSecond('40 GB/day')).toBeCloseTo(40e9 / 86400, 6);
    expect(parseDataRatePerDay('0.5 MB/s')).toBeCloseTo(43.2e9, 0);
  });
  test('a size is not a bandwidth', () => {
    expect(err(() => parseBitsPerSecond('100 GB'))).toBe('expected a data rate like "100 Mbit/s", found "100 GB" (a data size)');
  });
});

describe('other dimensions', () => {
  test('frequency, power, distance', () => {
    expect(parseGHz(2.6)).toBe(2.6);
    expect(parseGHz('2600 MHz')).toBe(2.6);
    expect(parseWatts('450 W')).toBe(450);
    expect(parseWatts('1.2 kW')).toBe(1200);
    expect(parseMeters('400 km')).toBe(400000);
    expect(err(() => parseWatts('450 Wh'))).toContain('(an energy)');
  });
  test('fractions: 0.5 and "50%"', () => {
    expect(parseFraction('50%')).toBe(0.5);
    expect(parseFraction(0.75)).toBe(0.75);
    expect(parseFraction('0.25')).toBe(0.25);
    expect(err(() => parseFraction(75))).toContain('did you mean "75%"');
    expect(err(() => parseFraction('150%'))).toContain('between 0% and 100%');
    expect(err(() => parseFraction('half'))).toContain('found "half"');
  });
  test('rates of events', () => {
    expect(parsePerYear('0.02/year')).toBeCloseTo(0.02, 12);
    expect(parsePerYear('1/50 years')).toBeCloseTo(0.02, 12);
    expect(parsePerYear('2 per month')).toBeCloseTo(24, 9);
    expect(parsePerHour('0.001/h')).toBeCloseTo(0.001, 12);
    expect(err(() => parsePerYear(3))).toContain('per what?');
    expect(err(() => parsePerYear('3/GB'))).toContain('is not a duration');
  });
});

describe('money', () => {
  test('amounts in several spellings', () => {
    expect(parseMoney('$12,000')).toBe(12000);
    expect(parseMoney('€500', { currency: 'EUR' })).toBe(500);
    expect(parseMoney('12000 USD', { currency: 'USD' })).toBe(12000);
    expect(parseMoney('$1.2M')).toBe(1.2e6);
    expect(parseMoney('$40k')).toBe(40000);
    expect(parseMoney(300)).toBe(300);
  });
  test('rates are converted to what the field is per', () => {
    expect(parseMoney('$5,000/h', { per: 'h' })).toBe(5000);
    expect(parseMoney('$120,000/day', { per: 'h' })).toBe(5000);
    expect(parseMoney('$0.12/kWh', { per: 'kWh' })).toBe(0.12);
    expect(parseMoney('$2,000/month', { per: 'year' })).toBe(24000);
    expect(parseMoney('$18,000/year', { per: 'month' })).toBe(1500);
    expect(parseMoney('$1,500', { per: 'month' })).toBe(1500);
    expect(parseMoney('$5/GB', { per: 'TB' })).toBe(5000);
  });
  test('errors', () => {
    expect(err(() => parseMoney('€500', { currency: 'USD' }))).toContain("in EUR, but the scenario's currency is USD");
    expect(err(() => parseMoney('$10,000', { per: 'h', requirePer: true }))).toContain('per what? e.g. "$10,000/h"');
    expect(err(() => parseMoney('$10/GB', { per: 'h' }))).toContain('cannot be converted to per h');
    expect(err(() => parseMoney('$10/h'))).toContain('an amount, not a rate');
    expect(err(() => parseMoney('lots'))).toContain('found "lots"');
    expect(err(() => parseMoney('-$5'))).toContain('found "-$5"');
  });
});

describe('sub-unit prefixes on data', () => {
  test('"50 mbps" is a slip of the shift key, not 50 millibits per second: an error with the suggestion', () => {
    expect(() => parseBitsPerSecond('50 mbps')).toThrow(/"m" is milli.*did you mean "50 Mbps"\?/);
    expect(() => parseBitsPerSecond('50 mbit/s')).toThrow(/did you mean "50 Mbit\/s"\?/);
    expect(parseBitsPerSecond('50 Mbps')).toBe(50e6);
    expect(parseBitsPerSecond('64 kbps')).toBe(64e3); // lower-case k is kilo: fine
  });
});
