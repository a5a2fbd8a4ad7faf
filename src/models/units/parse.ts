/**
 * Human quantities at the edges ("100 Mbit/s", "2 TB", "15 min", "$5,000/h") → internal numbers
 * (seconds, bytes, bytes/s, bits/s, Hz, W, m, money in one currency). Shared by the scenario loader,
 * the inventory importer and CLI flags. Every helper throws a UnitError whose message says what was
 * expected (with an example) and what was found, naming the found dimension when it is a known one.
 */
import mathDefault from 'mathjs/lib/browser/math.js';
import type { MathJsInstance, Unit } from 'mathjs';

export class UnitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnitError';
  }
}

/** A private mathjs instance so our unit definitions never leak into (or collide with) anyone else's. */
const math: MathJsInstance = mathDefault.create(mathDefault.all, {});
// mathjs knows `b` (bit) and `B` (byte) but not `bit`/`Mbit`, `bps`/`Mbps`, `d`, `KB` (TOOLCHAIN.md).
math.createUnit('bit', { definition: '1 b', prefixes: 'short' }, { override: true });
math.createUnit('bps', { definition: '1 b/s', prefixes: 'short' });
math.createUnit('Bps', { definition: '1 B/s', prefixes: 'short' });
math.createUnit('KB', { definition: '1000 B' });
math.createUnit('Kbit', { definition: '1000 b' });
math.createUnit('Kbps', { definition: '1000 b/s' });
math.createUnit('d', { definition: '1 day' });
math.createUnit('wk', { definition: '1 week' });
math.createUnit('yr', { definition: '1 year', aliases: ['yrs'] });

export type Dimension = 'duration' | 'dataSize' | 'dataRate' | 'frequency' | 'power' | 'length' | 'energy';

interface DimensionInfo { unit: string; noun: string; example: string }

const DIMENSIONS: Record<Dimension, DimensionInfo> = {
  duration: { unit: 's', noun: 'a duration', example: '15 min' },
  dataSize: { unit: 'B', noun: 'a data size', example: '500 GB' },
  dataRate: { unit: 'B/s', noun: 'a data rate', example: '100 Mbit/s' },
  frequency: { unit: 'Hz', noun: 'a frequency', example: '2.6 GHz' },
  power: { unit: 'W', noun: 'a power', example: '450 W' },
  length: { unit: 'm', noun: 'a distance', example: '400 km' },
  energy: { unit: 'J', noun: 'an energy', example: '1 kWh' },
};

/** Names for dimensions a user may write by mistake, to say what they wrote ("16 GHz" is a frequency). */
const KNOWN_DIMENSIONS: Array<[string, string]> = [
  ...Object.values(DIMENSIONS).map((d): [string, string] => [d.unit, d.noun]),
  ['kg', 'a mass'], ['m^2', 'an area'], ['m^3', 'a volume'], ['m/s', 'a speed'], ['A', 'a current'],
  ['V', 'a voltage'], ['K', 'a temperature'], ['1/s', 'a rate per time'], ['s/B', 'a time per data size'],
];

export interface QuantityLabel {
  /** What the field holds, e.g. "a memory size"; defaults to the dimension's noun. */
  what?: string;
  /** An example of a valid value, e.g. "16 GiB". */
  example?: string;
}

/** Rounds away binary noise from unit conversion (0.1 h → 360.00000000000006 s) so values round-trip. */
export function clean(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(15)) : x;
}

function describe(input: unknown): string {
  if (typeof input === 'number' && !Number.isFinite(input)) return describeNonFinite(input);
  if (typeof input === 'string') return JSON.stringify(input);
  if (input === null || input === undefined) return 'nothing';
  if (typeof input === 'object') return Array.isArray(input) ? 'a list' : 'a mapping';
  return String(input);
}

/** YAML's `.inf`, `-.inf` and `.nan` in words: "infinity (not a finite number)", "NaN (not a number)". */
export function describeNonFinite(n: number): string {
  return Number.isNaN(n) ? 'NaN (not a number)' : `${n > 0 ? '' : '-'}infinity (not a finite number)`;
}

/** "inf", "Infinity", "NaN" written as text, alone or before a unit ("Infinity GB"). */
const NON_FINITE_TEXT = /^\s*[-+]?(inf(inity)?|nan)\b/i;

/** Throws for non-finite input (a number or its spelling as text): what was found, not "add a unit". */
function refuseNonFinite(input: unknown, expected: string): void {
  if (typeof input === 'number' && !Number.isFinite(input)) throw new UnitError(`${expected}, found ${describeNonFinite(input)}`);
  if (typeof input === 'string' && NON_FINITE_TEXT.test(input)) throw new UnitError(`${expected}, found ${JSON.stringify(input)} (not a finite number)`);
}

