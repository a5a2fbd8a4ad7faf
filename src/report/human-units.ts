/**
 * Human units at the report's edge: durations, bandwidth, money and fractions as people say them
 * ("12 min", "40 Mbit/s", "123,400 USD", "98%"), and the unit an axis should use for a range.
 */

export interface TimeUnit { name: 'seconds' | 'minutes' | 'hours' | 'days'; short: string; seconds: number }

const SECOND: TimeUnit = { name: 'seconds', short: 's', seconds: 1 };
const MINUTE: TimeUnit = { name: 'minutes', short: 'min', seconds: 60 };
const HOUR: TimeUnit = { name: 'hours', short: 'h', seconds: 3600 };
const DAY: TimeUnit = { name: 'days', short: 'days', seconds: 86400 };

/** The unit in which `maxSeconds` reads as a number between ~2 and ~120. */
export function timeUnitFor(maxSeconds: number): TimeUnit {
  if (maxSeconds < 120) return SECOND;
  if (maxSeconds < 120 * 60) return MINUTE;
  if (maxSeconds < 72 * 3600) return HOUR;
  return DAY;
}

/**
 * en-US number formats, made once per option set: x.toLocaleString('en-US', options) is specified as
 * formatting with a new Intl.NumberFormat('en-US', options), whose construction costs far more than the
 * formatting (charts label hundreds of numbers).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
function enUs(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', options);
    numberFormats.set(key, format);
  }
  return format;
}

function trim(x: number, digits: number): string {
  return enUs({ maximumFractionDigits: digits }).format(Number(x.toFixed(digits)));
}

/** "0 s", "45 s", "12 min", "5.2 h", "3.1 days". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0 s';
  if (seconds < 10) return `${trim(seconds, 1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${trim(seconds / 60, seconds < 600 ? 1 : 0)} min`;
  if (seconds < 48 * 3600) return `${trim(seconds / 3600, 1)} h`;
  return `${trim(seconds / 86400, 1)} days`;
}

export interface RateUnit { name: string; bitsPerSecond: number }

/** The bandwidth unit in which `maxBitsPerSecond` reads as a number below ~2000. */
export function rateUnitFor(maxBitsPerSecond: number): RateUnit {
  if (maxBitsPerSecond >= 2e9) return { name: 'Gbit/s', bitsPerSecond: 1e9 };
  if (maxBitsPerSecond >= 2e6) return { name: 'Mbit/s', bitsPerSecond: 1e6 };
  if (maxBitsPerSecond >= 2e3) return { name: 'kbit/s', bitsPerSecond: 1e3 };
  return { name: 'bit/s', bitsPerSecond: 1 };
}

/** "40 Mbit/s", "1.2 Gbit/s". */
export function formatBitsPerSecond(bitsPerSecond: number): string {
  const u = rateUnitFor(bitsPerSecond);
  const v = bitsPerSecond / u.bitsPerSecond;
  return `${trim(v, v < 10 ? 1 : 0)} ${u.name}`;
}

/** "123,400 USD"; cents only below 100 (nobody budgets DR to the cent). */
export function formatMoney(amount: number, currency: string): string {
  const digits = Math.abs(amount) < 100 ? 2 : 0;
  return `${enUs({ minimumFractionDigits: 0, maximumFractionDigits: digits }).format(amount)} ${currency}`;
}

export interface MoneyUnit { name: string; factor: number }

/** Thousands or millions of the currency for an axis whose largest value is `maxAbs`. */
export function moneyUnitFor(maxAbs: number, currency: string): MoneyUnit {
  if (maxAbs >= 2e6) return { name: `million ${currency}`, factor: 1e6 };
  if (maxAbs >= 2e4) return { name: `thousand ${currency}`, factor: 1e3 };
  return { name: currency, factor: 1 };
}

/** "98%", "99.5%", "<0.1%", "100%" — never rounds a shortfall up to 100%. */
export function formatPercent(fraction: number): string {
  const p = fraction * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return '<0.1%';
  if (p >= 99.95 && p < 100) return '99.9%';
  if (p === 100) return '100%';
  if (p > 99 && p < 100) return `${trim(Math.floor(p * 10) / 10, 1)}%`;
  return `${trim(p, p < 10 ? 1 : 0)}%`;
}

/** "3", "1,250", "2.5" — counts that may be expectations over trials. */
export function formatCount(n: number): string {
  return trim(n, n < 10 && !Number.isInteger(n) ? 1 : 0);
}

/** Keeps `currency` usable inside a CSV header (`annual_total_USD`). */
export function currencyTag(currency: string): string {
  return currency.replace(/[^A-Za-z0-9]/g, '') || 'money';
}
