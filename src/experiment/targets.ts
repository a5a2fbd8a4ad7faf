/**
 * Targets for sizing: `METRIC OP VALUE`, e.g. "rpo.p95 <= 15 min", "rtoTargetMet >= 95%",
 * "cost.annualTotal < $1.2M", "wan.wan.p95 <= 800 Mbit/s". The value is read in the metric's units
 * (src/models/units/parse.ts), so "15 min" and "900 s" are the same target.
 */
import { parseBitsPerSecond, parseBytes, parseDurationSeconds, parseFraction, parseMoney, UnitError } from '../models/units/parse.js';
import { formatMetric, MetricError, parseMetric, type MetricContext, type MetricDef } from './metrics.js';
import type { StrategyResult } from '../models/results.js';

export type TargetOp = '<=' | '<' | '>=' | '>';

export interface Target {
  text: string;
  metric: MetricDef;
  op: TargetOp;
  value: number;
}

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

const TARGET_RE = /^\s*([A-Za-z][\w.-]*)\s*(<=|>=|<|>|≤|≥|=<|=>)\s*(.+?)\s*$/;

export function parseTarget(text: string, ctx: MetricContext & { currency: string }): Target {
  const m = TARGET_RE.exec(text);
  if (!m) throw new TargetError(`--target "${text}": expected METRIC OP VALUE, e.g. "rpo.p95 <= 15 min" or "rtoTargetMet >= 95%" (OP is <=, <, >= or >)`);
  let metric: MetricDef;
  try {
    metric = parseMetric(m[1], ctx);
  } catch (err) {
    if (err instanceof MetricError) throw new TargetError(`--target "${text}": ${err.message}`);
    throw err;
  }
  const op = ({ '≤': '<=', '≥': '>=', '=<': '<=', '=>': '>=' } as Record<string, TargetOp>)[m[2]] ?? (m[2] as TargetOp);
  let value: number;
  try {
    value = parseTargetValue(metric, m[3], ctx.currency);
  } catch (err) {
    if (err instanceof UnitError) throw new TargetError(`--target "${text}": ${metric.id} ${err.message}`);
    throw err;
  }
  return { text: `${metric.id} ${op} ${formatMetric(metric.kind, value, ctx.currency)}`, metric, op, value };
}

function parseTargetValue(metric: MetricDef, raw: string, currency: string): number {
  switch (metric.kind) {
    case 'duration': return parseDurationSeconds(raw);
    case 'fraction': return parseFraction(raw);
    case 'money': return parseMoney(raw, { currency });
    case 'bitsPerSecond': return parseBitsPerSecond(raw);
    case 'bytes': return parseBytes(raw);
    case 'number': {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new UnitError(`expected a number, found "${raw}"`);
      return n;
    }
  }
}

export function holds(target: Target, value: number): boolean {
  if (Number.isNaN(value)) return false;
  switch (target.op) {
    case '<=': return value <= target.value;
    case '<': return value < target.value;
    case '>=': return value >= target.value;
    case '>': return value > target.value;
  }
}

/** How far the value is on the good side of the target (negative: missed), in the metric's units. */
export function margin(target: Target, value: number): number {
  return target.op === '<=' || target.op === '<' ? target.value - value : value - target.value;
}

/** Margin relative to the target's size, comparable across targets (for choosing the better end of a range). */
export function relativeMargin(target: Target, value: number): number {
  return margin(target, value) / Math.max(Math.abs(target.value), 1e-9);
}

export function allHold(targets: Target[], s: StrategyResult): boolean {
  return targets.every((t) => holds(t, t.metric.value(s)));
}
