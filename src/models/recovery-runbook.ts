/**
 * The runbook as a discrete-event process over recovery units (plain kernel callbacks, no per-unit
 * generators: 10,000 VMs must recover in well under a second).
 *
 * A unit powers on once four things hold: its data is ready (restore done / replica promoted), its host
 * is ready (dev/test shut down), its priority group is open, and every unit it depends on is up. Then it
 * queues for a power-on slot (orchestrated: at most maxParallelPowerOns, held while booting) or an
 * operator (manual: held for secondsPerVm, then the VM boots on its own). Queues serve in rank order.
 *
 * Orchestrated (SRM style): group k+1 opens when every unit of group k is up or known not recoverable.
 * Manual: no gating — operators work down the priority order as units become ready; dependencies still hold.
 *
 * DR host failure during recovery: the host's units lose their progress and are re-placed on the
 * surviving hosts (same rule, rank order); no room → 'no-capacity'. A restart does not hold back
 * dependents already released. Pending host failures are dropped once every unit is up or failed.
 */
import type { Request } from '../sim/resource.js';
import { Resource } from '../sim/resource.js';
import type { Simulation } from '../sim/simulation.js';
import type { RecoveryStep } from './failure-events.js';
import { REPLICA_PROMOTE_SECONDS, type RestoreService } from './recovery-data.js';
import type { DrHostPool } from './recovery-placement.js';
import type { RecoveryUnit } from './recovery-units.js';
import type { Runbook, Scenario } from './scenario.js';

const WAITING = 0;
const QUEUED = 1;
const POWERING = 2;
const UP = 3;
const FAILED = 4;

export interface RunbookInput {
  sim: Simulation;
  scenario: Scenario;
  runbook: Runbook;
  units: RecoveryUnit[];
  pool: DrHostPool;
  restores: RestoreService;
  drSite: number;
  declaredAtSeconds: number;
  /** Per scenario VM index (only affected ones are read). */
  bootSeconds: Float64Array;
  appSeconds: Float64Array;
  /** Per unit: operator time (manual runbook). */
  manualSeconds: Float64Array;
  /** Per pool slot: dev/test shutdown duration (0 without dev/test). */
  shutdownSeconds: Float64Array;
  /** Per pool slot: failure time (Infinity: never). */
  hostFailAtSeconds: Float64Array;
  /** Host of a unit recovered in place (primary placement), -1 if unknown. */
  localHost: (unit: RecoveryUnit) => number;
  record: boolean;
}

export interface UnitResult {
  /** 'recovered' or 'no-capacity'. */
  recovered: boolean;
  /** Scenario host index, or -1. */
  host: number;
  /** Pool slot (DR), or -1. */
  slot: number;
  /** Per member VM, the time it was up (sim seconds). */
  upAtSeconds: number[];
  /** Steps of the unit; `vm` is the member a boot/app step belongs to, -1 for steps all members share. */
  steps: UnitStep[];
}

export interface UnitStep {
  vm: number;
  step: RecoveryStep;
  startSeconds: number;
  endSeconds: number;
}

export class RunbookEngine {
  private readonly n: number;
  private readonly state: Uint8Array;
  private readonly gen: Int32Array;
  private readonly slot: Int32Array;
  private readonly dataReady: Uint8Array;
  private readonly hostReady: Uint8Array;
  private readonly groupOpen: Uint8Array;
  private readonly depsLeft: Int32Array;
  private readonly settled: Uint8Array;
  private readonly dataAt: Float64Array;
  private readonly hostAt: Float64Array;
  private readonly eligibleAt: Float64Array;
  private readonly restartAt: Float64Array;
  private readonly requests: (Request | null)[];
  private readonly upAt: number[][];
  private readonly steps: UnitResult['steps'][];
  private readonly powerOns: Resource;
  private readonly manual: boolean;
  private readonly groupOf: Int32Array;
  private readonly groupUnits: number[][];
  private readonly groupLeft: number[];
  private currentGroup = 0;
  private final = 0;
  private readonly failHandles: number[] = [];

