/** Sample generators shared by the quantile and order-statistics property tests. */
import fc from 'fast-check';

/** Samples with many ties, tiny ones, large ones (past the bucketing threshold), skewed ones. */
const doubles = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
const tied = fc.integer({ min: -5, max: 5 }).map((x) => x * 3600);
export const sample = fc.oneof(
  fc.array(doubles, { minLength: 0, maxLength: 40 }),
  fc.array(tied, { minLength: 1, maxLength: 3000 }),
  fc.array(fc.oneof(doubles, tied), { minLength: 1000, maxLength: 5000 }),
  fc.array(fc.double({ noNaN: true, min: 0, max: 1, noDefaultInfinity: true }).map((u) => Math.exp(30 * u)), { minLength: 1000, maxLength: 5000 }),
).map((a) => Float64Array.from(a));
