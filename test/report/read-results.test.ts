import { describe, expect, test, beforeAll } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBomText, readResults, ResultsFileError } from '../../src/report/index.js';
import { jsonErrorPosition } from '../../src/report/json-error-position.js';
import { readCompactJson } from '../../src/report/compact-json-read.js';
import { makeResults } from './fixtures/make-results.js';
import { withSensitivity, type SensitivityResults } from '../../src/models/results.js';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'drsim-read-')); });

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function errorOf(fn: () => unknown): ResultsFileError {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(ResultsFileError); return e as ResultsFileError; }
  throw new Error('expected a ResultsFileError');
}

describe('readResults', () => {
  test('reads a valid results file', () => {
    const r = makeResults();
    const back = readResults(write('ok.json', JSON.stringify(r)));
    expect(back).toEqual(r);
  });
  test('a missing file says so and how to get one', () => {
    expect(errorOf(() => readResults(join(dir, 'nope.json'))).message).toMatch(/no such file.*drsim run/);
  });
  test('not JSON: line and column of the problem', () => {
    const e = errorOf(() => readResults(write('bad.json', '{\n  "a": 1,\n  "b": x\n}')));
    expect(e.message).toMatch(/not valid JSON at line 3, column 8/);
  });
  test('a YAML scenario passed by mistake is reported as not JSON', () => {
    expect(errorOf(() => readResults(write('s.yaml', 'name: bank\nvms: []\n'))).message).toMatch(/not valid JSON at line 1, column 2: Unexpected token 'a'/);
  });
  test('other JSON is not a drsim results file', () => {
    expect(errorOf(() => readResults(write('pkg.json', '{"name":"x"}'))).message).toMatch(/not a drsim results file/);
  });
  test('a results file from before the bill of materials (schema 2.1) is read, and its report says the BOM is missing', () => {
    const r = makeResults() as unknown as { schemaVersion: string; strategies: { billOfMaterials?: unknown }[] };
    r.schemaVersion = '2.1';
    for (const s of r.strategies) delete s.billOfMaterials;
    const read = readResults(write('old.json', JSON.stringify(r)));
    expect(formatBomText(read)).toContain('written before results schema 2.5');
  });

  test('a newer schema asks to upgrade', () => {
    const e = errorOf(() => readResults(write('v3.json', JSON.stringify({ ...makeResults(), schemaVersion: '3.0' }))));
    expect(e.message).toContain('written by a newer drsim (schema 3.0); this drsim reads 2.x');
    expect(e.message).toMatch(/upgrade/);
    expect(errorOf(() => readResults(write('v29.json', JSON.stringify({ ...makeResults(), schemaVersion: '2.9' })))).message).toMatch(/newer drsim \(schema 2\.9\)/);
    // 1.x summaries had no censoring (VMs not recovered were dropped): re-run rather than misread them.
    expect(errorOf(() => readResults(write('v1.json', JSON.stringify({ ...makeResults(), schemaVersion: '1.0' })))).message).toMatch(/older drsim \(schema 1\.0\).*re-run/);
  });
  test('a structurally corrupted file names the JSON path', () => {
    const r = makeResults() as unknown as { strategies: { summary: Record<string, unknown>; vms: Record<string, unknown>[] }[] };
    delete r.strategies[2]!.summary.rpoSeconds;
    expect(errorOf(() => readResults(write('c1.json', JSON.stringify(r)))).message).toMatch(/corrupted results file: strategies\[2\]\.summary\.rpoSeconds: expected an object, found nothing/);
    const r2 = makeResults() as unknown as { strategies: { vms: { rpoSeconds: { p95: unknown } }[] }[] };
    r2.strategies[1]!.vms[7]!.rpoSeconds.p95 = 'abc';
    expect(errorOf(() => readResults(write('c2.json', JSON.stringify(r2)))).message).toMatch(/strategies\[1\]\.vms\[7\]\.rpoSeconds\.p95: expected a number, found "abc"/);
    const r4 = makeResults() as unknown as { strategies: { billOfMaterials: { lines: Record<string, unknown>[] } }[] };
    r4.strategies[0]!.billOfMaterials.lines[1]!.perYear = '12 USD';
    expect(errorOf(() => readResults(write('c4.json', JSON.stringify(r4)))).message).toMatch(/strategies\[0\]\.billOfMaterials\.lines\[1\]\.perYear: expected a number, found "12 USD"/);
    const r3 = { ...makeResults(), strategies: [] };
    expect(errorOf(() => readResults(write('c3.json', JSON.stringify(r3)))).message).toMatch(/strategies: expected at least one strategy/);
  });
});

/** A hand-made sensitivity section: one input, one strategy, one crossing. */
function sensitivitySection(): SensitivityResults {
  return {
    scenario: { name: 'bank', file: 'bank.yaml', currency: 'USD' }, seed: 1, trials: 2,
    inputs: [{ input: 'siteDisasterRate', label: 'Site disaster rate', lowFactor: 0.5, highFactor: 1.5, stated: false, lowText: '0.025/year', baseText: '0.05/year', highText: '0.075/year', linear: true }],
    skipped: [{ input: 'hostFailureRate', label: 'Host failure rate', reason: 'no host failures in the model' }],
    strategies: [{
      id: 'tape', name: 'tape', base: { annualTotal: 2000, expectedAnnualPenalty: 1000, verdict: 'meets' },
      bars: [{ input: 'siteDisasterRate', annualTotal: { low: 1500, base: 2000, high: 2500 }, expectedAnnualPenalty: { low: 500, base: 1000, high: 1500 }, swing: 1000, verdict: { low: 'meets', base: 'meets', high: 'misses' }, flips: [{ check: 'overall', low: 'meets', base: 'meets', high: 'misses' }] }],
    }],
    breakEven: [{ input: 'siteDisasterRate', factor: 2.5, valueText: '0.125/year', cheaperBelow: 'tape', cheaperAbove: 'replication', annualTotalAtCrossing: 3500, changesCheapest: true, withinRange: false, exact: true }],
  };
}

