/**
 * Issue 17, "resource exhaustion": `count: 10000000` expanded ten million VMs and V8 ran out of memory a
 * minute later (exit 134). Templates, host counts, name lengths and index padding are checked before
 * anything is expanded, and refused like any other problem, unless --allow-large raises the limits.
 */
import { describe, expect, test } from '@jest/globals';
import { DEFAULT_MAX_VMS, scenarioLimits } from '../../../src/models/scenario/limits.js';
import { parseScenario, ScenarioError, type ScenarioProblem } from '../../../src/models/scenario/loader.js';
import { edit, MINIMAL } from '../../support/scenario-helpers.js';

const template = (count: string, name = 'v-{i}') => edit({ 24: `  - { template: "${name}", count: ${count}, vcpus: 2, ram: 8 GiB, disk: 50 GB }` });

function problems(text: string, allowLarge = false): ScenarioProblem[] {
  try {
    parseScenario(text, 't.yaml', { allowLarge });
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

describe('expansion limits', () => {
  test('count: 10000000 is refused during resolution, naming the template and the totals', () => {
    const p = problems(template('10000000'));
    expect(p.map((x) => `${x.line}:${x.column}: ${x.path}: ${x.message}`)).toEqual([
      `24:33: vms[1].count: template "v-{i}" makes 10,000,000 VMs, 10,000,001 in the scenario: above the limit of ${DEFAULT_MAX_VMS.toLocaleString('en-US')} (--allow-large raises it)`,
    ]);
  });

  test('--allow-large raises the limit to what the heap can hold, but never to 10^12', () => {
    expect(scenarioLimits(true).maxVms).toBeGreaterThan(DEFAULT_MAX_VMS);
    const p = problems(template('1000000000000'), true);
    expect(p.map((x) => x.message)).toEqual([expect.stringMatching(/makes 1,000,000,000,000 VMs.*above the limit of [\d,]+ \(what this process's memory can hold\)/)]);
  });

  test('host counts too', () => {
    const p = problems(edit({ 11: '  - { model: std, cluster: prod, count: 50000000 }' }));
    expect(p.map((x) => `${x.path}: ${x.message}`)).toEqual([expect.stringMatching(/^hosts\[0\]\.count: entry 1 makes 50,000,000 hosts, 50,000,001 in the scenario: above the limit of 100,000/)]);
  });

  test('names longer than 255 characters and index padding wider than 20 digits are refused', () => {
    expect(problems(template('3', `${'x'.repeat(300)}-{i}`)).map((x) => x.message)).toEqual([expect.stringMatching(/name pattern like .* is too long: at most 255 characters, found 304/)]);
    expect(problems(template('3', 'v-{i:0999999}')).map((x) => x.message)).toEqual([expect.stringMatching(/\{i:0999999\} pads the index to 999999 digits; at most 20/)]);
  });

  test('a large but reasonable template still loads', () => {
    expect(problems(template('20000'))).toEqual([]);
    expect(problems(MINIMAL)).toEqual([]);
  });
});
