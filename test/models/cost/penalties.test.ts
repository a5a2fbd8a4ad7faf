/**
 * The price of production slowed by throttled writes (cost/penalties.ts productionThrottleCost): each
 * application slowed pays once, at the highest slowdown cost of its VMs; a VM without one is charged 30%
 * of its application's downtime cost (cost/slowdown.ts: a partial outage, not an outage).
 */
import { describe, expect, test } from '@jest/globals';
import { productionThrottleCost } from '../../../src/models/cost/penalties.js';
import { SLOWDOWN_SHARE_OF_DOWNTIME } from '../../../src/models/cost/slowdown.js';
import { load, MINIMAL } from '../../support/scenario-helpers.js';

const HOUR = 3600;

/** The minimal scenario with db and app in one application, tier 1 at $25,000/h down, and `extra` lines appended. */
function scenarioWith(application: string, vmExtra = ''): ReturnType<typeof load>['scenario'] {
  const text = MINIMAL
    .replace('  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB }', `  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, tier: 1, app: pay${vmExtra} }`)
    .replace('  - { name: app, vcpus: 2, ram: 8 GiB, disk: 50 GB, dependsOn: [db] }', '  - { name: app, vcpus: 2, ram: 8 GiB, disk: 50 GB, dependsOn: [db], tier: 1, app: pay }')
    + 'tiers:\n  - { tier: 1, downtimeCost: "$25,000/h" }\n'
    + `applications:\n  - ${application}\n`;
  return load(text).scenario;
}

describe('production slowed by throttled writes', () => {
  test('the default is a documented 30% of downtime', () => {
    expect(SLOWDOWN_SHARE_OF_DOWNTIME).toBe(0.3);
  });

  test('unset, an hour held back costs 30% of the application\'s own downtime cost — not its VMs\' tier rate', () => {
    // The application says $12,000/h down (its VMs' tier says $25,000/h): 2 h held back cost 2 × 0.3 × 12,000 = $7,200, once for two VMs.
    const s = scenarioWith('{ name: pay, downtimeCost: "$12,000/h" }');
    expect(s.vms.map((v) => v.slowdownCostPerHour)).toEqual([null, null]);
    const slowed = productionThrottleCost(s, [0, 1], 2 * HOUR);
    expect(slowed.vmSeconds).toBe(2 * 2 * HOUR);
    expect(slowed.byApplication).toEqual([{ application: 0, cost: expect.closeTo(7200, 6) }]);
  });

  test('without an application rate, 30% of the highest downtime cost of its VMs (the application\'s default)', () => {
    // pay takes its tier's $25,000/h: 2 h × 0.3 × 25,000 = $15,000.
    const s = scenarioWith('{ name: pay }');
    expect(productionThrottleCost(s, [0, 1], 2 * HOUR).byApplication[0].cost).toBeCloseTo(15000, 6);
  });

  test('a slowdownCost given on a VM is used as given (the highest of the application\'s VMs)', () => {
    // db says $40,000/h slowed: 2 h × 40,000 = $80,000 (above app's default of 0.3 × 12,000).
    const s = scenarioWith('{ name: pay, downtimeCost: "$12,000/h" }', ', slowdownCost: "$40,000/h"');
    expect(s.vms[0].slowdownCostPerHour).toBe(40000);
    expect(productionThrottleCost(s, [0, 1], 2 * HOUR).byApplication[0].cost).toBeCloseTo(80000, 6);
  });
});