function expectedText(dim: Dimension, label: QuantityLabel): string {
  const info = DIMENSIONS[dim];
  return `expected ${label.what ?? info.noun} like "${label.example ?? info.example}"`;
}

/** Thousands separators are welcome in numbers ("1,000 GB"); mathjs does not accept them. */
function stripThousands(s: string): string {
  return s.replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
}

function dimensionNoun(u: Unit): string | null {
  for (const [unit, noun] of KNOWN_DIMENSIONS) {
    if (u.equalBase(math.unit(unit))) return noun;
  }
  return null;
}

function parseUnit(text: string): Unit | null {
  try {
    const u = math.unit(stripThousands(text.trim()));
    return u.value === null ? null : u;
  } catch {
    return null;
  }
}

/**
 * Parses a quantity of the given dimension and returns it in the dimension's internal unit
 * (s, B, B/s, Hz, W, m, J). A bare number is an error (which unit would it be?) except 0.
 */
export function parseQuantity(input: unknown, dim: Dimension, label: QuantityLabel = {}): number {
  const info = DIMENSIONS[dim];
  refuseNonFinite(input, expectedText(dim, label));
  if (typeof input === 'number') {
    if (input === 0) return 0;
    throw new UnitError(`${expectedText(dim, label)}, found the bare number ${input} (add a unit)`);
  }
  if (typeof input !== 'string') throw new UnitError(`${expectedText(dim, label)}, found ${describe(input)}`);
  const text = input.trim();
  if (/^[-+]?[\d.,_]+(e[-+]?\d+)?$/i.test(text)) {
    if (Number(text) === 0) return 0;
    throw new UnitError(`${expectedText(dim, label)}, found the bare number ${text} (add a unit)`);
  }
  const u = parseUnit(text);
  if (!u) throw new UnitError(`${expectedText(dim, label)}, found ${describe(input)} (not a number with a known unit)`);
  if (!u.equalBase(math.unit(info.unit))) {
    const noun = dimensionNoun(u);
    throw new UnitError(`${expectedText(dim, label)}, found ${describe(input)}${noun ? ` (${noun})` : ''}`);
  }
  const small = subUnitDataPrefix(u);
  if (small !== null) {
    throw new UnitError(`${expectedText(dim, label)}, found ${describe(input)}: "${small.prefix}" is ${small.name} (a ${small.fraction}) of a ${small.unit}` +
      `, which no link or disk is sized in — did you mean ${JSON.stringify(text.replace(small.written, small.written.replace(small.prefix, small.prefix.toUpperCase())))}?`);
  }
  const value = clean(u.toNumber(info.unit));
  if (!Number.isFinite(value)) throw new UnitError(`${expectedText(dim, label)}, found ${describe(input)} (not a finite number)`);
  return value;
}

const DATA_UNITS = new Set(['b', 'B', 'bit', 'bits', 'bps', 'Bps', 'byte', 'bytes']);
const SUB_UNIT_PREFIXES: Record<string, { name: string; fraction: string }> = {
  m: { name: 'milli', fraction: 'thousandth' }, u: { name: 'micro', fraction: 'millionth' }, n: { name: 'nano', fraction: 'billionth' },
  p: { name: 'pico', fraction: 'trillionth' }, c: { name: 'centi', fraction: 'hundredth' }, d: { name: 'deci', fraction: 'tenth' },
};

/** A data unit with a prefix below one ("50 mbps" is 50 millibits per second): a slip of the shift key. */
function subUnitDataPrefix(u: Unit): { prefix: string; name: string; fraction: string; unit: string; written: string } | null {
  for (const part of (u as unknown as { units: { prefix: { name: string; value: number } | undefined; unit: { name: string } }[] }).units) {
    const p = part.prefix;
    if (p === undefined || !(p.value < 1) || !DATA_UNITS.has(part.unit.name)) continue;
    const known = SUB_UNIT_PREFIXES[p.name];
    if (known === undefined) continue;
    return { prefix: p.name, ...known, unit: /^b/.test(part.unit.name) ? 'bit' : 'byte', written: `${p.name}${part.unit.name}` };
  }
  return null;
}

export const parseDurationSeconds = (v: unknown, label?: QuantityLabel): number => parseQuantity(v, 'duration', label);
export const parseBytes = (v: unknown, label?: QuantityLabel): number => parseQuantity(v, 'dataSize', label);
/** Any data rate: "5 MB/s", "100 Mbit/s", "1 Gbps", "40 GB/day". */
export const parseBytesPerSecond = (v: unknown, label?: QuantityLabel): number => parseQuantity(v, 'dataRate', label);
export const parseBitsPerSecond = (v: unknown, label?: QuantityLabel): number =>
  clean(parseQuantity(v, 'dataRate', { example: '100 Mbit/s', ...label }) * 8);
