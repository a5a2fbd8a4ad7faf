import { describe, expect, test } from '@jest/globals';
import { VmSources, type RestoreSource } from '../../../src/models/recovery/sources.js';
import { buildUnits, placementOrderOfUnits, type RecoveryUnits } from '../../../src/models/recovery/failover-units.js';
import type { Scenario } from '../../../src/models/scenario/model.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { addVm, backupMethod, GiB, makeScenario } from '../../support/recovery-factories.js';

/** A unit as the rules in recovery-units.ts define it, built the plain way (objects, string keys, sorts). */
interface RefUnit { vms: number[]; priority: number; vcpus: number; ramBytes: number; restoreBytes: number; atDr: boolean; deps: number[]; dependents: number[] }

function referenceUnits(s: Scenario, vms: number[], sources: VmSources): RefUnit[] {
  const groups = new Map<string, number[]>();
  const entry = new Map(vms.map((v, i) => [v, i]));
  vms.forEach((v, i) => {
    if (!sources.ok(i)) return;
    const vm = s.vms[v];
    const key = vm.hypervisor === 'hyperv' ? `${vm.storage}/${vm.lun}/${sources.atDr[i]}` : `vm ${v}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  });
  const units: RefUnit[] = [...groups.values()].map((members) => ({
    vms: members,
    priority: Math.min(...members.map((v) => s.vms[v].priority)),
    vcpus: members.reduce((a, v) => a + s.vms[v].vcpus, 0),
    ramBytes: members.reduce((a, v) => a + s.vms[v].ramBytes, 0),
    restoreBytes: members.reduce((a, v) => a + (sources.restore[entry.get(v)!] !== null ? s.vms[v].usedBytes : 0), 0),
    atDr: sources.atDr[entry.get(members[0])!] === 1,
    deps: [],
    dependents: [],
  }));
  units.sort((a, b) => a.priority - b.priority || a.vms[0] - b.vms[0]);
  const unitOf = new Map<number, number>();
  units.forEach((u, id) => u.vms.forEach((v) => unitOf.set(v, id)));
  units.forEach((u, id) => {
    for (const v of u.vms) {
      for (const d of s.vms[v].dependsOn) {
        const du = unitOf.get(d);
        if (du === undefined || du === id || u.deps.includes(du) || units[du].priority > u.priority) continue;
        u.deps.push(du);
        units[du].dependents.push(id);
      }
    }
  });
  return units;
}

function asPlain(units: RecoveryUnits): RefUnit[] {
  const out: RefUnit[] = [];
  for (let u = 0; u < units.count; u++) {
    out.push({
      vms: units.members.slice(units.memberStart[u], units.memberStart[u + 1]),
      priority: units.priority[u], vcpus: units.vcpus[u], ramBytes: units.ramBytes[u], restoreBytes: units.restoreBytes[u],
      atDr: units.atDr[u] === 1, deps: [], dependents: units.dependents.slice(units.dependentStart[u], units.dependentStart[u + 1]),
    });
  }
  // deps are kept as a count: rebuild the lists from the dependents to compare.
  out.forEach((u, id) => u.dependents.forEach((d) => out[d].deps.push(id)));
  out.forEach((u) => u.deps.sort((a, b) => a - b));
  return out;
}

/** An estate of VMware VMs and Hyper-V VMs on a few LUNs, random priorities, sizes and dependencies. */
function randomCase(seed: number): { s: Scenario; vms: number[]; sources: VmSources } {
  const rng = new RandomStreams(seed).stream('units');
  const pick = (n: number): number => Math.floor(rng.uniform(0, n));
  const s = makeScenario();
  const n = 60;
  for (let i = 0; i < n; i++) {
    const hyperv = rng.uniform(0, 1) < 0.5;
    addVm(s, {
      hypervisor: hyperv ? 'hyperv' : 'vmware', storage: pick(2), lun: `lun${pick(4)}`, priority: 1 + pick(4),
      vcpus: 1 + pick(8), ramBytes: (1 + pick(6)) * 0.7 * GiB, usedBytes: (1 + pick(9)) * GiB,
    });
  }
  for (let i = 0; i < n; i++) s.vms[i].dependsOn = [pick(n), pick(n), pick(n)].slice(0, pick(4));
  const vms = Array.from({ length: n }, (_, i) => i).filter(() => rng.uniform(0, 1) < 0.8);
  const sources = new VmSources(vms.length);
  const restore: RestoreSource = { store: backupMethod().target, site: 1, readBytesPerSecond: 1e9, streams: 4, preferredLink: null, mountSeconds: 0, rebuildSeconds: 0, local: false };
  vms.forEach((_, i) => {
    if (rng.uniform(0, 1) < 0.1) sources.reason[i] = 'not-protected';
    sources.restore[i] = rng.uniform(0, 1) < 0.5 ? restore : null;
    sources.atDr[i] = rng.uniform(0, 1) < 0.8 ? 1 : 0;
  });
  return { s, vms, sources };
}

describe('recovery units', () => {
  test.each([1, 2, 3, 4, 5])('units, rank order, sizes and dependency edges follow the rules (seed %i)', (seed) => {
    const { s, vms, sources } = randomCase(seed);
    const units = buildUnits(s, vms, sources);
    const expected = referenceUnits(s, vms, sources);
    expect(expected.some((u) => u.vms.length > 1)).toBe(true);
    expect(expected.some((u) => u.deps.length > 0)).toBe(true);
    expect(asPlain(units)).toEqual(expected.map((u) => ({ ...u, deps: u.deps.slice().sort((a, b) => a - b) })));
    expect(units.depCount).toEqual(expected.map((u) => u.deps.length));
    vms.forEach((v, i) => expect(units.unitOfVm[v]).toBe(sources.ok(i) ? expected.findIndex((u) => u.vms.includes(v)) : -1));
  });

  test.each([1, 2, 3, 4, 5])('placement order: units at DR by priority, RAM descending, then rank (seed %i)', (seed) => {
    const { s, vms, sources } = randomCase(seed);
    const units = buildUnits(s, vms, sources);
    const atDr = Array.from({ length: units.count }, (_, u) => u).filter((u) => units.atDr[u] === 1);
    const expected = atDr.sort((a, b) => units.priority[a] - units.priority[b] || units.ramBytes[b] - units.ramBytes[a] || a - b);
    expect(placementOrderOfUnits(s, units)).toEqual(expected);
  });

  test('no affected VM: no unit', () => {
    const s = makeScenario();
    addVm(s);
    const units = buildUnits(s, [], new VmSources(0));
    expect(units.count).toBe(0);
    expect(placementOrderOfUnits(s, units)).toEqual([]);
  });
});
