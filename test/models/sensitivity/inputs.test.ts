/**
 * The uncertain inputs: what each scales in the scenario (on a copy), the compression ratio's cap, and the
 * `sensitivity:` block's ranges refused with the file, line, field and what was expected.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatProblem, parseScenario, ScenarioError } from '../../../src/models/scenario/loader.js';
import { compressionAtRatioFactor } from '../../../src/models/protection/methods/method.js';
import { SENSITIVITY_INPUT_KEYS } from '../../../src/models/sensitivity/input-keys.js';
import { scenarioWithInput, SENSITIVITY_INPUTS } from '../../../src/models/sensitivity/inputs.js';
import { parseMultiplier } from '../../../src/models/units/parse.js';

const FIXTURE = fileURLToPath(new URL('../../experiment/fixtures/sensitivity.yaml', import.meta.url));
const TEXT = readFileSync(FIXTURE, 'utf8');
const load = (text = TEXT) => parseScenario(text, 'sens.yaml').scenario;

function problems(text: string): string[] {
  try {
    parseScenario(text, 'sens.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

/** The fixture with its sensitivity block replaced by `block` (YAML lines). */
const withBlock = (block: string) => TEXT.replace(/^sensitivity:[\s\S]*$/m, `sensitivity:\n${block}\n`);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the sensitivity: block', () => {
  test('ranges are read as multipliers: numbers or percentages', () => {
    expect(load().sensitivity).toEqual({ siteDisasterRate: { low: 0.25, high: 4 }, downtimeCost: { low: 0.5, high: 2 }, changeRate: { low: 1, high: 1 } });
    expect(parseMultiplier('150%')).toBe(1.5);
    expect(parseMultiplier(2)).toBe(2);
    expect(() => parseMultiplier('0%')).toThrow(/more than 0/);
    expect(() => parseMultiplier('lots')).toThrow(/expected a multiplier like "50%", "200%" or 2, found "lots"/);
  });

  test('a low above 100% or a high below 100% is refused at its line, naming the field and what is expected', () => {
    const text = withBlock('  downtimeCost: { low: 150%, high: 200% }\n  corruptionRate: { low: 50%, high: 80% }');
    const found = problems(text);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(new RegExp(`^sens\\.yaml:${lineOf(text, 'downtimeCost: { low: 150%')}:\\d+: sensitivity\\.downtimeCost\\.low: expected a multiplier at most 100% \\(the scenario's own value\\), found 150%$`));
    expect(found[1]).toMatch(new RegExp(`^sens\\.yaml:${lineOf(text, 'corruptionRate: { low')}:\\d+: sensitivity\\.corruptionRate\\.high: expected a multiplier at least 100% \\(the scenario's own value\\), found 80%$`));
  });

  test('zero, negative, unknown inputs and missing ends are refused with the field named', () => {
    expect(problems(withBlock('  downtimeCost: { low: 0, high: 2 }')).join('\n')).toMatch(/sens\.yaml:\d+:\d+: sensitivity\.downtimeCost\.low: expected a multiplier like .* more than 0, found 0/);
    expect(problems(withBlock('  downtimeCost: { low: -50%, high: 2 }')).join('\n')).toMatch(/sensitivity\.downtimeCost\.low: .*more than 0/);
    expect(problems(withBlock('  downtimeCosts: { low: 50%, high: 2 }')).join('\n')).toMatch(/sens\.yaml:\d+:\d+: sensitivity\.downtimeCosts: unknown key "downtimeCosts" \(did you mean "downtimeCost"\?\)/);
    expect(problems(withBlock('  downtimeCost: { low: 50% }')).join('\n')).toMatch(/sensitivity\.downtimeCost\.high/);
  });
});

describe('what each input scales', () => {
  const s = load();

  test('a copy is changed, never the scenario itself; a factor of 1 changes nothing', () => {
    const before = JSON.stringify(s);
    for (const key of SENSITIVITY_INPUT_KEYS) {
      expect(JSON.stringify(scenarioWithInput(s, key, 1))).toBe(before);
      scenarioWithInput(s, key, 3);
    }
    expect(JSON.stringify(s)).toBe(before);
  });

  test('rates, $/h, the unrecovered outage, change rate and declaration time are multiplied', () => {
    const x = (key: (typeof SENSITIVITY_INPUT_KEYS)[number]) => scenarioWithInput(s, key, 2);
    expect(x('siteDisasterRate').failures.siteDisaster!.perYear).toBeCloseTo(2 * s.failures.siteDisaster!.perYear, 15);
    expect(x('corruptionRate').failures.corruption.map((c) => c.perYear)).toEqual(s.failures.corruption.map((c) => 2 * c.perYear));
    expect(s.failures.corruption.length).toBeGreaterThan(0);
    expect(x('downtimeCost').applications.map((a) => a.downtime.perHour)).toEqual(s.applications.map(() => 10_000));
    expect(x('downtimeCost').applications.map((a) => a.dataLoss.perHour)).toEqual(s.applications.map((a) => a.dataLoss.perHour));
    expect(x('dataLossCost').applications.map((a) => a.dataLoss.perHour)).toEqual(s.applications.map((a) => 2 * a.dataLoss.perHour));
    expect(x('unrecoveredOutage').costs.unrecoveredOutageSeconds).toBe(2 * s.costs.unrecoveredOutageSeconds);
    expect(x('changeRate').workloads.map((w) => [w.averageWriteBytesPerSecond, w.peakWriteBytesPerSecond])).toEqual(s.workloads.map((w) => [2 * w.averageWriteBytesPerSecond, 2 * w.peakWriteBytesPerSecond]));
    // declaration: 1 h and 30 min (deterministic) → 2 h and 1 h.
    expect(x('declarationTime').strategies.map((st) => st.recovery.declarationSeconds)).toEqual([
      { kind: 'deterministic', value: 7200 }, { kind: 'deterministic', value: 3600 }, { kind: 'deterministic', value: 3600 },
    ]);
  });

  test('compression ratio: the compressed share is divided by the factor, and a ratio cannot fall below 1:1', () => {
    // 50% saved is 2:1; twice the ratio is 4:1 (75% saved); half of it is 1:1 (nothing saved), and less stays there.
    expect(compressionAtRatioFactor(0.5, 2)).toBe(0.75);
    expect(compressionAtRatioFactor(0.5, 0.5)).toBe(0);
    expect(compressionAtRatioFactor(0.4, 0.5)).toBe(0);
    expect(compressionAtRatioFactor(0.6, 1)).toBe(0.6);
    // Nothing compressed stays so: the scenario states no ratio to be uncertain about.
    expect(compressionAtRatioFactor(0, 2)).toBe(0);
    const c = scenarioWithInput(s, 'compressionRatio', 2);
    expect(c.workloads.map((w) => w.compression)).toEqual([0.75, 0]);
    // async: the tier-1 rule compresses 50% → 75%; CDP's default 50% → 75%; backup does not compress on its own.
    const methods = c.strategies.flatMap((st) => st.assignments.flatMap((a) => a.methods)).map((m) => [m.method, 'compression' in m ? m.compression : null]);
    expect(methods).toEqual(expect.arrayContaining([['async-replication', 0.75], ['cdp', 0.75], ['backup', null]]));
  });

  test('an input with nothing to scale says why', () => {
    expect(SENSITIVITY_INPUTS.hostFailureRate.notApplicable(s)).toMatch(/not in the failure model/);
    expect(SENSITIVITY_INPUTS.siteDisasterRate.notApplicable(s)).toBeNull();
  });
});
