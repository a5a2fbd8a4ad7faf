import { describe, expect, test } from '@jest/globals';
import { chargedHours, penaltyOf } from '../../../src/models/cost/penalties.js';
import { ApplicationOutages } from '../../../src/models/impact/application-outages.js';
import { parseScenario } from '../../../src/models/scenario/loader.js';
import { MINIMAL } from '../../support/scenario-helpers.js';

const H = 3600;

describe('penalty functions', () => {
  const f = { perHour: 1000, steps: [{ afterSeconds: 4 * H, amount: 50000 }, { afterSeconds: 24 * H, amount: 250000 }] };
  test('the hourly rate plus each step once the outage exceeds it', () => {
    expect(penaltyOf(f, H, 7 * 86400)).toBe(1000);
    expect(penaltyOf(f, 4 * H, 7 * 86400)).toBe(4000); // exactly 4 h: the step is not yet due
    expect(penaltyOf(f, 5 * H, 7 * 86400)).toBe(5000 + 50000);
    expect(penaltyOf(f, 30 * H, 7 * 86400)).toBe(30000 + 50000 + 250000);
  });
  test('never recovered counts as the unrecovered outage', () => {
    expect(penaltyOf(f, Infinity, 168 * H)).toBe(168000 + 300000);
    expect(chargedHours(Infinity, 168 * H)).toBe(168);
  });
});

describe('application outages from the scenario file', () => {
  // The minimal scenario with three shop VMs (one stateless web server) that need two up (a quorum), and the
  // two minimal VMs (db, app) left outside any application.
  const yaml = MINIMAL.replace(/^vms:\n/m, `applications:
  - { name: shop, needs: { quorum: 2 }, rpo: 5 min, downtimeCost: "$9,000/h", downtimePenalties: [{ after: 2 h, amount: "$40,000" }] }
vms:
  - { template: "shop{i}", count: 3, app: shop, vcpus: 2, ram: 8 GiB, disk: 50 GB }
  - { name: web, app: shop, stateless: true, vcpus: 2, ram: 8 GiB, disk: 20 GB }
`);
  const { scenario } = parseScenario(yaml, 'q.yaml');
  const shop = scenario.applications.find((a) => a.name === 'shop')!;
  const vm = (name: string) => scenario.vms.findIndex((v) => v.name === name);

  test('resolution: members, quorum, penalty function, targets inherited by its VMs; loose VMs are their own', () => {
    expect(shop.vms.map((v) => scenario.vms[v].name)).toEqual(['shop1', 'shop2', 'shop3', 'web']);
    expect(shop).toMatchObject({ named: true, quorum: 2, rpoSeconds: 300, downtime: { perHour: 9000, steps: [{ afterSeconds: 2 * H, amount: 40000 }] } });
    expect(scenario.vms[vm('shop1')].rpoSeconds).toBe(300);
    const db = scenario.applications[scenario.vms[vm('db')].application];
    expect(db).toMatchObject({ name: 'db', named: false, vms: [vm('db')], quorum: 1 });
  });

  test('a quorum application is up once enough of its VMs are; the untouched ones count as up', () => {
    const o = new ApplicationOutages(scenario);
    const out = o.buffer();
    // All four hit, back at 3 h, 1 h, never, 30 min: the second back (1 h) restores the quorum of 2.
    o.measure([vm('shop1'), vm('shop2'), vm('shop3'), vm('web')], [10, 20, NaN, 99], [3 * H, H, NaN, 1800], out);
    expect(out.count).toBe(1);
    expect(out.downSeconds[0]).toBe(H);
    // The data-bearing shop3 was lost: all its updates (+∞); the stateless web server's 99 s do not count.
    expect(out.lossSeconds[0]).toBe(Infinity);
    // Only shop1 hit: the three others are up, so is the quorum; it loses shop1's 10 s.
    o.measure([vm('shop1')], [10], [5 * H], out);
    expect([out.count, out.downSeconds[0], out.lossSeconds[0]]).toEqual([1, 0, 10]);
    // Only the stateless web server hit: down 0 (quorum), nothing lost.
    o.measure([vm('web')], [500], [5 * H], out);
    expect([out.downSeconds[0], out.lossSeconds[0]]).toEqual([0, 0]);
  });

  test('an undeclared application takes its strictest VM targets and its highest VM costs', () => {
    const y = MINIMAL.replace('  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB }', '  - { name: db, app: erp, rpo: 5 min, downtimeCost: "$2,000/h", vcpus: 4, ram: 16 GiB, disk: 200 GB }')
      .replace('  - { name: app, vcpus: 2,', '  - { name: app, app: erp, rpo: 1 h, downtimeCost: "$500/h", vcpus: 2,');
    const s = parseScenario(y, 'u.yaml').scenario;
    expect(s.applications[0]).toMatchObject({ name: 'erp', vms: [0, 1], rpoSeconds: 300, quorum: 2, downtime: { perHour: 2000, steps: [] } });
    expect(s.applications).toHaveLength(1); // erp only: both VMs are in it
  });
});
