import { describe, expect, test } from '@jest/globals';
import {
  gammaFunction, normalCdf, normalQuantile, regularizedIncompleteBeta, studentTCdf, studentTQuantile,
} from '../../src/sim/student-t.js';

const relClose = (a: number, b: number, rel: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));

describe('normal and Student-t functions', () => {
  test('normalQuantile at known points (AS 241)', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    relClose(normalQuantile(1e-10), -6.361340902404056, 1e-13);
    relClose(normalQuantile(1e-300), -37.0470962993612, 1e-13); // r > 5 branch
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.1)).toBeNaN();
  });

  test('normalCdf at known points, inverse of normalQuantile', () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    relClose(normalCdf(-3), 0.0013498980316300946, 1e-12);
    relClose(normalCdf(-10), 7.619853024160527e-24, 1e-11);
    for (const p of [1e-12, 0.01, 0.3, 0.7, 0.99]) relClose(normalCdf(normalQuantile(p)), p, 1e-12);
  });

  test('gamma function', () => {
    expect(gammaFunction(5)).toBeCloseTo(24, 12);
    relClose(gammaFunction(0.5), Math.sqrt(Math.PI), 1e-14);
    relClose(gammaFunction(0.1), 9.513507698668732, 1e-13);
    relClose(gammaFunction(101), 9.33262154439441e157, 1e-12);
  });

  test('incomplete beta: closed forms', () => {
    // I_x(1, b) = 1 − (1 − x)^b; I_x(a, 1) = x^a; I_x(2, 2) = 3x² − 2x³.
    relClose(regularizedIncompleteBeta(1, 3.5, 0.2), 1 - 0.8 ** 3.5, 1e-13);
    relClose(regularizedIncompleteBeta(2.5, 1, 0.7), 0.7 ** 2.5, 1e-13);
    relClose(regularizedIncompleteBeta(2, 2, 0.9), 3 * 0.81 - 2 * 0.729, 1e-13);
  });

  test('t quantiles match the table', () => {
    // Table values (3 decimals), then more digits from scipy.stats.t.ppf.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045, 3);
    expect(studentTQuantile(0.995, 29)).toBeCloseTo(2.756, 3);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.960, 3);
    relClose(studentTQuantile(0.975, 1), 12.706204736174694, 1e-13);
    relClose(studentTQuantile(0.975, 2), 4.302652729749464, 1e-13);
    relClose(studentTQuantile(0.975, 3), 3.1824463052837078, 1e-11);
    relClose(studentTQuantile(0.975, 29), 2.045229642132703, 1e-11);
    relClose(studentTQuantile(0.995, 29), 2.756385903670605, 1e-11);
    relClose(studentTQuantile(0.95, 9), 1.833112932656237, 1e-11);
    relClose(studentTQuantile(0.9999, 7), 7.063432828157639, 1e-11);
    relClose(studentTQuantile(0.975, 1000), 1.9623390808264083, 1e-12);
    relClose(studentTQuantile(0.6, 10), 0.2601848294920803, 1e-11);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
  });

  test('t quantile inverts the t CDF for fractional and large df', () => {
    for (const df of [0.5, 1.5, 3, 10.25, 50, 1000, 99_999, 100_001, 1e8]) {
      for (const p of [1e-9, 0.001, 0.05, 0.3, 0.49, 0.51, 0.9, 0.999]) {
        const tail = Math.min(p, 1 - p);
        const back = studentTCdf(studentTQuantile(p, df), df);
        expect(Math.abs(back - p) / tail).toBeLessThan(1e-9);
      }
    }
  });

  test('bad arguments', () => {
    expect(() => studentTQuantile(0.5, 0)).toThrow(/degrees of freedom/);
    expect(() => studentTQuantile(1.5, 3)).toThrow(/p: expected a probability/);
  });
});
