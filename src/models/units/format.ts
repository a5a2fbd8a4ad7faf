/**
 * Human units out: the one place numbers with units become text, for every reader — console tables,
 * CSV headers, charts, the HTML report, messages and warnings, `size` and `optimize`, generated YAML.
 * parse.ts is its inverse (text in).
 *
 * Two families:
 * - display forms, for people: three significant digits in the unit that reads best ("6.67 min",
 *   "58.3 Mbit/s", "1.25 Gbit/s", "2.4 TB"), whole money with separators ("1,250,000 USD"), percentages
 *   that never round a shortfall up to 100%; and the unit an axis should use for a range;
 * - exact forms, for files the loader reads back (the importer's YAML, optimize's fragment): every
 *   digit that matters, in a unit the loader parses.
 */

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

/** `x` with at most `digits` decimals, trailing zeros dropped, thousands separated ("1,250", "2.5"). */
export function trimmed(x: number, digits: number): string {
  return enUs({ maximumFractionDigits: digits }).format(Number(x.toFixed(digits)));
}

/** Three significant digits (more only for the integer part): 6.67, 58.3, 108, 1,250. */
export function significant(x: number): string {
  const abs = Math.abs(x);
  if (abs === 0 || !Number.isFinite(x)) return String(x);
  const decimals = Math.max(0, 2 - Math.floor(Math.log10(abs) + 1e-12));
  return trimmed(Number(x.toPrecision(3)), decimals);
}

// ---- Display: durations -----------------------------------------------------------------------------

export interface TimeUnit { name: 'seconds' | 'minutes' | 'hours' | 'days'; short: string; seconds: number }

const SECOND: TimeUnit = { name: 'seconds', short: 's', seconds: 1 };
const MINUTE: TimeUnit = { name: 'minutes', short: 'min', seconds: 60 };
const HOUR: TimeUnit = { name: 'hours', short: 'h', seconds: 3600 };
const DAY: TimeUnit = { name: 'days', short: 'days', seconds: 86400 };

/** The unit in which `maxSeconds` reads as a number between ~2 and ~120 (for an axis). */
export function timeUnitFor(maxSeconds: number): TimeUnit {
  if (maxSeconds < 120) return SECOND;
  if (maxSeconds < 120 * 60) return MINUTE;
  if (maxSeconds < 72 * 3600) return HOUR;
  return DAY;
}

/** "0 s", "0.8 ms", "45 s", "6.67 min", "5.2 h", "3.1 days"; "unbounded" for Infinity. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0 s';
  if (!Number.isFinite(seconds)) return seconds > 0 ? 'unbounded' : String(seconds);
  const abs = Math.abs(seconds);
  if (abs < 1) return `${significant(seconds * 1000)} ms`;
  if (abs < 60) return `${significant(seconds)} s`;
  if (abs < 90 * 60) return `${significant(seconds / 60)} min`;
  if (abs < 48 * 3600) return `${significant(seconds / 3600)} h`;
  const days = seconds / 86400;
  return `${significant(days)} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * A duration statistic of a summary whose VMs may not all be recovered (results.ts Summary): null reads
 * "not recovered" (it falls among them), or "–" when there was nothing to summarize.
 */
export function formatDurationStat(value: number | null, summary: { count: number }): string {
  if (value !== null) return formatDuration(value);
  return summary.count > 0 ? 'not recovered' : '–';
}

// ---- Display: data rates and sizes -------------------------------------------------------------------

export interface RateUnit { name: string; bitsPerSecond: number }

/** The bandwidth unit in which `maxBitsPerSecond` reads as a number below ~2000 (for an axis). */
export function rateUnitFor(maxBitsPerSecond: number): RateUnit {
  if (maxBitsPerSecond >= 2e9) return { name: 'Gbit/s', bitsPerSecond: 1e9 };
  if (maxBitsPerSecond >= 2e6) return { name: 'Mbit/s', bitsPerSecond: 1e6 };
  if (maxBitsPerSecond >= 2e3) return { name: 'kbit/s', bitsPerSecond: 1e3 };
  return { name: 'bit/s', bitsPerSecond: 1 };
}

/** Picks the largest unit in which |x| is at least 1 (after rounding to three digits). */
function scaled(x: number, units: readonly (readonly [number, string])[]): string {
  for (const [size, name] of units) {
    if (Math.abs(Number((x / size).toPrecision(3))) >= 1) return `${significant(x / size)} ${name}`;
  }
  const [size, name] = units[units.length - 1];
  return `${significant(x / size)} ${name}`;
}

