/**
 * sensitivity.xlsx: the sensitivity tables as a workbook for budget sheets — a "Sensitivity" sheet (one
 * row per strategy × input, in tornado order) and a "Break-even" sheet — with typed cells and units in the
 * headers, written by the run report's workbook writer (xlsx/workbook.ts).
 */
import type { SensitivityResults } from '../../models/results.js';
import type { SheetTable } from '../xlsx/table.js';

export function sensitivitySheets(r: SensitivityResults): SheetTable[] {
  const cur = r.scenario.currency;
  const byInput = new Map(r.inputs.map((i) => [i.input, i]));
  const sensitivity: SheetTable = {
    name: 'Sensitivity',
    preamble: [`What drives the annual total of each strategy (${r.scenario.name}): each input at its low and high value, the others as stated; ${r.trials} trials, seed ${r.seed}, in every run (common random numbers).`],
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'Input', kind: 'text' },
      { header: 'Low (multiple of the stated value)', kind: 'fraction' }, { header: 'High (multiple of the stated value)', kind: 'fraction' },
      { header: 'Low value', kind: 'text' }, { header: 'Stated value', kind: 'text' }, { header: 'High value', kind: 'text' },
      { header: `Annual total at low (${cur})`, kind: 'money' }, { header: `Annual total as stated (${cur})`, kind: 'money' }, { header: `Annual total at high (${cur})`, kind: 'money' },
      { header: `Swing (${cur})`, kind: 'money' },
      { header: `Expected penalties at low (${cur} per year)`, kind: 'money' }, { header: `Expected penalties at high (${cur} per year)`, kind: 'money' },
      { header: 'Verdict at low', kind: 'text' }, { header: 'Verdict as stated', kind: 'text' }, { header: 'Verdict at high', kind: 'text' },
      { header: 'Checks that change', kind: 'prose' },
    ],
    rows: () => r.strategies.flatMap((s) => s.bars.map((b) => {
      const i = byInput.get(b.input)!;
      return [
        s.name, i.label, i.lowFactor, i.highFactor, i.lowText, i.baseText, i.highText,
        b.annualTotal.low, b.annualTotal.base, b.annualTotal.high, b.swing, b.expectedAnnualPenalty.low, b.expectedAnnualPenalty.high,
        b.verdict.low, b.verdict.base, b.verdict.high, b.flips.map((f) => `${f.check}: ${f.low} / ${f.base} / ${f.high}`).join('; ') || null,
      ];
    })),
  };
  const breakEven: SheetTable = {
    name: 'Break-even',
    preamble: ['Where two strategies cost the same as one linear input (a failure rate, a cost per hour) varies: each total = outlays + rate × consequence.'],
    columns: [
      { header: 'Input', kind: 'text' }, { header: 'At (multiple of the stated value)', kind: 'fraction' }, { header: 'At (value)', kind: 'text' },
      { header: 'Cheaper below', kind: 'text' }, { header: 'Cheaper above', kind: 'text' }, { header: `Annual total there (${cur})`, kind: 'money' },
      { header: 'Cheapest strategy changes', kind: 'boolean' }, { header: 'Within the range studied', kind: 'boolean' }, { header: 'Exact', kind: 'boolean' },
    ],
    rows: () => r.breakEven.map((b) => [
      byInput.get(b.input)!.label, b.factor, b.valueText, b.cheaperBelow, b.cheaperAbove, b.annualTotalAtCrossing, b.changesCheapest, b.withinRange, b.exact,
    ]),
  };
  return [sensitivity, breakEven];
}
