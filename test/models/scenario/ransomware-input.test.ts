/** The ransomware language: what it resolves to, and its mistakes located and explained. */
import { describe, expect, test } from '@jest/globals';
import { edit, load, problemsOf } from '../../support/scenario-helpers.js';

const withMethod = (method: string, failures = 'failures:\n  ransomware: { rate: 0.1/year, identity: ad }\n') =>
  edit({ 23: '  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, app: ad }', 29: `        methods: [ ${method} ]` }) + failures;

describe('failures.ransomware and copyProtection', () => {
  test('resolve: the rate per unit of the scope, the defaults, each method\'s protection and its cost', () => {
    const text = withMethod('{ method: backup, offsite: { wan: wan }, copyProtection: { immutable: 30 days, vault: { every: 1 day, window: 2 h, read: 400 MB/s }, cost: "$5,000/year" } }',
      'failures:\n  ransomware: { rate: 0.1/year, scope: application, identity: ad }\n');
    const { scenario, warnings } = load(text);
    // Two applications (ad, and app alone outside any): 2 × 0.1.
    expect(scenario.failures.ransomware).toMatchObject({ perYear: 0.2, scope: 'application', cleanPoint: 'before-compromise', reinfectionProbability: 0.2, identityApp: 'ad' });
    expect(scenario.failures.ransomware!.signOffSeconds).toEqual({ kind: 'uniform', min: 86400, max: 3 * 86400 });
    expect(scenario.strategies[0].assignments[0].copyProtection).toEqual([{ immutableSeconds: 30 * 86400, vault: { everySeconds: 86400, windowSeconds: 7200, readBytesPerSecond: 4e8 }, offline: false, costPerYear: 5000 }]);
    expect(scenario.strategies[0].recovery.scanBytesPerSecond).toBe(1e9);
    expect(scenario.assumptions.some((a) => a.includes('scanned at 1 GB/s'))).toBe(true);
    expect(warnings).toEqual([]);
  });

  test('a mirror cannot be locked; a vault window as long as its period never isolates it; an unknown identity application', () => {
    expect(problemsOf(withMethod('{ method: sync-replication, copyProtection: { immutable: 7 days } }', 'failures:\n  ransomware: { rate: 0.1/year, identity: dir }\n')).map((p) => [p.path, p.message])).toEqual([
      ['strategies[0].protect[0].methods[0].copyProtection.immutable', 'strategy "async": sync-replication copies cannot be given immutable (it keeps no point in time to protect)'],
      ['failures.ransomware.identity', 'no VM belongs to application "dir" (applications: ad)'],
    ]);
    expect(problemsOf(withMethod('{ method: cdp, copyProtection: { vault: { every: 1 day, window: 1 day } } }')).map((p) => [p.path, p.message])).toEqual([
      ['strategies[0].protect[0].methods[0].copyProtection.vault', 'strategy "async": cdp copies cannot be given vault (only immutable)'],
      ['strategies[0].protect[0].methods[0].copyProtection.vault.window', 'strategy "async": a vault sync window must be shorter than the time between syncs (every), or the vault is never isolated'],
    ]);
  });

  test('without failures.ransomware, copy protection, scan rate and clean room are said to have no effect', () => {
    const text = withMethod('{ method: backup, offsite: { wan: wan }, copyProtection: { offline: true } }', '').replace('    protect:', '    recovery: { scanRate: 2 GB/s, cleanRoom: { vms: 4 } }\n    protect:');
    expect(load(text).warnings.map((w) => w.path)).toEqual([
      'strategies[0].recovery.scanRate', 'strategies[0].recovery.cleanRoom', 'strategies[0].protect[0].methods[0].copyProtection',
    ]);
  });
});