/** A data rate expressed per day (bytes/day), e.g. "40 GB/day" → 4e10. */
export const parseDataRatePerDay = (v: unknown, label?: QuantityLabel): number =>
  clean(parseQuantity(v, 'dataRate', { example: '40 GB/day', ...label }) * 86400);
export const parseHertz = (v: unknown, label?: QuantityLabel): number => parseQuantity(v, 'frequency', label);
export const parseWatts = (v: unknown, label?: QuantityLabel): number => parseQuantity(v, 'power', label);
export const parseMeters = (v: unknown, label?: QuantityLabel): number => parseQuantity(v, 'length', label);

/** A clock frequency in GHz: a bare number is taken as GHz (the field says so), or "2600 MHz". */
export function parseGHz(v: unknown): number {
  refuseNonFinite(v, 'expected a clock frequency like "2.6 GHz"');
  if (typeof v === 'number') return v;
  return clean(parseHertz(v, { what: 'a clock frequency', example: '2.6 GHz' }) / 1e9);
}

/** A fraction in [0, 1]: `0.5` or `"50%"`. */
export function parseFraction(input: unknown, label: QuantityLabel = {}): number {
  const expected = `expected ${label.what ?? 'a fraction'} like ${label.example ?? '"50%" or 0.5'}`;
  refuseNonFinite(input, expected);
  let value: number;
  if (typeof input === 'number') {
    value = input;
    if (value > 1 && value <= 100) throw new UnitError(`${expected}, found ${input} (did you mean "${input}%"?)`);
  } else if (typeof input === 'string') {
    const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*%\s*$/.exec(input);
    if (m) value = clean(Number(m[1]) / 100);
    else if (/^\s*[-+]?(?:\d+\.?\d*|\.\d+)\s*$/.test(input)) value = Number(input);
    else throw new UnitError(`${expected}, found ${describe(input)}`);
  } else {
    throw new UnitError(`${expected}, found ${describe(input)}`);
  }
  if (!(value >= 0 && value <= 1)) throw new UnitError(`${expected} between 0% and 100%, found ${describe(input)}`);
  return value;
}

/**
 * A multiplier of a value the scenario states: a number (0.5, 2) or a percentage ("50%", "200%"), more than
 * zero. Sensitivity ranges are written this way: `low: 50%` is half the scenario's own value.
 */
export function parseMultiplier(input: unknown, label: QuantityLabel = {}): number {
  const expected = `expected ${label.what ?? 'a multiplier'} like ${label.example ?? '"50%", "200%" or 2'}`;
  refuseNonFinite(input, expected);
  let value: number;
  if (typeof input === 'number') value = input;
  else if (typeof input === 'string') {
    const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*%\s*$/.exec(input);
    if (m) value = clean(Number(m[1]) / 100);
    else if (/^\s*[-+]?(?:\d+\.?\d*|\.\d+)\s*$/.test(input)) value = Number(input);
    else throw new UnitError(`${expected}, found ${describe(input)}`);
  } else throw new UnitError(`${expected}, found ${describe(input)}`);
  if (!(value > 0)) throw new UnitError(`${expected} more than 0, found ${describe(input)}`);
  return value;
}

/**
 * A frequency of events: "0.02/year", "1/50 years", "0.001/h", "3 per day". Returns events per second.
 */
export function parseEventsPerSecond(input: unknown, label: QuantityLabel = {}): number {
  const expected = `expected ${label.what ?? 'a rate'} like ${label.example ?? '"0.02/year"'}`;
  refuseNonFinite(input, expected);
  if (typeof input === 'number') {
    if (input === 0) return 0;
    throw new UnitError(`${expected}, found the bare number ${input} (per what? e.g. "${input}/year")`);
  }
  if (typeof input !== 'string') throw new UnitError(`${expected}, found ${describe(input)}`);
  const m = /^\s*([-+]?(?:[\d,]*\.?\d+(?:e[-+]?\d+)?))\s*(?:\/|per\s)\s*(.+)$/i.exec(input);
  if (!m) throw new UnitError(`${expected}, found ${describe(input)}`);
  const count = Number(m[1].replace(/,/g, ''));
  const per = /^\s*[\d.]/.test(m[2]) ? m[2] : `1 ${m[2]}`;
  const perUnit = parseUnit(per);
  if (!perUnit || !perUnit.equalBase(math.unit('s'))) throw new UnitError(`${expected}, found ${describe(input)} ("${m[2].trim()}" is not a duration)`);
  const seconds = perUnit.toNumber('s');
  if (!Number.isFinite(count) || !Number.isFinite(seconds)) throw new UnitError(`${expected}, found ${describe(input)} (not a finite number)`);
  if (!(count >= 0) || !(seconds > 0)) throw new UnitError(`${expected}, found ${describe(input)} (must be positive)`);
  return count / seconds;
}

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86400;
export const SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;
export const SECONDS_PER_MONTH = SECONDS_PER_YEAR / 12;

