/**
 * Zod building blocks for the scenario language: strict mappings with "did you mean", and fields
 * that parse human units (via units/parse.ts) or distributions while zod tracks the path. Unit fields
 * are `z.unknown()` pipes (so our messages, not zod's, reach the user); what they accept is
 * described to editors by a JSON-Schema fragment registered here and applied by `drsim schema`.
 */
import { z } from 'zod';
import type { DistributionSpec } from '../../sim/distributions.js';
import {
  describeNonFinite, parseBitsPerSecond, parseBytes, parseBytesPerSecond, parseDurationSeconds, parseEventsPerSecond, parseFraction,
  parseGHz, parseMeters, parseMoney, parseMultiplier, parseWatts, UnitError, type MoneyOptions, type QuantityLabel,
} from '../units/parse.js';
import { controlCharMessage, findControlChar } from './control-chars.js';
import { MAX_INDEX_WIDTH, MAX_NAME_LENGTH } from './limits.js';
import { suggestion } from './did-you-mean.js';
import { DISTRIBUTION_KINDS, parseDistributionInput, type Dim } from './distribution-input.js';

/** JSON-Schema fragments for fields zod cannot describe (unit strings, distributions). */
export const jsonSchemaOverrides = new WeakMap<object, Record<string, unknown>>();
/** Shared fragments referenced as `#/definitions/<name>` (distributions would otherwise repeat ~50 times). */
export const jsonSchemaDefinitions: Record<string, Record<string, unknown>> = {};

function definition(name: string, build: () => Record<string, unknown>): Record<string, unknown> {
  jsonSchemaDefinitions[name] ??= build();
  return { $ref: `#/definitions/${name}` };
}

function withJsonSchema<T extends z.ZodType>(schema: T, json: Record<string, unknown>): T {
  jsonSchemaOverrides.set(schema, json);
  return schema;
}

/** A mapping that rejects unknown keys, suggesting the nearest known one. */
export function obj<S extends z.ZodRawShape>(shape: S, description?: string) {
  const keys = Object.keys(shape);
  const schema = z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        return iss.keys.map((k) => /^\d+$/.test(k)
          // `{ price: $12,000 }`: in a flow mapping the comma ends the value and "000" becomes a key.
          ? `unknown key "${k}" (quote amounts with thousands separators inside { }: price: "$12,000")`
          : `unknown key "${k}"${suggestion(k, keys, 'allowed keys')}`).join('; ');
      }
      return undefined;
    },
  });
  return description ? schema.describe(description) : schema;
}

/** Runs a units/parse.ts parser inside zod, turning UnitError into an issue at this field. */
function parsed<T>(fn: (v: unknown) => T, json: Record<string, unknown>) {
  return withJsonSchema(z.unknown().transform((v, ctx): T => {
    if (v === undefined) {
      // Reported as a missing key, like zod's own required fields.
      ctx.addIssue({ code: 'invalid_type', expected: 'nonoptional', input: undefined });
      return z.NEVER;
    }
    try {
      return fn(v);
    } catch (err) {
      if (!(err instanceof UnitError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message, input: v });
      return z.NEVER;
    }
  }), json);
}

const unitString = (description: string, examples: string[]) =>
  ({ anyOf: [{ type: 'string' }, { const: 0 }], description, examples });

function nonNegative(n: number, what: string): number {
  if (n < 0) throw new UnitError(`${what} cannot be negative`);
  return n;
}
function positive(n: number, what: string): number {
  if (!(n > 0)) throw new UnitError(`${what} must be more than zero`);
  return n;
}

export interface FieldOptions extends QuantityLabel { allowZero?: boolean }

function sign(n: number, opts: FieldOptions, noun: string): number {
  return opts.allowZero ? nonNegative(n, noun) : positive(n, noun);
}

export const duration = (opts: FieldOptions = {}) => parsed((v) => sign(parseDurationSeconds(v, opts), opts, 'a duration'),
  unitString(`A duration, e.g. "${opts.example ?? '15 min'}" (s, min, h, d, days, weeks, months, years)`, [opts.example ?? '15 min']));
