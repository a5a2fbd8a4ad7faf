/**
 * The DR site's hosts as recovery capacity. Each host offers vCPUs (cores × its cluster's overcommit, in reference
 * vCPUs: scaled by its clock, cpu-clock.ts) and
 * RAM after the hypervisor reservation; the DR site's own production VMs (primary placement) keep theirs.
 * Dev/test work holds its share of CPU and RAM until its shutdown ends (preempted at declaration, each
 * host's shutdown time sampled).
 *
 * Placement rule (deterministic, first-fit decreasing when callers offer units in (priority, RAM
 * descending) order): the first host in index order where the unit fits *now*; else the first host where
 * it fits once dev/test is gone, and the unit waits for that host's shutdown; else no capacity. Capacity
 * is reserved at placement (not at power-on), so a later unit never takes room promised to an earlier one.
 * The first host is found through an index over free capacity (first-fit-index.ts) that returns exactly the
 * host the scan in index order would, in O(log hosts) for a site of similar hosts.
 */
import type { HostUtilizationSeries } from '../failures/events.js';
import { IndexedHeap } from '../../sim/indexed-heap.js';
import { FirstFitIndex } from './first-fit-index.js';
import { FIT_EPSILON, fits, hostCapacity } from './primary-placement.js';
import { filled } from './arrays.js';
import { scenarioIndex } from './scenario-index.js';
import { cpuClock } from './cpu-clock.js';
import type { Scenario } from '../scenario/model.js';

export class DrHostPool {
  /** Scenario host indices, in placement order. */
  readonly hosts: readonly number[];
  readonly capVcpus: number[];
  readonly capRam: number[];
  /** Reserved by production already there and by placed recovery units. */
  readonly usedVcpus: number[];
  readonly usedRam: number[];
  /** Running load, for utilization: production and powered-on recovery units. */
  readonly runVcpus: number[];
  readonly runRam: number[];
  readonly devTestVcpus: number[];
  readonly devTestRam: number[];
  /** Dev/test holds its share until this time (0: none; Infinity: not preempted). */
  readonly shutdownEndSeconds: number[];
  readonly alive: number[];
  /** When the host of the last successful place() can take its unit: now, or the end of its dev/test shutdown. */
  placedReadyAtSeconds = 0;
  private readonly series: { t: number[]; cpu: number[]; ram: number[] }[] | null;
  /** Free capacity per host for first fit: now (dev/test counted while it runs), and once dev/test is gone. */
  private readonly fitNow: FirstFitIndex;
  private readonly fitWithoutDevTest: FirstFitIndex;
  /** Hosts whose dev/test still counts in fitNow, by the end of its shutdown; the time fitNow was brought to. */
  private readonly devTestCounted: IndexedHeap;
  private fitNowAtSeconds = -Infinity;

  /** `affected`: the VMs the event hit, in index order; their production load is gone from the pool's hosts. */
  constructor(scenario: Scenario, drSite: number, failedSite: number | null, affected: readonly number[], record: boolean) {
    const hosts: number[] = [];
    const slotOfHost = filled(scenario.hosts.length, -1);
    scenario.hosts.forEach((h, i) => {
      if (h.site !== drSite || h.site === failedSite) return;
      slotOfHost[i] = hosts.length;
      hosts.push(i);
    });
    this.hosts = hosts;
    const n = hosts.length;
    this.capVcpus = filled(n, 0);
    this.capRam = filled(n, 0);
    this.usedVcpus = filled(n, 0);
    this.usedRam = filled(n, 0);
    this.runVcpus = filled(n, 0);
    this.runRam = filled(n, 0);
    this.devTestVcpus = filled(n, 0);
    this.devTestRam = filled(n, 0);
    this.shutdownEndSeconds = filled(n, 0);
    this.alive = filled(n, 1);
    hosts.forEach((h, slot) => {
      const cap = hostCapacity(scenario, h);
      this.capVcpus[slot] = cap.vcpus;
      this.capRam[slot] = cap.ramBytes;
      const dt = scenario.hosts[h].devTest;
      if (dt !== null && (dt.cpuFraction > 0 || dt.ramFraction > 0)) {
        this.devTestVcpus[slot] = dt.cpuFraction * cap.vcpus;
        this.devTestRam[slot] = dt.ramFraction * cap.ramBytes;
        this.shutdownEndSeconds[slot] = Infinity;
      }
    });
    const primary = scenarioIndex(scenario).primary;
    const demand = cpuClock(scenario).vmDemand;
    for (let v = 0, k = 0; v < primary.length; v++) {
      const slot = primary[v] >= 0 ? slotOfHost[primary[v]] : -1;
      if (slot < 0) continue;
      while (k < affected.length && affected[k] < v) k++;
      if (affected[k] === v) continue;
      const vm = scenario.vms[v];
      this.usedVcpus[slot] += demand[v];
      this.usedRam[slot] += vm.ramBytes;
      this.runVcpus[slot] += demand[v];
      this.runRam[slot] += vm.ramBytes;
    }
    this.series = record ? hosts.map(() => ({ t: [], cpu: [], ram: [] })) : null;
    if (record) for (let s = 0; s < n; s++) this.record(s, 0);
    this.fitNow = new FirstFitIndex(n);
    this.fitWithoutDevTest = new FirstFitIndex(n);
    this.devTestCounted = new IndexedHeap(Math.max(1, n));
    for (let s = 0; s < n; s++) {
      if (this.shutdownEndSeconds[s] > 0) this.devTestCounted.push(s, this.shutdownEndSeconds[s], s);
      this.indexFreeCapacity(s);
    }
  }

