/**
 * Distributions as written in a scenario — `3 min`, or a one-key mapping such as
 * `{ lognormal: { median: 1 h, p95: 4 h } }` — into a DistributionSpec in internal units, validated
 * by the simulation's own makeDistribution so the file and the simulation agree on what is valid.
 */
import { DistributionError, makeDistribution, type DistributionSpec } from '../../sim/distributions.js';
import { describeNonFinite, parseBytes, parseDurationSeconds, UnitError } from '../units/parse.js';
import { suggestion } from './did-you-mean.js';

export type Dim = 'duration' | 'dataSize' | 'dimensionless';

export interface DistributionIssue { path: (string | number)[]; message: string }
export type DistributionResult = { spec: DistributionSpec } | { issues: DistributionIssue[] };

const PARAMS: Record<string, string[][]> = {
  deterministic: [['value']],
  uniform: [['min', 'max']],
  exponential: [['mean']],
  normal: [['mean', 'sd']],
  lognormal: [['median', 'p95'], ['mean', 'sd']],
  weibull: [['shape', 'scale']],
  triangular: [['min', 'mode', 'max']],
  pert: [['min', 'mode', 'max']],
  empirical: [['values']],
  empiricalCdf: [['points']],
};
const OPTIONAL: Record<string, string[]> = { normal: ['truncateAtZero'], empirical: ['weights'] };
export const DISTRIBUTION_KINDS = Object.keys(PARAMS);

class Issues extends Error {
  constructor(readonly issues: DistributionIssue[]) { super('distribution issues'); }
}

function fail(path: (string | number)[], message: string): never {
  throw new Issues([{ path, message }]);
}