export const bytes = (opts: FieldOptions = {}) => parsed((v) => sign(parseBytes(v, opts), opts, 'a size'),
  unitString('A data size, e.g. "500 GB", "16 GiB", "2 TB" (B = byte, b = bit; kB/KB = 1000 B, KiB = 1024 B)', [opts.example ?? '500 GB']));
export const bytesPerSecond = (opts: FieldOptions = {}) => parsed((v) => sign(parseBytesPerSecond(v, opts), opts, 'a rate'),
  unitString('A data rate, e.g. "5 MB/s", "40 GB/day", "100 Mbit/s"', [opts.example ?? '5 MB/s']));
export const bitsPerSecond = (opts: FieldOptions = {}) => parsed((v) => sign(parseBitsPerSecond(v, opts), opts, 'a bandwidth'),
  unitString('A bandwidth, e.g. "100 Mbit/s", "1 Gbps", "10 MB/s"', [opts.example ?? '100 Mbit/s']));
export const meters = (opts: FieldOptions = {}) => parsed((v) => sign(parseMeters(v, opts), opts, 'a distance'),
  unitString('A distance, e.g. "400 km"', ['400 km']));
export const watts = (opts: FieldOptions = {}) => parsed((v) => sign(parseWatts(v, opts), opts, 'a power'),
  unitString('A power, e.g. "450 W"', ['450 W']));