  get size(): number {
    return this.hosts.length;
  }

  hasDevTest(slot: number): boolean {
    return this.devTestVcpus[slot] > 0 || this.devTestRam[slot] > 0;
  }

  /** Dev/test on `slot` is shut down from `atSeconds` and gone at `endSeconds`. */
  preempt(slot: number, endSeconds: number): void {
    this.shutdownEndSeconds[slot] = endSeconds;
    if (this.devTestCounted.has(slot)) this.devTestCounted.update(slot, endSeconds, slot);
  }

  /** Called at a host's shutdown end: its dev/test share is free (for the utilization series). */
  devTestGone(slot: number, now: number): void {
    this.record(slot, now);
  }

  /** The slot a unit is placed on (placedReadyAtSeconds says from when), or -1: no capacity. */
  place(vcpus: number, ramBytes: number, now: number): number {
    this.bringFitNowTo(now);
    // The index skips only hosts that cannot take the unit; each candidate is checked by the rule itself.
    for (let s = this.fitNow.firstCandidate(vcpus, ramBytes, 0); s >= 0; s = this.fitNow.firstCandidate(vcpus, ramBytes, s + 1)) {
      if (this.alive[s] === 0) continue;
      const running = this.shutdownEndSeconds[s] > now;
      const dv = running ? this.devTestVcpus[s] : 0;
      const dr = running ? this.devTestRam[s] : 0;
      if (fits(this.usedVcpus[s] + dv, vcpus, this.capVcpus[s]) && fits(this.usedRam[s] + dr, ramBytes, this.capRam[s])) {
        return this.reserve(s, vcpus, ramBytes, now);
      }
    }
    for (let s = this.fitWithoutDevTest.firstCandidate(vcpus, ramBytes, 0); s >= 0; s = this.fitWithoutDevTest.firstCandidate(vcpus, ramBytes, s + 1)) {
      if (this.alive[s] === 0) continue;
      if (fits(this.usedVcpus[s], vcpus, this.capVcpus[s]) && fits(this.usedRam[s], ramBytes, this.capRam[s])) {
        return this.reserve(s, vcpus, ramBytes, Math.max(now, this.shutdownEndSeconds[s]));
      }
    }
    return -1;
  }

  /** Gives back a reservation (the unit moved or its host died). */
  unreserve(slot: number, vcpus: number, ramBytes: number): void {
    this.usedVcpus[slot] -= vcpus;
    this.usedRam[slot] -= ramBytes;
    this.indexFreeCapacity(slot);
  }

  /** Moves a running unit's load (rebalancing), keeping reservations and running load in step. */
  move(from: number, to: number, vcpus: number, ramBytes: number): void {
    this.unreserve(from, vcpus, ramBytes);
    this.usedVcpus[to] += vcpus;
    this.usedRam[to] += ramBytes;
    this.indexFreeCapacity(to);
    this.runVcpus[from] -= vcpus;
    this.runRam[from] -= ramBytes;
    this.runVcpus[to] += vcpus;
    this.runRam[to] += ramBytes;
  }

  startRunning(slot: number, vcpus: number, ramBytes: number, now: number): void {
    this.runVcpus[slot] += vcpus;
    this.runRam[slot] += ramBytes;
    this.record(slot, now);
  }

