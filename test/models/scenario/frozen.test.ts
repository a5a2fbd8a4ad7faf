import { describe, expect, test } from '@jest/globals';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import { freezeScenario } from '../../../src/models/scenario/frozen.js';
import { scenarioIndex } from '../../../src/models/recovery/scenario-index.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { scenario, vm } from '../../support/scenario-builder.js';

describe('a scenario is read-only once the simulation has seen it', () => {
  test('simulateProtection and the recovery index freeze it deeply: a later change throws instead of leaving caches stale', () => {
    for (const firstUse of [
      (s: ReturnType<typeof scenario>) => simulateProtection({ scenario: s, strategy: s.strategies[0], streams: new RandomStreams(1), trial: 0, linkOutages: [[]] }),
      (s: ReturnType<typeof scenario>) => scenarioIndex(s).vmsAtSite(0),
    ]) {
      const s = scenario({ vms: [vm('a'), vm('b')] });
      s.vms[0].ramBytes = 2 ** 30; // before: fine
      firstUse(s);
      expect(() => { s.vms[0].ramBytes = 2 ** 31; }).toThrow(TypeError);
      expect(() => { s.clusters[1].cpuOvercommit = 2; }).toThrow(TypeError);
      expect(() => { s.vms.push(vm('c')); }).toThrow(TypeError);
      expect(() => { (s.vms[0].bootSeconds as { value: number }).value = 1; }).toThrow(TypeError);
      // A copy is a new scenario, free to change.
      const copy = structuredClone(s);
      copy.vms[0].ramBytes = 2 ** 31;
      expect(copy.vms[0].ramBytes).toBe(2 ** 31);
    }
  });

  test('freezing is idempotent and returns the same object', () => {
    const s = scenario();
    expect(freezeScenario(freezeScenario(s))).toBe(s);
    expect(Object.isFrozen(s.workloads[0].weeklyProfile)).toBe(true);
  });
});
