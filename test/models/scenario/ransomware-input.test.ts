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

describe('applications[].ransomware: a clean-point policy per application', () => {
  const withApps = (ad: string, erp: string, failures = 'failures:\n  ransomware: { rate: 0.1/year, cleaning: 2 h, reinfection: 30% }\n') => edit({
    21: `  - { name: w, averageWrite: 10 GB/day }\napplications:\n  - { name: ad${ad} }\n  - { name: erp${erp} }`,
    23: '  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, app: ad }',
    24: '  - { name: app, vcpus: 2, ram: 8 GiB, disk: 50 GB, dependsOn: [db], app: erp }',
  }) + failures;

  test('each field left out is the scenario\'s; applications without one follow the scenario', () => {
    const { scenario, warnings } = load(withApps(', ransomware: { cleanPoint: before-encryption, cleaning: 8 h, reinfection: 10% }', ', ransomware: { cleanPoint: before-encryption }'));
    expect(scenario.applications.map((a) => a.name)).toEqual(['ad', 'erp']);
    expect(scenario.failures.ransomware!.policyByApplication).toEqual([
      { cleanPoint: 'before-encryption', cleaningSeconds: { kind: 'deterministic', value: 8 * 3600 }, reinfectionProbability: 0.1 },
      { cleanPoint: 'before-encryption', cleaningSeconds: { kind: 'deterministic', value: 2 * 3600 }, reinfectionProbability: 0.3 },
    ]);
    // The scenario's own policy stays before-compromise, said as an assumption that names the exception.
    expect(scenario.failures.ransomware!.cleanPoint).toBe('before-compromise');
    expect(scenario.assumptions.some((a) => a.includes('but for the applications whose own ransomware.cleanPoint says before-encryption'))).toBe(true);
    expect(warnings).toEqual([]);
    // No application says anything: no table, every VM on the scenario's policy.
    expect(load(withApps('', '')).scenario.failures.ransomware!.policyByApplication).toBeUndefined();
  });

  test('what changes nothing is said: no ransomware simulated, or cleaning and reinfection under before-compromise', () => {
    expect(load(withApps(', ransomware: { cleanPoint: before-encryption }', '', '')).warnings.map((w) => [w.path, w.message])).toEqual([
      ['applications[0].ransomware', 'application "ad": ransomware has no effect: no ransomware is simulated (add failures.ransomware)'],
    ]);
    const text = withApps(', ransomware: { cleaning: 8 h, reinfection: 5% }', '', 'failures:\n  ransomware: { rate: 0.1/year }\n');
    expect(load(text).warnings.map((w) => w.path)).toEqual(['applications[0].ransomware.cleaning', 'applications[0].ransomware.reinfection']);
    expect(load(text).warnings[0]!.message).toBe('application "ad": cleaning has no effect: it restores from before the compromise (cleanPoint: before-compromise), so nothing is cleaned or reinfected');
  });

  test('a mistaken policy is an error at its line', () => {
    const problems = problemsOf(withApps(', ransomware: { cleanPoint: before-encrypt, reinfecton: 10% }', ''));
    expect(problems.map((p) => p.path)).toEqual(['applications[0].ransomware.cleanPoint', 'applications[0].ransomware.reinfecton']);
    expect(problems[0]!.message).toMatch(/before-compromise.*before-encryption/);
    expect(problems[1]!.message).toMatch(/reinfection/);
    expect(problems.every((p) => p.line === 23)).toBe(true);
  });
});