  constructor(private readonly p: RunbookInput) {
    const n = (this.n = p.units.length);
    this.state = new Uint8Array(n);
    this.gen = new Int32Array(n);
    this.slot = new Int32Array(n).fill(-1);
    this.dataReady = new Uint8Array(n);
    this.hostReady = new Uint8Array(n);
    this.groupOpen = new Uint8Array(n);
    this.depsLeft = new Int32Array(n);
    this.settled = new Uint8Array(n);
    this.dataAt = new Float64Array(n);
    this.hostAt = new Float64Array(n);
    this.eligibleAt = new Float64Array(n);
    this.restartAt = new Float64Array(n).fill(NaN);
    this.requests = new Array<Request | null>(n).fill(null);
    this.upAt = p.units.map(() => []);
    this.steps = p.units.map(() => []);
    this.manual = p.runbook.kind === 'manual';
    const capacity = p.runbook.kind === 'manual' ? p.runbook.operators : p.runbook.maxParallelPowerOns;
    this.powerOns = new Resource(p.sim, Math.max(1, Math.floor(capacity)), { discipline: 'priority' });
    // Units are in rank order, so groups are contiguous runs of equal priority.
    this.groupOf = new Int32Array(n);
    this.groupUnits = [];
    this.groupLeft = [];
    let last = NaN;
    for (const u of p.units) {
      if (u.priority !== last) {
        this.groupUnits.push([]);
        this.groupLeft.push(0);
        last = u.priority;
      }
      const g = this.groupUnits.length - 1;
      this.groupOf[u.id] = g;
      this.groupUnits[g].push(u.id);
      this.groupLeft[g]++;
      this.depsLeft[u.id] = u.deps.length;
    }
  }

  /** Schedules declaration (and DR host failures); run the simulation afterwards, then call results(). */
  schedule(): void {
    const { sim, pool } = this.p;
    if (this.n === 0) return;
    if (this.p.units.some((u) => u.atDr)) {
      for (let s = 0; s < pool.size; s++) {
        const at = this.p.hostFailAtSeconds[s];
        if (Number.isFinite(at)) this.failHandles.push(sim.at(at, () => this.hostFailed(s)));
      }
    }
    sim.at(this.p.declaredAtSeconds, () => this.declare());
  }

  private declare(): void {
    const { sim, pool, units, scenario } = this.p;
    const now = sim.now;
    for (let s = 0; s < pool.size; s++) {
      if (!pool.hasDevTest(s) || pool.alive[s] === 0) continue;
      const end = now + this.p.shutdownSeconds[s];
      pool.preempt(s, end);
      if (this.p.record) sim.at(end, () => pool.devTestGone(s, sim.now));
    }
    // Placement: priority group, then RAM descending (first-fit decreasing), then rank.
    const atDr = units.filter((u) => u.atDr).sort((a, b) => a.priority - b.priority || b.ramBytes - a.ramBytes || a.id - b.id);
    for (const u of atDr) this.place(u.id, now);
    for (const u of units) {
      if (!u.atDr) {
        this.hostReady[u.id] = 1;
        this.hostAt[u.id] = now;
      }
    }
    for (const u of units) {
      if (this.state[u.id] === FAILED) continue;
      if (u.restore !== null && u.restoreBytes > 0) {
        const dest = u.atDr ? this.p.drSite : scenario.vms[u.vms[0]].site;
        this.p.restores.restore(u.restore, dest, u.restoreBytes, u.id, (t) => this.dataDone(u.id, t));
      } else if (REPLICA_PROMOTE_SECONDS > 0) {
        sim.after(REPLICA_PROMOTE_SECONDS, () => this.dataDone(u.id, sim.now));
      } else {
        this.dataReady[u.id] = 1;
        this.dataAt[u.id] = now;
      }
    }
    if (this.manual) {
      for (const u of units) this.groupOpen[u.id] = 1;
    } else if (this.groupUnits.length > 0) {
      this.openGroup(0);
    }
    this.advanceGroups();
    for (const u of units) this.tryStart(u.id);
  }