export const ghz = () => parsed((v) => positive(parseGHz(v), 'a clock frequency'),
  { anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string' }], description: 'Clock in GHz (a number) or a frequency like "2600 MHz"' });
export const fraction = (opts: QuantityLabel = {}) => parsed((v) => parseFraction(v, opts),
  { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*%\\s*$' }], description: 'A fraction: 0.5 or "50%"' });
/** A multiplier of the scenario's own value: 0.5, 2, "50%", "200%" (sensitivity ranges). */
export const multiplier = () => parsed((v) => parseMultiplier(v),
  { anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*%\\s*$' }], description: "A multiplier of the scenario's own value: 0.5, 2, \"50%\" or \"200%\"" });
/** Events per year: `rate: 0.02/year` (or `1/50 years`, `0.5/month`). */
export const perYear = () => parsed((v) => parseEventsPerSecond(v) * 365.25 * 86400,
  unitString('A frequency of events, e.g. "0.02/year", "1/50 years", "0.001/h"', ['0.02/year']));

/** Money, in the scenario's currency (`ctx.currency`), optionally per a unit (see units.parseMoney). */
export const money = (ctx: { currency: string }, opts: Omit<MoneyOptions, 'currency'> = {}) =>
  parsed((v) => parseMoney(v, { ...opts, currency: ctx.currency }),
    { anyOf: [{ type: 'string' }, { type: 'number', minimum: 0 }], description: `Money, e.g. "$12,000", "€500", "12000 USD"${opts.per ? `; per ${opts.per}, e.g. "$1,000/${opts.per}"` : ''}` });

export const count = (min = 1, what = 'a whole number') => z.number({ error: (i) => i.input === undefined ? undefined : `expected ${what}, found ${describeInput(i.input)}` })
  .int({ error: (i) => `expected ${what}, found ${describeInput(i.input)}` })
  .min(min, { error: (i) => `must be at least ${min}, found ${describeInput(i.input)}` });

export const realNumber = (min: number, what = 'a number', exclusive = false) =>
  z.number({ error: (i) => i.input === undefined ? undefined : `expected ${what}, found ${describeInput(i.input)}` })
    .refine((n) => (exclusive ? n > min : n >= min), { error: (i) => `must be ${exclusive ? 'more than' : 'at least'} ${min}, found ${describeInput(i.input)}` });

export const name = (what = 'a name') => z.string({ error: (i) => i.input === undefined ? undefined : `expected ${what} (text), found ${describeInput(i.input)}` })
  .trim().min(1, { error: `${what} cannot be empty` })
  .max(MAX_NAME_LENGTH, { error: (i) => `${what} is too long: at most ${MAX_NAME_LENGTH} characters, found ${String((i.input as string).length)}` })
  .superRefine((text, ctx) => {
    const found = findControlChar(text);
    if (found !== null) ctx.addIssue({ code: 'custom', message: controlCharMessage(what, text, found), input: text });
    for (const m of text.matchAll(/\{i(?:\/\d+)?:0?(\d+)\}/g)) {
      if (Number(m[1]) > MAX_INDEX_WIDTH) ctx.addIssue({ code: 'custom', message: `${m[0]} pads the index to ${m[1]} digits; at most ${MAX_INDEX_WIDTH}`, input: text });
    }
  });

/** Free text (descriptions): several lines and tabs are fine, other control characters are not. */
export const freeText = () => z.string({ error: (i) => `expected text, found ${describeInput(i.input)}` })
  .superRefine((text, ctx) => {
    const found = findControlChar(text, true);
    if (found !== null) ctx.addIssue({ code: 'custom', message: controlCharMessage('the text', text, found).replace(' (names cannot', ' (text cannot'), input: text });
  });

/** A name or a list of names ("tier: 1" or "tier: [1, 2]"). */
export const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

export function describeInput(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (an empty value)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return describeNonFinite(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

/** A distribution with parameters in the given dimension: `3 min` or `{ lognormal: { median: 1 h, p95: 4 h } }`. */
export const distribution = (dim: Dim, opts: { allowZero?: boolean } = {}) =>
  withJsonSchema(z.unknown().transform((v, ctx): DistributionSpec => {
    if (v === undefined) {
      ctx.addIssue({ code: 'invalid_type', expected: 'nonoptional', input: undefined });
      return z.NEVER;
    }
    const r = parseDistributionInput(v, dim);
    if ('issues' in r) {
      for (const i of r.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path, input: v });
      return z.NEVER;
    }
    if (!opts.allowZero && r.spec.kind === 'deterministic' && r.spec.value === 0) {
      ctx.addIssue({ code: 'custom', message: 'must be more than zero', input: v });
      return z.NEVER;
    }
    return r.spec;
  }), definition(`distribution-${dim}`, () => distributionJsonSchema(dim)));

function distributionJsonSchema(dim: Dim): Record<string, unknown> {
  const p = dim === 'dimensionless' ? { type: 'number' } : { anyOf: [{ type: 'string' }, { const: 0 }] };
  const params = (...keys: string[]) => ({ type: 'object', properties: Object.fromEntries(keys.map((k) => [k, p])), required: keys, additionalProperties: false });
  const one = (kind: string, body: Record<string, unknown>) => ({ type: 'object', properties: { [kind]: body }, required: [kind], additionalProperties: false });
  return {
    description: `A fixed value${dim === 'dimensionless' ? '' : ' with a unit'} or a distribution: { lognormal: { median, p95 } }, { triangular: { min, mode, max } }, ...`,
    anyOf: [
      p,
      one('deterministic', p),
      one('uniform', params('min', 'max')),
      one('exponential', params('mean')),
      one('normal', { type: 'object', properties: { mean: p, sd: p, truncateAtZero: { type: 'boolean' } }, required: ['mean', 'sd'], additionalProperties: false }),
      one('lognormal', { anyOf: [params('median', 'p95'), params('mean', 'sd')] }),
      one('weibull', { type: 'object', properties: { shape: { type: 'number' }, scale: p }, required: ['shape', 'scale'], additionalProperties: false }),
      one('triangular', params('min', 'mode', 'max')),
      one('pert', params('min', 'mode', 'max')),
      one('empirical', { anyOf: [{ type: 'array', items: p }, { type: 'object', properties: { values: { type: 'array', items: p }, weights: { type: 'array', items: { type: 'number' } } }, required: ['values'], additionalProperties: false }] }),
      one('empiricalCdf', { type: 'array', items: { type: 'object', properties: { value: p, p: { type: 'number' } }, required: ['value', 'p'], additionalProperties: false } }),
    ],
  };
}

/** `disk: 80 GB` (provisioned = used), or `{ provisioned, used }`; either may be a distribution (template jitter). */
export const parsedDisk = () => withJsonSchema(z.unknown().transform((v, ctx): { provisioned: DistributionSpec; used: DistributionSpec | null } => {
  const isMap = typeof v === 'object' && v !== null && !Array.isArray(v);
  const keys = isMap ? Object.keys(v) : [];
  if (isMap && !(keys.length === 1 && DISTRIBUTION_KINDS.includes(keys[0]))) {
    const body = v as Record<string, unknown>;
    let ok = true;
    for (const k of keys) {
      if (k !== 'provisioned' && k !== 'used') {
        ctx.addIssue({ code: 'custom', message: `unknown key "${k}"${suggestion(k, ['provisioned', 'used'], 'allowed keys')}`, path: [k], input: v });
        ok = false;
      }
    }
    if (!('provisioned' in body)) {
      ctx.addIssue({ code: 'custom', message: 'missing required key "provisioned" (the disk size)', input: v });
      return z.NEVER;
    }
    const prov = parseDistributionInput(body.provisioned, 'dataSize');
    const used = body.used === undefined ? null : parseDistributionInput(body.used, 'dataSize');
    for (const [key, r] of [['provisioned', prov], ['used', used]] as const) {
      if (r && 'issues' in r) {
        ok = false;
        for (const i of r.issues) ctx.addIssue({ code: 'custom', message: i.message, path: [key, ...i.path], input: v });
      }
    }
    if (!ok || 'issues' in prov || (used && 'issues' in used)) return z.NEVER;
    return { provisioned: prov.spec, used: used ? used.spec : null };
  }
  const r = parseDistributionInput(v, 'dataSize');
  if ('issues' in r) {
    for (const i of r.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path, input: v });
    return z.NEVER;
  }
  return { provisioned: r.spec, used: null };
}), {
  description: 'Disk size ("80 GB": provisioned = used) or { provisioned, used }; each may be a distribution (drawn per VM)',
  anyOf: [definition('distribution-dataSize', () => distributionJsonSchema('dataSize')), {
    type: 'object', properties: { provisioned: definition('distribution-dataSize', () => distributionJsonSchema('dataSize')), used: definition('distribution-dataSize', () => distributionJsonSchema('dataSize')) },
    required: ['provisioned'], additionalProperties: false,
  }],
});

/** A time of day "HH:MM" → seconds after midnight. */
export const timeOfDay = () => parsed((v) => {
  const m = typeof v === 'string' ? /^\s*(\d{1,2}):(\d{2})\s*$/.exec(v) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new UnitError(`expected a time of day like "22:00", found ${describeInput(v)}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60;
}, { type: 'string', pattern: '^\\s*\\d{1,2}:\\d{2}\\s*$', description: 'Time of day, "HH:MM" (quote it)' });

/**
 * `{ 1 min: 95%, 1 h: 45%, 1 day: 25% }`: the fraction of writes over a window that hit distinct
 * blocks. Must not grow with the window (a longer window can only overwrite more).
 */
export const uniqueUpdateCurve = () => withJsonSchema(z.unknown().transform((v, ctx): { windowSeconds: number; uniqueFraction: number }[] => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    ctx.addIssue({ code: 'custom', message: `expected a mapping of window → fraction like { 15 min: 60%, 1 day: 25% }, found ${describeInput(v)}`, input: v });
    return z.NEVER;
  }
  const points: { windowSeconds: number; uniqueFraction: number; key: string }[] = [];
  for (const [key, value] of Object.entries(v)) {
    try {
      const windowSeconds = positive(parseDurationSeconds(key, { what: 'a window length', example: '15 min' }), 'a window');
      points.push({ windowSeconds, uniqueFraction: parseFraction(value), key });
    } catch (err) {
      if (!(err instanceof UnitError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message, path: [key], input: v });
    }
  }
  if (points.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'expected at least one window → fraction pair', input: v });
    return z.NEVER;
  }
  points.sort((a, b) => a.windowSeconds - b.windowSeconds);
  for (let i = 1; i < points.length; i++) {
    if (points[i].uniqueFraction > points[i - 1].uniqueFraction) {
      ctx.addIssue({ code: 'custom', path: [points[i].key], input: v,
        message: `the unique fraction cannot grow with the window: ${points[i].key} has ${points[i].uniqueFraction * 100}%, more than ${points[i - 1].key} (${points[i - 1].uniqueFraction * 100}%)` });
    }
  }
  return points.map(({ windowSeconds, uniqueFraction }) => ({ windowSeconds, uniqueFraction }));
}), { type: 'object', additionalProperties: { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'string' }] }, description: 'Window length → fraction of writes that are unique, e.g. { 15 min: 60%, 1 day: 25% }' });
