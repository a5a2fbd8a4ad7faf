import { describe, expect, test } from '@jest/globals';
import { strategyCost } from '../../../src/models/cost/strategy-cost.js';
import type { StoreNeed } from '../../../src/models/results.js';
import { scenario } from '../../support/scenario-builder.js';

function store(s: Partial<StoreNeed> & Pick<StoreNeed, 'store' | 'kind' | 'pricePerTB'>): StoreNeed {
  return { site: 'dr', replicaBytes: 0, snapshotBytes: 0, journalBytes: 0, backupMediaBytes: 0, capacityBytes: null, vmBytes: null, peakFillBytes: null, journalKeptFraction: null, ...s };
}

describe('strategy cost, computed by hand', () => {
  test('hosts, power, dev/test credit, storage, WAN, licences, courier and penalties', () => {
    const s = scenario();
    // DR site: two hosts of the test model ($10,000, 400 W, 4 years, 2 sockets); one runs dev/test worth $3,000/yr.
    s.hosts.push({ name: 'd2', model: 0, site: 1, cluster: 1, devTest: { cpuFraction: 0.5, ramFraction: 0.5, shutdownSeconds: { kind: 'deterministic', value: 300 }, valuePerYear: 3000 } });
    s.costs.powerPricePerKWh = 0.1;
    s.costs.vaultPerMonth = 50;
    s.costs.defaultAmortizationYears = 5;
    const strategy = s.strategies[0];
    strategy.assignments[0].methods = [{ method: 'backup', schedule: { kind: 'forever-incremental', incrementalEverySeconds: 86400 }, windowStartSeconds: 0, mode: 'proxy', target: 0, offsite: { kind: 'tape', shipEverySeconds: 7 * 86400, transitSeconds: 86400, costPerShipment: 100, pricePerTB: 0, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 }, retentionSeconds: 30 * 86400, agentCpuOverhead: 0, restoreStreams: 2, guestRebuildSeconds: 0 }];
    strategy.licences = { perVmPerYear: 200, perSocketPerYear: 50, perTBPerYear: 10 };
    const cost = strategyCost(s, strategy, {
      storage: {
        stores: [
          store({ store: 'dr-array', kind: 'array', replicaBytes: 2e12, pricePerTB: 300 }),
          store({ store: 'local-disk', kind: 'backup-target', backupMediaBytes: 4e12, pricePerTB: 50 }),
          // The offsite copy is paid where it sits too: tapes at $20/TB.
          store({ store: 'tapes', kind: 'media', backupMediaBytes: 4e12, pricePerTB: 20 }),
        ],
      },
      linksUsed: [0],
      expectedAnnualPenalty: 1234,
    });
    const annual = (category: string) => cost.items.filter((i) => i.category === category).reduce((a, i) => a + i.annual, 0);
    // Hosts: 2 × $10,000 capex, amortized over 4 years → $5,000/yr.
    expect(annual('hosts')).toBeCloseTo(5000, 6);
    // Power: 2 × 400 W × 8,766 h = 7,012.8 kWh × $0.10.
    expect(annual('power')).toBeCloseTo(701.28, 6);
    expect(annual('dev-test-credit')).toBeCloseTo(-3000, 6);
    // Storage: replica 2 TB × $300/TB (its array) = $600; media 4 TB × $50 (the backup target) = $200 and its
    // offsite copy 4 TB × $20 (the tapes) = $80; capex $880 over 5 years.
    expect(annual('storage')).toBeCloseTo(176, 6);
    expect(cost.items.filter((i) => i.category === 'storage').map((i) => i.item)).toEqual(['replica capacity on dr-array', 'backup media on local-disk', 'backup media on tapes']);
    // WAN: $1,000/month.
    expect(annual('wan')).toBeCloseTo(12000, 6);
    // Licences: 1 VM × $200; primary-site hosts p1 (2 sockets) × $50; 0.05 TB used × $10.
    expect(annual('licences')).toBeCloseTo(200 + 100 + 0.5, 6);
    // Courier: 365.25 / 7 shipments × $100, plus the vault at $50/month.
    expect(annual('courier')).toBeCloseTo((365.25 / 7) * 100 + 600, 6);
    expect(cost.capex).toBeCloseTo(20000 + 880, 6);
    expect(cost.annualCapex).toBeCloseTo(5000 + 176, 6);
    expect(cost.annualOpex).toBeCloseTo(701.28 - 3000 + 12000 + 300.5 + (365.25 / 7) * 100 + 600, 6);
    expect(cost.expectedAnnualPenalty).toBe(1234);
    expect(cost.annualTotal).toBeCloseTo(cost.annualCapex + cost.annualOpex + 1234, 6);
  });
});