export const parsePerYear = (v: unknown, label?: QuantityLabel): number => clean(parseEventsPerSecond(v, label) * SECONDS_PER_YEAR);
export const parsePerHour = (v: unknown, label?: QuantityLabel): number => clean(parseEventsPerSecond(v, { example: '"0.001/h"', ...label }) * SECONDS_PER_HOUR);

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const MULTIPLIERS: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6 };

export interface MoneyOptions {
  /** The scenario's currency (ISO code); money in another currency is an error. Unchecked if absent. */
  currency?: string;
  /**
   * What the amount is per: a time unit ("h", "month", "year"), "kWh" or "TB". A value written with a
   * per-unit ("$18,000/year") is converted; one without it is taken as already per this unit, unless
   * `requirePer` (for fields whose name does not say, like a downtime cost).
   */
  per?: string;
  requirePer?: boolean;
  what?: string;
  example?: string;
}

export interface ParsedMoney { amount: number; currency: string | null }

const MONEY_RE = /^\s*([$€£¥])?\s*((?:\d[\d,_]*)?(?:\.\d+)?)\s*([kKM](?![a-zA-Z]))?\s*([A-Z]{3})?\s*(?:\/\s*(.+?))?\s*$/;

/** Parses "$12,000", "€500", "12000 USD", "$1.2M", "$5,000/h", "$0.12/kWh", "$2,000/month". */
export function parseMoney(input: unknown, opts: MoneyOptions = {}): number {
  const example = opts.example ?? (opts.per ? `"$1,000/${opts.per}"` : '"$12,000"');
  const expected = `expected ${opts.what ?? (opts.per ? `an amount of money per ${opts.per}` : 'an amount of money')} like ${example}`;
  let amount: number;
  let currency: string | null = null;
  let perText: string | undefined;
  refuseNonFinite(input, expected);
  if (typeof input === 'number') {
    if (opts.requirePer && input !== 0) throw new UnitError(`${expected}, found the bare number ${input} (per what?)`);
    amount = input;
  } else if (typeof input === 'string') {
    const m = MONEY_RE.exec(input);
    if (!m || m[2] === '' || (m[1] && m[4])) throw new UnitError(`${expected}, found ${describe(input)}`);
    amount = Number(m[2].replace(/[,_]/g, '')) * (m[3] ? MULTIPLIERS[m[3]] : 1);
    currency = m[1] ? CURRENCY_SYMBOLS[m[1]] : (m[4] ?? null);
    perText = m[5];
  } else {
    throw new UnitError(`${expected}, found ${describe(input)}`);
  }
  if (!Number.isFinite(amount) || amount < 0) throw new UnitError(`${expected}, found ${describe(input)} (must be zero or more)`);
  if (currency && opts.currency && currency !== opts.currency) {
    throw new UnitError(`${expected}, found ${describe(input)} in ${currency}, but the scenario's currency is ${opts.currency} (costs.currency)`);
  }
  if (perText === undefined) {
    if (opts.requirePer && amount !== 0) throw new UnitError(`${expected}, found ${describe(input)} (per what? e.g. "${String(input).trim()}/${opts.per}")`);
    return clean(amount);
  }
  if (!opts.per) throw new UnitError(`${expected}, found ${describe(input)} (an amount, not a rate)`);
  const given = parseUnit(/^\s*[\d.]/.test(perText) ? perText : `1 ${perText}`);
  const target = math.unit(`1 ${opts.per}`);
  if (!given || !given.equalBase(target)) {
    throw new UnitError(`${expected}, found ${describe(input)} ("/${perText}" cannot be converted to per ${opts.per})`);
  }
  // $X per `given` → per `target`: scale by how many `given` fit in one `target`.
  const base = baseUnitOf(target);
  return clean((amount * target.toNumber(base)) / given.toNumber(base));
}

function baseUnitOf(u: Unit): string {
  for (const info of Object.values(DIMENSIONS)) {
    if (u.equalBase(math.unit(info.unit))) return info.unit;
  }
  return u.formatUnits();
}
