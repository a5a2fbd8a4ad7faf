/**
 * A scenario value that sizing searches over or a sweep plots along an axis: a count (`3`), a plain
 * number, a fraction (`75%`) or a quantity with units (`200 Mbit/s`, `15 min`, `2 TB`). Values are
 * compared in internal units and written back in the unit the user wrote, so the loader reads exactly
 * the value that is reported.
 */
import { parseQuantity, UnitError, type Dimension } from '../models/units/parse.js';

export type QuantityKind = 'count' | 'number' | 'fraction' | Dimension;

export interface QuantityScale {
  kind: QuantityKind;
  /** Unit text as written ("Mbit/s", "min", "%"); "" for counts and numbers. */
  unit: string;
  /** Internal value of one `unit`. */
  perUnit: number;
}

export interface ParsedQuantity extends QuantityScale {
  /** Internal units: s, B, B/s, ...; fractions in [0, 1]. */
  value: number;
}

const DIMENSIONS: Dimension[] = ['dataRate', 'duration', 'dataSize', 'frequency', 'power', 'length', 'energy'];
const NUMBER_RE = /^\s*([-+]?(?:\d[\d,_]*\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(.*?)\s*$/i;

/** Parses a value as written in a scenario; null if it is not a number or a quantity. */
export function parseQuantityValue(raw: unknown): ParsedQuantity | null {
  if (typeof raw === 'number') return { kind: Number.isInteger(raw) ? 'count' : 'number', unit: '', perUnit: 1, value: raw };
  if (typeof raw !== 'string') return null;
  const m = NUMBER_RE.exec(raw);
  if (!m) return null;
  const number = Number(m[1].replace(/[,_]/g, ''));
  const unit = m[2];
  if (unit === '') return { kind: Number.isInteger(number) ? 'count' : 'number', unit: '', perUnit: 1, value: number };
  if (unit === '%') return { kind: 'fraction', unit: '%', perUnit: 0.01, value: number / 100 };
  for (const dim of DIMENSIONS) {
    try {
      const perUnit = parseQuantity(`1 ${unit}`, dim);
      return { kind: dim, unit, perUnit, value: number * perUnit };
    } catch (err) {
      if (!(err instanceof UnitError)) throw err;
    }
  }
  return null;
}

/** Parses a bound (--min/--max) in the scale of the searched value: "1 Gbit/s" for a bandwidth, "2" for a count. */
export function parseInScale(raw: string, scale: QuantityScale, flag: string): number {
  const q = parseQuantityValue(/^\s*[-+]?[\d.,_]+\s*$/.test(raw) && scale.unit !== '' ? `${raw} ${scale.unit}` : raw);
  if (q === null || !compatible(q.kind, scale.kind)) {
    throw new UnitError(`${flag} "${raw}": expected ${describeScale(scale)}`);
  }
  return q.value;
}

function compatible(a: QuantityKind, b: QuantityKind): boolean {
  return a === b || ((a === 'count' || a === 'number') && (b === 'count' || b === 'number'));
}

function describeScale(scale: QuantityScale): string {
  if (scale.kind === 'count') return 'a whole number like 4';
  if (scale.kind === 'number') return 'a number like 2.5';
  if (scale.kind === 'fraction') return 'a percentage like 75%';
  return `a value in units like "${scale.unit}" (e.g. "10 ${scale.unit}")`;
}

/** Internal value → text for the scenario, in the scale's unit, with `digits` significant digits. */
export function formatInScale(value: number, scale: QuantityScale, digits = 6): string {
  if (scale.kind === 'count') return String(Math.round(value));
  const shown = Number((value / scale.perUnit).toPrecision(digits));
  return scale.unit === '' ? String(shown) : scale.unit === '%' ? `${shown}%` : `${shown} ${scale.unit}`;
}

/** Rounds an internal value to `digits` significant digits of its shown form (what the scenario will read back). */
export function roundInScale(value: number, scale: QuantityScale, digits: number): number {
  if (scale.kind === 'count') return Math.round(value);
  return Number((value / scale.perUnit).toPrecision(digits)) * scale.perUnit;
}
