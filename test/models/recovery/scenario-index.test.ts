import { describe, expect, test } from '@jest/globals';
import { placeVmsOnPrimaryHosts } from '../../../src/models/recovery/primary-placement.js';
import { scenarioIndex, sortByOrder } from '../../../src/models/recovery/scenario-index.js';
import { addCluster, addHosts, addVm, det, GiB, makeScenario } from '../../support/recovery-factories.js';

function estate() {
  const s = makeScenario();
  const prod = addCluster(s, { site: 0 });
  addHosts(s, 3, { cores: 8, ramBytes: 64 * GiB, cluster: prod });
  const sizes = [16, 8, 16, 32, 8, 4, 16, 8];
  sizes.forEach((ram, i) => addVm(s, { cluster: prod, site: i % 3 === 2 ? 1 : 0, storage: i % 2, priority: 1 + (i % 3), ramBytes: ram * GiB, bootSeconds: det(10 + i) }));
  return s;
}

describe('scenario index', () => {
  test('affected VMs per site, array and host, in index order', () => {
    const s = estate();
    const index = scenarioIndex(s);
    expect(index.vmsAtSite(0)).toEqual([0, 1, 3, 4, 6, 7]);
    expect(index.vmsAtSite(1)).toEqual([2, 5]);
    expect(index.vmsOnStorage(1)).toEqual([1, 3, 5, 7]);
    const primary = placeVmsOnPrimaryHosts(s);
    expect(Array.from(index.primary)).toEqual(Array.from(primary));
    for (const h of [2, 3, 4]) expect(index.vmsOnHost(h)).toEqual(s.vms.map((_, v) => v).filter((v) => primary[v] === h));
    expect(index.vmsAtSite(0)).toBe(index.vmsAtSite(0)); // computed once
    expect(scenarioIndex(s)).toBe(index);
  });

  test('rank order (priority, index) and placement order (priority, RAM descending, index)', () => {
    const s = estate();
    const all = s.vms.map((_, v) => v);
    const { rankOrder, placementOrder } = scenarioIndex(s);
    expect(Array.from(rankOrder.order)).toEqual(all.slice().sort((a, b) => s.vms[a].priority - s.vms[b].priority || a - b));
    expect(Array.from(placementOrder.order)).toEqual(all.slice().sort((a, b) => s.vms[a].priority - s.vms[b].priority || s.vms[b].ramBytes - s.vms[a].ramBytes || a - b));
    for (const order of [rankOrder, placementOrder]) order.order.forEach((v, k) => expect(order.position[v]).toBe(k));
  });

  test('sortByOrder sorts any subset by a fixed order, however many VMs', () => {
    const n = 3000;
    const order = Int32Array.from({ length: n }, (_, k) => (k * 7919) % n);
    const position = new Int32Array(n);
    order.forEach((v, k) => (position[v] = k));
    const subset = Array.from({ length: n }, (_, v) => v).filter((v) => v % 3 !== 1);
    expect(sortByOrder(subset, { order, position })).toEqual(Array.from(order).filter((v) => v % 3 !== 1));
    expect(sortByOrder([5, 1], { order, position })).toEqual(position[5] < position[1] ? [5, 1] : [1, 5]);
    expect(sortByOrder([], { order, position })).toEqual([]);
  });

  test('compiled boot and application recovery distributions per VM', () => {
    const s = estate();
    const index = scenarioIndex(s);
    expect(index.bootDistributions).toHaveLength(s.vms.length);
    expect(index.bootDistributions[3].quantile(0.5)).toBe(13);
    expect(index.appDistributions[3].quantile(0.5)).toBe(0);
  });
});
