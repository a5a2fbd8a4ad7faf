/** report.html's Ransomware section: what each strategy buys, from the results' ransomware fields. */
import { describe, expect, test } from '@jest/globals';
import { ransomwareHtml } from '../../src/report/html-ransomware.js';
import type { RansomwareLimit, StrategyResult } from '../../src/models/results.js';
import { RANSOMWARE_LIMITS } from '../../src/models/results.js';
import { makeResults } from './fixtures/make-results.js';
import { ransomwareResults } from './fixtures/ransomware-results.js';

const limits = (main: RansomwareLimit, share: number): Record<RansomwareLimit, number> =>
  Object.fromEntries(RANSOMWARE_LIMITS.map((l) => [l, l === main ? share : l === 'restore' ? 1 - share : 0])) as Record<RansomwareLimit, number>;

function withAttack(s: StrategyResult, cleanPointExists: number, main: RansomwareLimit): void {
  const headline = s.failures.find((f) => f.kind === 'site-disaster')!;
  s.failures.push({ ...headline, kind: 'ransomware' });
  s.ransomware = {
    eventsPerYear: 0.05, cleanPoint: 'before-compromise', cleanPointExists, reinfected: 0, limitedBy: limits(main, 0.75),
    protectionCostPerYear: { copies: 9000, cleanRoom: 30000 }, expectedPenaltyPerYear: 1234, applications: [],
  };
}

describe('report.html ransomware section', () => {
  test('absent without an attack; with one, a sentence and a row per strategy', () => {
    const r = makeResults({ vms: 12, strategies: 2 });
    expect(ransomwareHtml(r)).toBe('');
    withAttack(r.strategies[0], 0, 'sign-off');
    withAttack(r.strategies[1], 0.5, 'clean-room');
    const html = ransomwareHtml(r);
    expect(html).toContain('<section id="ransomware">');
    expect(html).toContain('no clean point survives');
    expect(html).toContain('a clean point survives for 50% of the VMs');
    expect(html).toContain('clean-room capacity (75%)');
    expect(html).toContain('39,000 USD');
  });

  test('an application with a policy of its own says so (schema 2.7); one on the scenario\'s does not', () => {
    const r = ransomwareResults();
    const html = ransomwareHtml(r);
    // A policy belongs to the scenario, the same under every strategy: the list reads the first strategy's (before-compromise, as the scenario's).
    expect(html).toContain('<strong>orders</strong><ul>');
    r.strategies[0]!.ransomware!.applications[0]!.cleanPoint = 'before-encryption';
    expect(ransomwareHtml(r)).toContain('<strong>orders</strong> (its own policy: from before the encryption, cleaned)<ul>');
  });
});
