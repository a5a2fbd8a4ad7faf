import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { formatCount, formatDuration, formatMoney, formatPercent } from '../../src/report/human-units.js';

describe('human units', () => {
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

  test('examples', () => {
    expect(formatDuration(5.25)).toBe('5.3 s');
    expect(formatDuration(400)).toBe('6.7 min');
    expect(formatDuration(5 * 86400)).toBe('5 days');
    expect(formatMoney(1234567.4, 'EUR')).toBe('1,234,567 EUR');
    expect(formatMoney(12.345, 'USD')).toBe('12.35 USD');
    expect(formatCount(1250)).toBe('1,250');
    expect(formatPercent(0.995)).toBe('99.5%');
  });
});
