/**
 * Confidence intervals for a proportion estimated over independent trials.
 * - Wilson's score interval for k successes in n Bernoulli trials (good coverage even at 0 or n).
 * - For a per-trial fraction (say, the share of a tier's VMs meeting a target in each trial), the trials
 *   are the independent units, not the VMs: a Student-t interval over the per-trial fractions, clipped to
 *   [0, 1]; when every trial gave the same fraction the spread says nothing, and Wilson's interval over
 *   the trials (as if each trial were one success or failure) bounds it instead.
 */
import { normalQuantile, studentTQuantile } from './student-t.js';

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for `successes` of `n` at two-sided `level` (n = 0: [0, 1]). */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const z = normalQuantile(0.5 + level / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Interval of the mean of per-trial fractions in [0, 1] (see the module comment). */
export function fractionInterval(perTrial: readonly number[], level = 0.95): Interval {
  const n = perTrial.length;
  if (n === 0) return { low: 0, high: 1 };
  let sum = 0;
  for (const f of perTrial) sum += f;
  const mean = sum / n;
  let ss = 0;
  for (const f of perTrial) ss += (f - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const wilson = wilsonInterval(mean * n, n, level);
  if (!(sd > 0)) return wilson;
  const half = (studentTQuantile(0.5 + level / 2, n - 1) * sd) / Math.sqrt(n);
  return { low: Math.max(0, mean - half), high: Math.min(1, mean + half) };
}
