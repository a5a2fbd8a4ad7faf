import { describe, expect, test } from '@jest/globals';
import { edit, load, MINIMAL, withVms } from '../../support/scenario-helpers.js';

const tiers = 'tiers:\n  - { tier: 1, rto: 5 min, rpo: 1 min }\nvms:';

describe('warnings (valid, but cannot work as hoped)', () => {
  test('an RPO no strategy can meet and an RTO below detection + boot, grouped and located', () => {
    const text = withVms('  - { template: "c{i}", count: 3, tier: 1, vcpus: 1, ram: 1 GiB, disk: 10 GB }').replace('vms:', tiers);
    const { warnings } = load(text);
    expect(warnings.map((w) => [w.line, w.path, w.message])).toEqual([
      [27, 'vms[2]', '3 VMs c1, c2, c3: RPO target 1 min cannot be met by any strategy (best case mean data loss 7.5 min)'],
      [27, 'vms[2]', '3 VMs c1, c2, c3: RTO target 5 min is below the fastest possible recovery, 37 min (detection + declaration + boot + application recovery)'],
    ]);
  });

  test('no warning when one strategy can meet the target', () => {
    const text = withVms('  - { name: c1, tier: 1, rto: 1 h, vcpus: 1, ram: 1 GiB, disk: 10 GB }').replace('vms:', tiers) +
      '  - name: cdp\n    protect: [ { select: all, methods: [ { method: cdp } ] } ]\n';
    expect(load(text).warnings).toEqual([]);
  });

  test('a DR site too small, a rule that selects nothing, backups never leaving the site, an unsustainable link', () => {
    const text = edit({
      12: '  - { model: std, cluster: rec }',
      19: '  - { name: wan, between: [hq, dr], bandwidth: 1 Mbit/s }',
      23: '  - { name: db, vcpus: 200, ram: 16 GiB, disk: 200 GB }',
    }) + '      - select: { tier: 1 }\n        methods: []\n  - name: bk\n    protect: [ { select: all, methods: [ { method: backup } ] } ]\n';
    const messages = load(text).warnings.map((w) => `${w.path}: ${w.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^strategies\[0\]\.recovery: DR site "dr" holds 64 vCPUs .* but the 2 protected VMs need 202 vCPUs/),
      'strategies[0].protect[1].select: strategy "async": this rule selects no VMs (first match wins: earlier rules may have taken them)',
      expect.stringMatching(/^strategies\[1\]\.protect\[0\]\.methods\[0\]\.offsite: strategy "bk": backups go to "bk" at site "hq" and are never copied offsite/),
      expect.stringMatching(/^strategies\[0\]: strategy "async" looks unsustainable on link "wan": by the long-run formula/),
    ]));
    expect(MINIMAL).toContain('cluster: rec');
  });
});
