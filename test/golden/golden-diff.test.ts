import { describe, expect, test } from '@jest/globals';
import { describeChanges, diffGolden, formatChange } from './golden-diff.js';
import { formatGolden } from './golden-form.js';

const golden = () => ({
  trials: 8,
  strategies: [
    { name: 'async', summary: { rpoSeconds: { mean: 2160, p95: 3600 }, byTier: [{ tier: 1, rpoTargetMet: 0.5 }, { tier: 2, rpoTargetMet: 1 }] }, failures: [{ kind: 'site-disaster', expectedPenaltyPerYear: 100 }], cost: { items: [{ category: 'wan', item: 'wan link', annual: 12000 }] }, vmRows: { web1: [1, 10, 20, 30, 40, 50, 60, 1, 1, 0] } as Record<string, number[]>, flags: [] },
    { name: 'cdp', summary: { rpoSeconds: { mean: 5, p95: 9 }, byTier: [] }, failures: [], cost: { items: [] }, vmRows: {} as Record<string, number[]>, flags: [] as string[] },
  ],
});

describe('golden diff', () => {
  test('identical results have no changes', () => {
    expect(diffGolden(golden(), golden())).toEqual([]);
  });

  test('names the strategy, tier, failure kind, cost item and VM field that moved, old → new', () => {
    const after = golden();
    after.strategies[0].summary.rpoSeconds.p95 = 3960;
    after.strategies[0].summary.byTier[1].rpoTargetMet = 0.75;
    after.strategies[0].failures[0].expectedPenaltyPerYear = 150;
    after.strategies[0].cost.items[0].annual = 6000;
    after.strategies[0].vmRows.web1![4] = 44;
    const lines = diffGolden(golden(), after).map(formatChange);
    expect(lines).toEqual([
      'strategy "async" › summary.rpoSeconds.p95: 3,600 → 3,960 (+10.0%)',
      'strategy "async" › summary.byTier[2] › rpoTargetMet: 1 → 0.75 (-25.0%)',
      'strategy "async" › failures[site-disaster] › expectedPenaltyPerYear: 100 → 150 (+50.0%)',
      'strategy "async" › cost.items[wan: wan link] › annual: 12,000 → 6,000 (-50.0%)',
      'strategy "async" › VM web1 › rto.mean: 40 → 44 (+10.0%)',
    ]);
  });

  test('matches strategies by name, so a reordering or an addition is not a change of every later one', () => {
    const after = golden();
    after.strategies.reverse();
    expect(diffGolden(golden(), after)).toEqual([]);
    const added = golden();
    added.strategies.splice(1, 0, { ...structuredClone(added.strategies[1]), name: 'sync' });
    expect(diffGolden(golden(), added).map((c) => c.path)).toEqual(['strategy "sync"']);
  });

  test('a flag appearing and a list changing length are reported as the whole list', () => {
    const after = golden();
    (after.strategies[1].flags as string[]).push('not sustainable');
    expect(diffGolden(golden(), after).map(formatChange)).toEqual(['strategy "cdp" › flags: [] → ["not sustainable"]']);
  });

  test('the summary says how many numbers moved and cuts long lists', () => {
    const after = golden();
    after.trials = 9;
    after.strategies[1].summary.rpoSeconds.mean = 6;
    const text = describeChanges('flagship', diffGolden(golden(), after), 1);
    expect(text).toBe('flagship: 2 golden numbers moved\n  trials: 8 → 9 (+12.5%)\n  … and 1 more');
  });

  test('the file form puts flat arrays on one line and round-trips', () => {
    const text = formatGolden(golden());
    expect(text).toContain('"web1": [1,10,20,30,40,50,60,1,1,0]');
    expect(JSON.parse(text)).toEqual(golden());
  });
});
