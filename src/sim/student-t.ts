/**
 * Normal and Student-t quantiles, and the special functions beneath them: log-gamma, the
 * regularized incomplete gamma (for the normal CDF) and incomplete beta (for the t CDF and
 * PERT quantiles) with its inverse. Pure functions on numbers, no state.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const LN_SQRT_2PI = 0.91893853320467274178;
const FPMIN = 1e-300;
const EPS = 1e-15;

/** ln Γ(x) for x > 0 (Lanczos, g=7, n=9; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps the Lanczos sum in its accurate range.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Γ(x) for x > 0. */
export function gammaFunction(x: number): number {
  return Math.exp(logGamma(x));
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) (series or continued fraction). */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefactor = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let term = 1 / a;
    let sum = term;
    for (let n = 0; n < 10_000; n++) {
      ap += 1;
      term *= x / ap;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(logPrefactor);
  }
  // Modified Lentz on the continued fraction for Q.
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(logPrefactor) * h;
}

/** Standard normal CDF Φ(z), accurate in both tails (Φ(z) = Q(1/2, z²/2)/2 for z < 0). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const upperTail = 0.5 * regularizedGammaQ(0.5, 0.5 * z * z);
  return z < 0 ? upperTail : 1 - upperTail;
}

/**
 * Standard normal quantile Φ⁻¹(p): Wichura's AS 241 (PPND16), relative error ~1e-16.
 * Returns ∓Infinity at p = 0 and 1. This is on the sampling hot path: no allocation, no checks
 * beyond the domain.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
      + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r
      + 1.9715909503065514427e3) * r + 1.3314166789178437745e2) * r + 3.3871328727963666080)) /
      (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r
        + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
        + 4.2313330701600911252e1) * r + 1);
  }
  let r = q < 0 ? p : 1 - p;
  if (r <= 0) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
      + 2.41780725177450611770e-1) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r
      + 5.76949722146069140550) * r + 4.63033784615654529590) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
        + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r
        + 1.67638483018380384940) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
      + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r
      + 1.78482653991729133580) * r + 5.46378491116411436990) * r + 6.65790464350110377720) /
      (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
        + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r
        + 1.36929880922735805310e-1) * r + 5.99832206555887937690e-1) * r + 1);
  }
  return q < 0 ? -value : value;
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b) for a, b > 0, 0 ≤ x ≤ 1 (Lentz continued fraction). */
export function regularizedIncompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  // The fraction converges fast only left of the mean; use the symmetry on the other side.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** x such that I_x(a, b) = p: Numerical Recipes' initial guess, then Halley steps. */
export function inverseRegularizedIncompleteBeta(a: number, b: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  const logBetaInv = logGamma(a + b) - logGamma(a) - logGamma(b);
  const a1 = a - 1;
  const b1 = b - 1;
  for (let j = 0; j < 50; j++) {
    if (x === 0 || x === 1) return x;
    const err = regularizedIncompleteBeta(a, b, x) - p;
    const density = Math.exp(a1 * Math.log(x) + b1 * Math.log1p(-x) + logBetaInv);
    const u = err / density;
    const step = u / (1 - 0.5 * Math.min(1, u * (a1 / x - b1 / (1 - x))));
    x -= step;
    if (x <= 0) x = 0.5 * (x + step);
    if (x >= 1) x = 0.5 * (x + step + 1);
    if (Math.abs(step) < 1e-13 * x && j > 0) break;
  }
  return x;
}

function checkDegreesOfFreedom(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom: expected a number > 0, got ${df}`);
}

/** CDF of Student's t with df > 0 degrees of freedom (df may be fractional or Infinity). */
export function studentTCdf(t: number, df: number): number {
  checkDegreesOfFreedom(df);
  if (df === Infinity) return normalCdf(t);
  if (Number.isNaN(t)) return NaN;
  if (df > LARGE_DF) {
    // The incomplete beta loses digits to ln Γ cancellation here: invert Cornish–Fisher instead
    // (a fixed-point iteration whose contraction factor is O(z²/df)).
    let z = t;
    for (let i = 0; i < 50; i++) {
      const step = cornishFisher(z, df) - t;
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.abs(z)) break;
    }
    return normalCdf(z);
  }
  // Two-sided tail 2·P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2).
  const tail = 0.5 * regularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t));
  return t < 0 ? tail : 1 - tail;
}

/** Beyond this df the Cornish–Fisher expansion's error (~z¹¹/df⁵) is far below 1e-15. */
const LARGE_DF = 1e5;

/** t quantile from the normal quantile z, to O(df⁻⁵) (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/**
 * Quantile of Student's t with df > 0 degrees of freedom: closed forms for df = 1 and 2, the
 * inverse incomplete beta otherwise, and the Cornish–Fisher expansion (Abramowitz & Stegun
 * 26.7.5) for df > 1e5 and df = Infinity (where it is the normal quantile).
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p: expected a probability in [0, 1], got ${p}`);
  checkDegreesOfFreedom(df);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (df > LARGE_DF) {
    const z = normalQuantile(p);
    return df === Infinity ? z : cornishFisher(z, df);
  }
  const tail = p < 0.5 ? p : 1 - p;
  let t: number;
  if (tail < 0.25) {
    // Far tail: solve I_x(df/2, 1/2) = 2·tail for x = df/(df+t²), accurate when x is small.
    const x = inverseRegularizedIncompleteBeta(df / 2, 0.5, 2 * tail);
    t = Math.sqrt((df * (1 - x)) / x);
  } else {
    // Near the centre: solve I_y(1/2, df/2) = 1 − 2·tail for y = t²/(df+t²), accurate when y is small.
    const y = inverseRegularizedIncompleteBeta(0.5, df / 2, 1 - 2 * tail);
    t = Math.sqrt((df * y) / (1 - y));
  }
  return p < 0.5 ? -t : t;
}