  /** The host died: nothing runs there any more and nothing can be placed. */
  fail(slot: number, now: number): void {
    this.alive[slot] = 0;
    this.usedVcpus[slot] = this.usedRam[slot] = 0;
    this.runVcpus[slot] = this.runRam[slot] = 0;
    this.devTestVcpus[slot] = this.devTestRam[slot] = 0;
    this.indexFreeCapacity(slot);
    this.record(slot, now);
  }

  cpuFraction(slot: number, now: number): number {
    const dv = this.shutdownEndSeconds[slot] > now ? this.devTestVcpus[slot] : 0;
    return this.capVcpus[slot] > 0 ? (this.runVcpus[slot] + dv) / this.capVcpus[slot] : 0;
  }

  ramFraction(slot: number, now: number): number {
    const dr = this.shutdownEndSeconds[slot] > now ? this.devTestRam[slot] : 0;
    return this.capRam[slot] > 0 ? (this.runRam[slot] + dr) / this.capRam[slot] : 0;
  }

  /** Adds a utilization point (same-time points overwrite): only when recording. */
  record(slot: number, now: number): void {
    if (this.series === null) return;
    const s = this.series[slot];
    const cpu = this.cpuFraction(slot, now);
    const ram = this.ramFraction(slot, now);
    const last = s.t.length - 1;
    if (last >= 0 && s.t[last] === now) {
      s.cpu[last] = cpu;
      s.ram[last] = ram;
    } else {
      s.t.push(now);
      s.cpu.push(cpu);
      s.ram.push(ram);
    }
  }

  /** Utilization series of the given slots (empty unless recording). */
  utilization(slots: readonly number[]): HostUtilizationSeries[] {
    const series = this.series;
    if (series === null) return [];
    return slots.map((slot) => ({ host: this.hosts[slot], timeSeconds: series[slot].t, cpuFraction: series[slot].cpu, ramFraction: series[slot].ram }));
  }

  private reserve(slot: number, vcpus: number, ramBytes: number, readyAtSeconds: number): number {
    this.usedVcpus[slot] += vcpus;
    this.usedRam[slot] += ramBytes;
    this.indexFreeCapacity(slot);
    this.placedReadyAtSeconds = readyAtSeconds;
    return slot;
  }

  /** Dev/test stops counting in fitNow on the hosts whose shutdown has ended by `now`. */
  private bringFitNowTo(now: number): void {
    if (now < this.fitNowAtSeconds) {
      // Time went back (not in a simulation): count dev/test again where it runs at `now`.
      for (let s = 0; s < this.hosts.length; s++) {
        if (this.shutdownEndSeconds[s] > now && !this.devTestCounted.has(s)) this.devTestCounted.push(s, this.shutdownEndSeconds[s], s);
        this.indexFreeCapacity(s);
      }
    }
    this.fitNowAtSeconds = now;
    const heap = this.devTestCounted;
    while (heap.size > 0 && heap.peekKey() <= now) this.indexFreeCapacity(heap.pop());
  }

  /** Upper bounds of what host `slot` can take (the fit rule's own threshold, less what is used, plus slack for rounding). */
  private indexFreeCapacity(slot: number): void {
    if (this.alive[slot] === 0) {
      this.fitNow.set(slot, -Infinity, -Infinity);
      this.fitWithoutDevTest.set(slot, -Infinity, -Infinity);
      return;
    }
    const vcpus = this.usedVcpus[slot];
    const ram = this.usedRam[slot];
    const counted = this.devTestCounted.has(slot);
    this.fitWithoutDevTest.set(slot, freeAtMost(this.capVcpus[slot], vcpus), freeAtMost(this.capRam[slot], ram));
    this.fitNow.set(slot, freeAtMost(this.capVcpus[slot], counted ? vcpus + this.devTestVcpus[slot] : vcpus), freeAtMost(this.capRam[slot], counted ? ram + this.devTestRam[slot] : ram));
  }
}

/**
 * At least the largest need that fits(used, need, capacity) accepts: its threshold less `used`, with a
 * relative slack (1e-12) far above the rounding of these sums (1e-16), so it never rules out a fit.
 */
function freeAtMost(capacity: number, used: number): number {
  const threshold = capacity * (1 + FIT_EPSILON) + FIT_EPSILON;
  return threshold - used + 1e-12 * (Math.abs(threshold) + Math.abs(used));
}