const BIT_RATES = [[1e12, 'Tbit/s'], [1e9, 'Gbit/s'], [1e6, 'Mbit/s'], [1e3, 'kbit/s'], [1, 'bit/s']] as const;
const BYTES = [[1e15, 'PB'], [1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB'], [1, 'B']] as const;

/** "40 Mbit/s", "58.3 Mbit/s", "1.25 Gbit/s". */
export function formatBitsPerSecond(bitsPerSecond: number): string {
  if (bitsPerSecond === 0) return '0 bit/s';
  return scaled(bitsPerSecond, BIT_RATES);
}

/** The storage unit (decimal) in which `maxBytes` reads as a number below ~2000 (for an axis). */
export function bytesUnitFor(maxBytes: number): { name: string; bytes: number } {
  for (const [size, name] of BYTES) if (maxBytes >= 2 * size) return { name, bytes: size };
  return { name: 'B', bytes: 1 };
}

/** "2.4 TB", "512 GB" (decimal units, as storage is sold). */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0 B';
  return scaled(bytes, BYTES);
}

/** "25 MB/s" (write rates, storage throughput). */
export function formatBytesPerSecond(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

// ---- Display: money, fractions, counts ---------------------------------------------------------------

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
  if (p > 99 && p < 100) return `${trimmed(Math.floor(p * 10) / 10, 1)}%`;
  return `${trimmed(p, p < 10 ? 1 : 0)}%`;
}

/** A bill-of-materials quantity in its own unit, three significant digits: "2 hosts", "12.3 TB", "1,000 Mbit/s", "0.4%". */
export function formatQuantity(x: number, unit: string): string {
  return unit === '%' ? `${significant(x)}%` : `${significant(x)} ${unit}`;
}

/** "3", "1,250", "2.5" — counts that may be expectations over trials. */
export function formatCount(n: number): string {
  return trimmed(n, n < 10 && !Number.isInteger(n) ? 1 : 0);
}

/** Keeps `currency` usable inside a CSV header (`annual_total_USD`). */
export function currencyTag(currency: string): string {
  return currency.replace(/[^A-Za-z0-9]/g, '') || 'money';
}

// ---- Exact forms, for files the loader reads back ----------------------------------------------------

const SIZE_UNITS: Array<[number, string]> = [
  [2 ** 40, 'TiB'], [1e12, 'TB'], [2 ** 30, 'GiB'], [1e9, 'GB'], [2 ** 20, 'MiB'], [1e6, 'MB'], [2 ** 10, 'KiB'], [1e3, 'kB'],
];

/**
 * Bytes as the largest unit that says them to the byte with at most 3 decimals ("16 GiB",
 * "40960.52 MiB", "1.5 TB"); else plain bytes. The loader rounds to whole bytes, so this round-trips.
 */
export function exactBytes(bytes: number): string {
  if (bytes === 0) return '0 GB';
  for (const [unit, name] of SIZE_UNITS) {
    const v = bytes / unit;
    if (v < 1) continue;
    const r = Math.round(v * 1000) / 1000;
    // The loader keeps 15 significant digits (units/parse.ts clean()) and the resolver rounds to whole bytes.
    if (Math.round(Number((r * unit).toPrecision(15))) === bytes) return `${r} ${name}`;
  }
  return `${Math.round(bytes)} B`;
}

/** A data rate with 4 significant digits ("2.315 MB/s", "57.87 kB/s"): measured rates carry no more. */
export function exactBytesPerSecond(bytesPerSecond: number): string {
  const steps: Array<[number, string]> = [[1e9, 'GB/s'], [1e6, 'MB/s'], [1e3, 'kB/s']];
  for (const [unit, name] of steps) if (bytesPerSecond >= unit) return `${Number((bytesPerSecond / unit).toPrecision(4))} ${name}`;
  return `${Number(bytesPerSecond.toPrecision(4))} B/s`;
}

/** A bandwidth as links are bought and the loader reads back ("100 Mbit/s", "1.5 Gbit/s"; up to 3 decimals, else bit/s). */
export function exactBitsPerSecond(bitsPerSecond: number): string {
  for (const [size, name] of BIT_RATES) {
    const v = bitsPerSecond / size;
    if (v >= 1 && Math.abs(Math.round(v * 1000) / 1000 - v) * size < 0.5) return `${Math.round(v * 1000) / 1000} ${name}`;
  }
  return `${Math.round(bitsPerSecond)} bit/s`;
}

/** A yearly amount the loader reads back exactly ("1234.5 USD/year"). */
export function exactMoneyPerYear(amount: number, currency: string): string {
  return `${Number(amount.toFixed(6))} ${currency}/year`;
}

/** A duration the loader reads back: the largest unit that says it with at most 2 decimals ("15 min", "1.5 h"). */
export function exactDuration(seconds: number): string {
  const steps: Array<[number, string]> = [[86400 * 7, 'weeks'], [86400, 'days'], [3600, 'h'], [60, 'min'], [1, 's']];
  for (const [size, name] of steps) {
    const v = seconds / size;
    if (Math.abs(v) >= 1 && Math.abs(Math.round(v * 100) / 100 - v) < 1e-9) return `${Math.round(v * 100) / 100} ${name}`;
  }
  return `${Number(seconds.toPrecision(12))} s`;
}
