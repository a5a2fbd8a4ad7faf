/**
 * Issue 17, "bounds": the annualized view multiplies failure rates by consequences, so frequent failures
 * with long recoveries (or applications never recovered, counted as costs.unrecoveredOutage down) gave more
 * downtime per application than a year has hours. An application cannot be down more than 8,766 h (365.25
 * days) a year: the figure is capped per application, the penalty follows the capped hours, and the
 * strategy is flagged.
 */
import { describe, expect, test } from '@jest/globals';
import { aggregate } from '../../src/experiment/aggregate.js';
import { planTrials, runTrial } from '../../src/experiment/trial.js';
import { HOURS_PER_YEAR } from '../../src/models/cost/penalties.js';
import { applicationsOfVms } from '../../src/models/scenario/resolvers/applications.js';
import { scenario, vm } from '../support/scenario-builder.js';

const UNRECOVERED_HOURS = 7 * 24; // the builder's costs.unrecoveredOutage: 7 days

function run(perYear: number, opts: { vms?: number; app?: string | null } = {}) {
  // Unprotected VMs are never recovered: each site disaster counts UNRECOVERED_HOURS down per application.
  const vms = Array.from({ length: opts.vms ?? 3 }, (_, i) => vm(`v${i}`, { downtimeCostPerHour: 100, dataLossCostPerHour: 0, app: opts.app ?? null }));
  const sc = scenario({ vms });
  sc.applications = applicationsOfVms(vms);
  sc.failures.siteDisaster!.perYear = perYear;
  return aggregate(sc, [runTrial(planTrials(sc), 0)], { scenarioFile: 'x', version: '' }).strategies[0]!;
}

describe('annualized downtime is bounded by the hours of a year', () => {
  test('at 100 site disasters a year, 3 unrecovered VMs (each its own application) are down at most 3 × 8,766 h, and the penalty follows', () => {
    const s = run(100);
    expect(HOURS_PER_YEAR).toBe(8766);
    expect(100 * UNRECOVERED_HOURS).toBeGreaterThan(HOURS_PER_YEAR); // uncapped: 16,800 h per application
    expect(s.summary.expectedDowntimeHoursPerYear).toBe(3 * HOURS_PER_YEAR);
    const site = s.failures.find((f) => f.kind === 'site-disaster')!;
    expect(site.expectedDowntimeHoursPerYear).toBe(3 * HOURS_PER_YEAR);
    expect(site.expectedPenaltyPerYear).toBe(3 * HOURS_PER_YEAR * 100);
    expect(s.cost.expectedAnnualPenalty).toBe(3 * HOURS_PER_YEAR * 100);
    expect(s.flags).toContainEqual(expect.stringMatching(/^annualized downtime capped at 8,766 h a year for 3 applications/));
  });

  test('one named application of 3 VMs is one outage: capped once, at its own rate', () => {
    const s = run(100, { app: 'erp' });
    expect(s.summary.expectedDowntimeHoursPerYear).toBe(HOURS_PER_YEAR);
    expect(s.cost.expectedAnnualPenalty).toBe(HOURS_PER_YEAR * 100);
    expect(s.applications.find((a) => a.name === 'erp')!.expectedPenaltyPerYear).toBe(HOURS_PER_YEAR * 100);
    expect(s.flags).toContainEqual(expect.stringMatching(/for 1 application:/));
  });

  test('below the bound nothing changes and nothing is flagged', () => {
    const s = run(1);
    expect(s.summary.expectedDowntimeHoursPerYear).toBe(3 * UNRECOVERED_HOURS);
    expect(s.flags.some((f) => f.startsWith('annualized downtime capped'))).toBe(false);
  });
});
