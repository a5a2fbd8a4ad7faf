import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  exactBitsPerSecond, exactBytes, exactDuration, exactMoneyPerYear, formatBitsPerSecond, formatBytes, formatCount, formatDuration, formatMoney,
  formatPercent, significant,
} from '../../../src/models/units/format.js';
import { parseBitsPerSecond, parseBytes, parseDurationSeconds, parseMoney } from '../../../src/models/units/parse.js';

describe('display forms: three significant digits in the unit that reads best', () => {
  test('the cached number formats write what toLocaleString writes', () => {
    const numbers = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: 0, max: 20, noNaN: true }));
    fc.assert(
      fc.property(numbers, (x) => {
        const money = x.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: Math.abs(x) < 100 ? 2 : 0 });
        expect(formatMoney(x, 'USD')).toBe(`${money} USD`);
        const digits = x < 10 && !Number.isInteger(x) ? 1 : 0;
        expect(formatCount(x)).toBe(Number(x.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits }));
      }),
      { numRuns: 500 },
    );
  });

  test('significant digits', () => {
    expect([6.666, 58.29, 108.4, 1249.6, 0.012345, 1].map(significant)).toEqual(['6.67', '58.3', '108', '1,250', '0.0123', '1']);
  });

  test('durations: ms below a second, then s, min, h, days', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(0.0008)).toBe('0.8 ms');
    expect(formatDuration(5.25)).toBe('5.25 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(400)).toBe('6.67 min');
    expect(formatDuration(900)).toBe('15 min');
    expect(formatDuration(5400)).toBe('1.5 h');
    expect(formatDuration(86400)).toBe('24 h');
    expect(formatDuration(2 * 86400)).toBe('2 days');
    expect(formatDuration(5 * 86400)).toBe('5 days');
    expect(formatDuration(Infinity)).toBe('unbounded');
  });

  test('rates and sizes switch unit at 1,000 of the smaller one', () => {
    expect(formatBitsPerSecond(1e8)).toBe('100 Mbit/s');
    expect(formatBitsPerSecond(58.29e6)).toBe('58.3 Mbit/s');
    expect(formatBitsPerSecond(999.6e6)).toBe('1 Gbit/s');
    expect(formatBitsPerSecond(1.25e9)).toBe('1.25 Gbit/s');
    expect(formatBytes(2e12)).toBe('2 TB');
    expect(formatBytes(512e9)).toBe('512 GB');
  });

  test('money, percentages', () => {
    expect(formatMoney(1234567.4, 'EUR')).toBe('1,234,567 EUR');
    expect(formatMoney(12.345, 'USD')).toBe('12.35 USD');
    expect(formatCount(1250)).toBe('1,250');
    expect(formatPercent(0.995)).toBe('99.5%');
    expect(formatPercent(0.9999)).toBe('99.9%');
    expect(formatPercent(0.0004)).toBe('<0.1%');
  });
});

describe('exact forms: the loader reads back exactly what was written', () => {
  // Up to 256 TiB (beyond any VM or array): above ~1e15 the loader's own arithmetic loses the last byte.
  // (The resolver rounds sizes to whole bytes, as here.)
  test('sizes, bandwidths, durations and money round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 48 }), (b) => { expect(Math.round(parseBytes(exactBytes(b)))).toBe(b); }), { numRuns: 300 });
    for (const bps of [1e8, 1.5e9, 2e6, 64000, 12345]) expect(parseBitsPerSecond(exactBitsPerSecond(bps))).toBeCloseTo(bps, 6);
    for (const s of [900, 5400, 86400, 7 * 86400, 37, 0.5]) expect(parseDurationSeconds(exactDuration(s))).toBeCloseTo(s, 9);
    expect(exactBitsPerSecond(1e8)).toBe('100 Mbit/s');
    expect(exactDuration(5400)).toBe('1.5 h');
    expect(parseMoney(exactMoneyPerYear(1234.5, 'USD'), { currency: 'USD', per: 'year' })).toBeCloseTo(1234.5, 6);
  });
});
