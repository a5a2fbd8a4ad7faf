/**
 * Issue 17, "bounds": the annualized view multiplies failure rates by consequences, so frequent failures
 * with long recoveries (or VMs never recovered, counted as 7 days down) gave more downtime per VM than a
 * year has hours. A VM cannot be down more than 8,766 h (365.25 days) a year: the figure is capped per VM,
 * the penalty follows the capped hours, and the strategy is flagged.
 */
import { describe, expect, test } from '@jest/globals';
import { aggregate } from '../../src/experiment/aggregate.js';
import { planTrials, runTrial } from '../../src/experiment/trial.js';
import { HOURS_PER_YEAR, NOT_RECOVERED_HOURS } from '../../src/models/cost/penalties.js';
import { scenario, vm } from '../support/scenario-builder.js';

function run(perYear: number, vms = 3) {
  // Unprotected VMs are never recovered: each site disaster counts NOT_RECOVERED_HOURS of downtime per VM.
  const sc = scenario({ vms: Array.from({ length: vms }, (_, i) => vm(`v${i}`, { downtimeCostPerHour: 100, dataLossCostPerHour: 0 })) });
  sc.failures.siteDisaster!.perYear = perYear;
  return aggregate(sc, [runTrial(planTrials(sc), 0)], { scenarioFile: 'x', version: '' }).strategies[0]!;
}

describe('annualized downtime is bounded by the hours of a year', () => {
  test('at 100 site disasters a year, 3 unrecovered VMs are down at most 3 × 8,766 h, and the penalty follows', () => {
    const s = run(100);
    expect(HOURS_PER_YEAR).toBe(8766);
    expect(100 * NOT_RECOVERED_HOURS).toBeGreaterThan(HOURS_PER_YEAR); // uncapped: 16,800 h per VM
    expect(s.summary.expectedDowntimeHoursPerYear).toBe(3 * HOURS_PER_YEAR);
    const site = s.failures.find((f) => f.kind === 'site-disaster')!;
    expect(site.expectedDowntimeHoursPerYear).toBe(3 * HOURS_PER_YEAR);
    expect(site.expectedPenaltyPerYear).toBe(3 * HOURS_PER_YEAR * 100);
    expect(s.cost.expectedAnnualPenalty).toBe(3 * HOURS_PER_YEAR * 100);
    expect(s.flags).toContainEqual(expect.stringMatching(/^annualized downtime capped at 8,766 h a year for 3 VMs/));
  });

  test('below the bound nothing changes and nothing is flagged', () => {
    const s = run(1);
    expect(s.summary.expectedDowntimeHoursPerYear).toBe(3 * NOT_RECOVERED_HOURS);
    expect(s.flags.some((f) => f.startsWith('annualized downtime capped'))).toBe(false);
  });
});