  private place(u: number, now: number): void {
    const unit = this.p.units[u];
    const placed = this.p.pool.place(unit.vcpus, unit.ramBytes, now);
    if (placed === null) {
      this.fail(u);
      return;
    }
    this.slot[u] = placed.slot;
    this.hostAt[u] = placed.readyAtSeconds;
    if (placed.readyAtSeconds <= now) this.hostReady[u] = 1;
    else {
      const g = this.gen[u];
      this.p.sim.at(placed.readyAtSeconds, () => {
        if (this.gen[u] !== g) return;
        this.hostReady[u] = 1;
        this.tryStart(u);
      });
    }
  }

  private dataDone(u: number, t: number): void {
    // Data lives on DR storage, not on a host: a host failure does not undo a restore.
    this.dataReady[u] = 1;
    this.dataAt[u] = t;
    this.tryStart(u);
  }

  private openGroup(g: number): void {
    for (const u of this.groupUnits[g]) {
      this.groupOpen[u] = 1;
      this.tryStart(u);
    }
  }

  private advanceGroups(): void {
    if (this.manual) return;
    while (this.currentGroup < this.groupUnits.length && this.groupLeft[this.currentGroup] === 0) {
      this.currentGroup++;
      if (this.currentGroup < this.groupUnits.length) this.openGroup(this.currentGroup);
    }
  }

  private tryStart(u: number): void {
    if (this.state[u] !== WAITING || this.dataReady[u] === 0 || this.hostReady[u] === 0 || this.groupOpen[u] === 0 || this.depsLeft[u] > 0) return;
    const { sim } = this.p;
    const now = sim.now;
    this.state[u] = QUEUED;
    this.eligibleAt[u] = now;
    if (this.p.record) this.recordWaits(u, now);
    const g = this.gen[u];
    const req = this.powerOns.request({ priority: u });
    this.requests[u] = req;
    req.addCallback(() => {
      if (this.gen[u] === g) this.granted(u, g);
    });
  }

  private recordWaits(u: number, now: number): void {
    const steps = this.steps[u];
    const decl = this.p.declaredAtSeconds;
    if (Number.isNaN(this.restartAt[u])) {
      const unit = this.p.units[u];
      if (this.hostAt[u] > decl) steps.push({ vm: -1, step: 'preemption', startSeconds: decl, endSeconds: this.hostAt[u] });
      if (unit.restore !== null && unit.restoreBytes > 0) steps.push({ vm: -1, step: 'restore', startSeconds: decl, endSeconds: this.dataAt[u] });
      const ready = Math.max(decl, this.dataAt[u], this.hostAt[u]);
      if (now > ready) steps.push({ vm: -1, step: 'wait-dependencies', startSeconds: ready, endSeconds: now });
    } else if (now > this.restartAt[u]) {
      steps.push({ vm: -1, step: 'wait-capacity', startSeconds: this.restartAt[u], endSeconds: now });
    }
  }

  private granted(u: number, g: number): void {
    const { sim } = this.p;
    const now = sim.now;
    this.state[u] = POWERING;
    if (this.manual) {
      const end = now + this.p.manualSeconds[u];
      sim.at(end, () => {
        if (this.gen[u] !== g) return;
        this.releaseSlot(u);
        if (this.p.record) this.steps[u].push({ vm: -1, step: 'power-on-queue', startSeconds: this.eligibleAt[u], endSeconds: end });
        this.powerOn(u, g, false);
      });
    } else {
      if (this.p.record) this.steps[u].push({ vm: -1, step: 'power-on-queue', startSeconds: this.eligibleAt[u], endSeconds: now });
      this.powerOn(u, g, true);
    }
  }

