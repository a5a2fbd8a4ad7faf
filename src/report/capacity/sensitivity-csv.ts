/**
 * `drsim sensitivity`'s tables as CSV: sensitivity.csv (one row per strategy × input, in tornado order) and
 * break-even.csv (one row per crossing). Column names carry units; money is in the scenario's currency.
 */
import type { SensitivityResults } from '../../models/results.js';
import { currencyTag } from '../../models/units/format.js';

export type CsvCell = string | number | boolean | null;

const round2 = (x: number) => Math.round(x * 100) / 100;

export function sensitivityRows(r: SensitivityResults): { columns: string[]; rows: CsvCell[][] } {
  const cur = currencyTag(r.scenario.currency).toLowerCase();
  const columns = [
    'strategy', 'input', 'low_multiplier', 'high_multiplier', 'low_value', 'base_value', 'high_value',
    `annual_total_low_${cur}`, `annual_total_base_${cur}`, `annual_total_high_${cur}`, `swing_${cur}`,
    `expected_annual_penalty_low_${cur}`, `expected_annual_penalty_base_${cur}`, `expected_annual_penalty_high_${cur}`,
    'verdict_low', 'verdict_base', 'verdict_high', 'verdict_changes',
  ];
  const byInput = new Map(r.inputs.map((i) => [i.input, i]));
  const rows = r.strategies.flatMap((s) => s.bars.map((b) => {
    const i = byInput.get(b.input)!;
    return [
      s.name, b.input, i.lowFactor, i.highFactor, i.lowText ?? '', i.baseText ?? '', i.highText ?? '',
      round2(b.annualTotal.low), round2(b.annualTotal.base), round2(b.annualTotal.high), round2(b.swing),
      round2(b.expectedAnnualPenalty.low), round2(b.expectedAnnualPenalty.base), round2(b.expectedAnnualPenalty.high),
      b.verdict.low, b.verdict.base, b.verdict.high,
      b.flips.map((f) => `${f.check}: ${f.low}/${f.base}/${f.high}`).join('; '),
    ];
  }));
  return { columns, rows };
}

export function breakEvenRows(r: SensitivityResults): { columns: string[]; rows: CsvCell[][] } {
  const cur = currencyTag(r.scenario.currency).toLowerCase();
  const columns = ['input', 'multiplier', 'value', 'cheaper_below', 'cheaper_above', `annual_total_at_crossing_${cur}`, 'changes_cheapest', 'within_range', 'exact'];
  const rows = r.breakEven.map((b) => [
    b.input, Number(b.factor.toPrecision(6)), b.valueText ?? '', b.cheaperBelow, b.cheaperAbove, round2(b.annualTotalAtCrossing), b.changesCheapest, b.withinRange, b.exact,
  ]);
  return { columns, rows };
}