describe('a sensitivity section (drsim run --sensitivity, schema 2.5)', () => {
  test('is read back as written', () => {
    const r = withSensitivity(makeResults(), sensitivitySection());
    expect(readResults(write('s-ok.json', JSON.stringify(r)))).toEqual(r);
  });
  test('an input that is not a name (it names a chart file) or a bar of an input not varied is refused with its JSON path', () => {
    const bad = sensitivitySection();
    bad.inputs[0]!.input = '../x';
    expect(errorOf(() => readResults(write('s-bad1.json', JSON.stringify(withSensitivity(makeResults(), bad))))).message)
      .toMatch(/sensitivity\.inputs\[0\]\.input: expected an input name of letters, found "\.\.\/x"/);
    const bad2 = sensitivitySection();
    bad2.strategies[0]!.bars[0]!.input = 'changeRate';
    expect(errorOf(() => readResults(write('s-bad2.json', JSON.stringify(withSensitivity(makeResults(), bad2))))).message)
      .toMatch(/sensitivity\.strategies\[0\]\.bars\[0\]\.input: expected one of the inputs \(siteDisasterRate\), found "changeRate"/);
    const bad3 = sensitivitySection() as unknown as { strategies: { bars: { annualTotal: { high: unknown } }[] }[] };
    bad3.strategies[0]!.bars[0]!.annualTotal.high = '2500';
    expect(errorOf(() => readResults(write('s-bad3.json', JSON.stringify(withSensitivity(makeResults(), bad3 as unknown as SensitivityResults))))).message)
      .toMatch(/sensitivity\.strategies\[0\]\.bars\[0\]\.annualTotal\.high: expected a number, found "2500"/);
  });
});

describe('results from elsewhere are not trusted (issue 17)', () => {
  test('a control character in any name is refused with its JSON path (it broke the SVG and Vega\'s parser)', () => {
    const r = makeResults() as unknown as { strategies: { name: string; vms: { name: string }[] }[] };
    r.strategies[0]!.vms[3]!.name = 'web\u001b[31m';
    expect(errorOf(() => readResults(write('ctl1.json', JSON.stringify(r)))).message)
      .toMatch(/strategies\[0\]\.vms\[3\]\.name: contains the control character U\+001B \(ESC\): "web\\u001B\[31m"/);
    const r2 = makeResults() as unknown as { strategies: { name: string }[] };
    r2.strategies[1]!.name = 'a\u2028b';
    expect(errorOf(() => readResults(write('ctl2.json', JSON.stringify(r2)))).message).toMatch(/strategies\[1\]\.name: contains the control character U\+2028/);
  });
  test('a strategy id that is not a slug (it names chart files: "../x" escaped the output directory) is refused', () => {
    for (const id of ['../../x', 'a/b', '', 'UPPER', 'x'.repeat(65)]) {
      const r = makeResults() as unknown as { strategies: { id: string }[] };
      r.strategies[0]!.id = id;
      expect(errorOf(() => readResults(write('id.json', JSON.stringify(r)))).message).toMatch(/strategies\[0\]\.id: expected an id of lower-case letters, digits and dashes/);
    }
  });
});

describe('jsonErrorPosition', () => {
  test('agrees with JSON.parse on valid and invalid texts', () => {
    const cases = ['{}', '[1, 2.5e3, -0.1, "a\\u00e9\\n", true, false, null]', '{"a": {"b": [1, {"c": "d"}]}}', '{"a": }', '[1,]', '"abc', '01', '{"a" 1}', '  ', 'tru', '[1] x'];
    for (const c of cases) {
      let valid = true;
      try { JSON.parse(c); } catch { valid = false; }
      expect(jsonErrorPosition(c) === null).toBe(valid);
    }
    expect(jsonErrorPosition('{"a": }')).toEqual({ offset: 6, line: 1, column: 7 });
  });
});

describe('readCompactJson', () => {
  test('drops whitespace between tokens only, keeping strings intact', () => {
    const texts = [
      '{"a b": "x \\" y  z", "c":[1, 2,\n 3]}',
      '{\n  "k": "line\\nnext  \\\\",\n  "é ü": ["  spaced  "]\n}\n',
      JSON.stringify(makeResults({ vms: 12, strategies: 2 }), null, 2),
    ];
    texts.forEach((t, i) => {
      const p = write(`compact-${i}.json`, t);
      expect(readCompactJson(p, 0)).toBe(JSON.stringify(JSON.parse(t)));
    });
  });
});

describe('a shard partial result given to drsim report', () => {
  test('says to merge the parts first', async () => {
    const { resultsFromJson } = await import('../../src/report/read-results.js');
    expect(() => resultsFromJson('p.json', { kind: 'drsim-partial-results', records: [] })).toThrow(/combine all the parts with `drsim merge/);
  });
});