  /** Boots every member (in parallel) and recovers its application; `holdSlot`: release the power-on slot when booting ends. */
  private powerOn(u: number, g: number, holdSlot: boolean): void {
    const { sim, pool, units, bootSeconds, appSeconds } = this.p;
    const unit = units[u];
    const start = sim.now;
    if (this.slot[u] >= 0) pool.startRunning(this.slot[u], unit.vcpus, unit.ramBytes, start);
    let bootMax = 0;
    let upMax = 0;
    for (const v of unit.vms) {
      bootMax = Math.max(bootMax, bootSeconds[v]);
      upMax = Math.max(upMax, bootSeconds[v] + appSeconds[v]);
      if (this.p.record) {
        this.steps[u].push({ vm: v, step: 'boot', startSeconds: start, endSeconds: start + bootSeconds[v] });
        if (appSeconds[v] > 0) this.steps[u].push({ vm: v, step: 'app-recovery', startSeconds: start + bootSeconds[v], endSeconds: start + bootSeconds[v] + appSeconds[v] });
      }
    }
    if (holdSlot) {
      sim.at(start + bootMax, () => {
        if (this.gen[u] === g) this.releaseSlot(u);
      });
    }
    sim.at(start + upMax, () => {
      if (this.gen[u] !== g) return;
      this.upAt[u] = unit.vms.map((v) => start + bootSeconds[v] + appSeconds[v]);
      this.state[u] = UP;
      this.final++;
      this.settle(u);
      this.checkDone();
    });
  }

  private releaseSlot(u: number): void {
    const req = this.requests[u];
    if (req !== null) this.powerOns.release(req);
    this.requests[u] = null;
  }

  private fail(u: number): void {
    this.state[u] = FAILED;
    this.upAt[u] = [];
    this.final++;
    this.settle(u);
    this.checkDone();
  }

  /** First time a unit is up or known lost: release its dependents and count it off its group. */
  private settle(u: number): void {
    if (this.settled[u] === 1) return;
    this.settled[u] = 1;
    for (const d of this.p.units[u].dependents) {
      this.depsLeft[d]--;
      if (this.depsLeft[d] === 0) this.tryStart(d);
    }
    this.groupLeft[this.groupOf[u]]--;
    this.advanceGroups();
  }

  private checkDone(): void {
    if (this.final < this.n) return;
    for (const h of this.failHandles) this.p.sim.cancel(h);
    this.failHandles.length = 0;
  }

  private hostFailed(s: number): void {
    const { sim, pool } = this.p;
    const now = sim.now;
    pool.fail(s, now);
    for (let u = 0; u < this.n; u++) {
      if (this.slot[u] !== s || this.state[u] === FAILED) continue;
      this.gen[u]++;
      this.releaseSlot(u);
      if (this.state[u] === UP) this.final--;
      this.state[u] = WAITING;
      this.hostReady[u] = 0;
      this.slot[u] = -1;
      this.restartAt[u] = now;
      this.upAt[u] = [];
      this.place(u, now);
      if (this.state[u] !== FAILED) this.tryStart(u);
    }
  }

  /** After the run: per unit, what happened. Throws if units never started (a dependency cycle). */
  results(): UnitResult[] {
    const stuck = this.p.units.filter((u) => this.state[u.id] !== UP && this.state[u.id] !== FAILED);
    if (stuck.length > 0) {
      const names = stuck.slice(0, 5).map((u) => this.p.scenario.vms[u.vms[0]].name).join(', ');
      throw new Error(`recovery never powered on ${stuck.length} VM unit(s) (${names}${stuck.length > 5 ? ', ...' : ''}): a dependency cycle, or data that never arrived`);
    }
    return this.p.units.map((u) => {
      const ok = this.state[u.id] === UP;
      const slot = ok ? this.slot[u.id] : -1;
      const host = slot >= 0 ? this.p.pool.hosts[slot] : ok && !u.atDr ? this.p.localHost(u) : -1;
      return { recovered: ok, host, slot, upAtSeconds: this.upAt[u.id], steps: this.steps[u.id] };
    });
  }
}