function scalar(v: unknown, dim: Dim, path: (string | number)[], allowDimensionless = false): number {
  try {
    if (dim === 'dimensionless' || allowDimensionless) {
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      return fail(path, `expected a number, found ${typeof v === 'number' ? describeNonFinite(v) : JSON.stringify(v) ?? 'nothing'}`);
    }
    return dim === 'duration' ? parseDurationSeconds(v) : parseBytes(v);
  } catch (err) {
    if (err instanceof UnitError) fail(path, err.message);
    throw err;
  }
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function build(input: unknown, dim: Dim): DistributionSpec {
  if (!isMapping(input)) return { kind: 'deterministic', value: scalar(input, dim, []) };
  const keys = Object.keys(input);
  if (keys.length !== 1) {
    fail([], `expected a value or one distribution like { lognormal: { median: …, p95: … } }, found a mapping with ${keys.length === 0 ? 'no keys' : `keys ${keys.join(', ')}`}`);
  }
  const kind = keys[0];
  if (!(kind in PARAMS)) fail([kind], `unknown distribution "${kind}"${suggestion(kind, DISTRIBUTION_KINDS, 'known distributions')}`);
  const body = input[kind];
  if (kind === 'deterministic') return { kind, value: scalar(body, dim, [kind]) };
  if (kind === 'empirical' && Array.isArray(body)) return { kind, values: body.map((x, i) => scalar(x, dim, [kind, i])) };
  if (kind === 'empiricalCdf' && Array.isArray(body)) return { kind, points: cdfPoints(body, dim, [kind]) };
  if (!isMapping(body)) fail([kind], `expected the parameters of ${kind} (${PARAMS[kind].map((p) => p.join(', ')).join(' or ')}), found ${JSON.stringify(body) ?? 'nothing'}`);
  const present = Object.keys(body);
  const forms = PARAMS[kind];
  const allowed = [...new Set([...forms.flat(), ...(OPTIONAL[kind] ?? [])])];
  for (const k of present) if (!allowed.includes(k)) fail([kind, k], `unknown parameter "${k}" of ${kind}${suggestion(k, allowed, 'parameters')}`);
  const form = forms.find((f) => f.every((p) => p in body)) ?? forms[0];
  for (const p of form) if (!(p in body)) fail([kind], `${kind} needs ${form.join(', ')}; "${p}" is missing`);
  const at = (p: string) => [kind, p];
  switch (kind) {
    case 'uniform': return { kind, min: scalar(body.min, dim, at('min')), max: scalar(body.max, dim, at('max')) };
    case 'exponential': return { kind, mean: scalar(body.mean, dim, at('mean')) };
    case 'normal': {
      const t = body.truncateAtZero;
      if (t !== undefined && typeof t !== 'boolean') fail(at('truncateAtZero'), `expected true or false, found ${JSON.stringify(t)}`);
      // Negative durations and sizes are meaningless: truncate at zero unless told otherwise.
      return { kind, mean: scalar(body.mean, dim, at('mean')), sd: scalar(body.sd, dim, at('sd')), truncateAtZero: t ?? dim !== 'dimensionless' };
    }
    case 'lognormal':
      return form[0] === 'median'
        ? { kind, median: scalar(body.median, dim, at('median')), p95: scalar(body.p95, dim, at('p95')) }
        : { kind, mean: scalar(body.mean, dim, at('mean')), sd: scalar(body.sd, dim, at('sd')) };
    case 'weibull': return { kind, shape: scalar(body.shape, dim, at('shape'), true), scale: scalar(body.scale, dim, at('scale')) };
    case 'triangular':
    case 'pert':
      return { kind, min: scalar(body.min, dim, at('min')), mode: scalar(body.mode, dim, at('mode')), max: scalar(body.max, dim, at('max')) };
    case 'empirical': {
      if (!Array.isArray(body.values)) fail(at('values'), 'expected a list of values');
      const values = (body.values as unknown[]).map((x, i) => scalar(x, dim, [kind, 'values', i]));
      if (body.weights === undefined) return { kind, values };
      if (!Array.isArray(body.weights)) fail(at('weights'), 'expected a list of numbers');
      return { kind, values, weights: (body.weights as unknown[]).map((x, i) => scalar(x, 'dimensionless', [kind, 'weights', i])) };
    }
    default: {
      if (!Array.isArray(body.points)) fail(at('points'), 'expected a list of { value, p }');
      return { kind: 'empiricalCdf', points: cdfPoints(body.points as unknown[], dim, at('points')) };
    }
  }
}

function cdfPoints(list: unknown[], dim: Dim, path: (string | number)[]): { value: number; p: number }[] {
  return list.map((pt, i) => {
    if (!isMapping(pt)) fail([...path, i], 'expected { value, p }');
    for (const k of Object.keys(pt)) if (k !== 'value' && k !== 'p') fail([...path, i, k], `unknown key "${k}" (expected value and p)`);
    return { value: scalar(pt.value, dim, [...path, i, 'value']), p: scalar(pt.p, 'dimensionless', [...path, i, 'p']) };
  });
}

const UNIT_HINT: Record<Dim, string> = { duration: ' (seconds)', dataSize: ' (bytes)', dimensionless: '' };

export function parseDistributionInput(input: unknown, dim: Dim): DistributionResult {
  let spec: DistributionSpec;
  try {
    spec = build(input, dim);
  } catch (err) {
    if (err instanceof Issues) return { issues: err.issues };
    throw err;
  }
  try {
    const d = makeDistribution(spec);
    if (dim !== 'dimensionless' && d.quantile(0) < 0) {
      return { issues: [{ path: [], message: `${dim === 'duration' ? 'a duration' : 'a size'} cannot be negative, but this distribution can draw ${d.quantile(0)}${UNIT_HINT[dim]}` }] };
    }
  } catch (err) {
    if (!(err instanceof DistributionError)) throw err;
    const body = isMapping(input) ? input[spec.kind] : undefined;
    const path = isMapping(body) && err.parameter in body ? [spec.kind, err.parameter] : isMapping(input) ? [spec.kind] : [];
    const got = typeof err.got === 'number' ? `${err.got}${UNIT_HINT[dim]}` : JSON.stringify(err.got);
    return { issues: [{ path, message: `${spec.kind}.${err.parameter}: expected ${err.expected}, found ${got}` }] };
  }
  return { spec };
}
