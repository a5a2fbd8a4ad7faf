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
import type { Simulation } from '../../sim/simulation.js';
import { filled } from './arrays.js';
import type { RestoreService } from './restore.js';
import type { CleanRoomPipeline } from './clean-room.js';
import type { DrHostPool } from './placement.js';
import { RankedSlots } from './slots.js';
import { UnitTimeline, type UnitStep } from './timeline.js';
import { placementOrderOfUnits, type RecoveryUnits } from './failover-units.js';
import type { Runbook, Scenario } from '../scenario/model.js';

const WAITING = 0;
const QUEUED = 1;
const POWERING = 2;
const UP = 3;
const FAILED = 4;

/** What a waiting unit still lacks, as bits (dependencies are counted apart). */
const NEEDS_DATA = 1;
const NEEDS_HOST = 2;
const NEEDS_GROUP = 4;

export interface RunbookInput {
  sim: Simulation;
  scenario: Scenario;
  runbook: Runbook;
  units: RecoveryUnits;
  pool: DrHostPool;
  restores: RestoreService;
  drSite: number;
  declaredAtSeconds: number;
  /** Per scenario VM index (only affected ones are read). */
  bootSeconds: readonly number[];
  appSeconds: readonly number[];
  /** Per unit: operator time (manual runbook). */
  manualSeconds: readonly number[];
  /** Per pool slot: dev/test shutdown duration (0 without dev/test). */
  shutdownSeconds: readonly number[];
  /** Per pool slot: failure time (Infinity: never). */
  hostFailAtSeconds: readonly number[];
  /** Host of each VM in normal operation: where a unit recovered in place runs (-1 if unknown). */
  primary: Int32Array;
  /** The VMs still exist where they run (logical corruption): an in-place restore needs no guest rebuild. */
  guestsSurviveInPlace: boolean;
  record: boolean;
  /** Ransomware: every unit's data passes through the clean room (scan, move, clean); absent: data moves at declaration. */
  cleanRoom?: CleanRoomPipeline;
  /** Ransomware: per unit, 1 for the identity application's (rebuilt first: nothing else is admitted before they are up). */
  identity?: Uint8Array;
}

export class RunbookEngine {
  private readonly n: number;
  private readonly units: RecoveryUnits;
  private readonly state: number[];
  private readonly gen: number[];
  private readonly slot: number[];
  private readonly needs: number[];
  private readonly depsLeft: number[];
  private readonly settled: number[];
  /** Start of the power-on that brought the unit up (read when UP). */
  private readonly poweredOnAt: number[];
  /** Only when recording. */
  private readonly timeline: UnitTimeline | null;
  /** Power-on slots (operators for a manual runbook); a request's ticket is the unit's generation. */
  private readonly powerOns: RankedSlots;
  private readonly onRestored = (u: number, t: number): void => this.dataPart(u, t);
  private readonly onCleaned = (u: number, t: number): void => this.dataDone(u, t);
  /** Identity units not yet up or lost; the units held back until then. */
  private identityLeft = 0;
  private held: number[] = [];
  /** Per unit: parts of its data still to come (its restore, its replicas' promotion). */
  private readonly dataLeft: number[];
  private readonly manual: boolean;
  private readonly groupOf: number[];
  /** Units are in rank order, so priority group g is the unit range groupStart[g] .. groupStart[g + 1]. */
  private readonly groupStart: number[];
  private readonly groupLeft: number[];
  private readonly groups: number;
  /**
   * During a placement pass (declaration, a host failure): units waiting for a host's dev/test shutdown, by
   * ready time, as (unit, generation) pairs. Their events would be adjacent in the event order (the pass
   * schedules nothing else at that time), so they share one.
   */
  private hostWaits: Map<number, number[]> | null = null;
  private currentGroup = 0;
  private final = 0;
  private readonly failHandles: number[] = [];

  constructor(private readonly p: RunbookInput) {
    const units = (this.units = p.units);
    const n = (this.n = units.count);
    this.state = filled(n, WAITING);
    this.gen = filled(n, 0);
    this.slot = filled(n, -1);
    this.needs = filled(n, NEEDS_DATA | NEEDS_HOST | NEEDS_GROUP);
    this.depsLeft = units.depCount.slice();
    this.settled = filled(n, 0);
    this.dataLeft = filled(n, 0);
    this.poweredOnAt = filled(n, 0);
    this.timeline = p.record ? new UnitTimeline(n, p.declaredAtSeconds) : null;
    this.manual = p.runbook.kind === 'manual';
    const capacity = p.runbook.kind === 'manual' ? p.runbook.operators : p.runbook.maxParallelPowerOns;
    this.powerOns = new RankedSlots(p.sim, Math.max(1, Math.floor(capacity)), n, (u, g) => {
      if (this.gen[u] === g) this.granted(u, g);
    });
    this.groupOf = filled(n, 0);
    const starts = [0];
    for (let u = 1; u < n; u++) if (units.priority[u] !== units.priority[u - 1]) starts.push(u);
    this.groups = n === 0 ? 0 : starts.length;
    this.groupStart = filled(this.groups + 1, 0);
    this.groupLeft = filled(this.groups, 0);
    for (let g = 0; g < this.groups; g++) {
      this.groupStart[g] = starts[g];
      this.groupStart[g + 1] = g + 1 < starts.length ? starts[g + 1] : n;
      this.groupLeft[g] = this.groupStart[g + 1] - starts[g];
      this.groupOf.fill(g, starts[g], this.groupStart[g + 1]);
    }
  }

  /** Schedules declaration (and DR host failures); run the simulation afterwards, then call finish(). */
  schedule(): void {
    const { sim, pool } = this.p;
    if (this.n === 0) return;
    if (this.units.atDr.includes(1)) {
      for (let s = 0; s < pool.size; s++) {
        const at = this.p.hostFailAtSeconds[s];
        if (Number.isFinite(at)) this.failHandles.push(sim.at(at, () => this.hostFailed(s)));
      }
    }
    sim.at(this.p.declaredAtSeconds, () => this.declare());
  }

  private declare(): void {
    const { sim, pool, scenario } = this.p;
    const units = this.units;
    const n = this.n;
    const now = sim.now;
    for (let s = 0; s < pool.size; s++) {
      if (!pool.hasDevTest(s) || pool.alive[s] === 0) continue;
      const end = now + this.p.shutdownSeconds[s];
      pool.preempt(s, end);
      if (this.p.record) sim.at(end, () => pool.devTestGone(s, sim.now));
    }
    // Placement: priority group, then RAM descending (first-fit decreasing), then rank.
    this.hostWaits = new Map();
    for (const u of placementOrderOfUnits(scenario, units)) this.place(u, now);
    this.hostWaits = null;
    for (let u = 0; u < n; u++) {
      if (units.atDr[u] === 0) {
        this.needs[u] &= ~NEEDS_HOST;
        this.timeline?.hostReadyAt(u, now);
      }
    }
    const clean = this.p.cleanRoom;
    const identity = this.p.identity;
    if (clean !== undefined && identity !== undefined) {
      for (let u = 0; u < n; u++) if (identity[u] === 1 && this.state[u] !== FAILED) this.identityLeft++;
    }
    for (let u = 0; u < n; u++) {
      if (this.state[u] === FAILED) continue;
      const restore = units.restore[u];
      // Data is ready when its restore is done and its replicas are promoted (storage failover), whichever is later.
      const restores = restore !== null && units.restoreBytes[u] > 0;
      const promote = units.promoteSeconds[u];
      this.dataLeft[u] = (restores ? 1 : 0) + (promote > 0 ? 1 : 0);
      if (clean !== undefined) {
        // Identity first: the rest waits outside the clean room until the directory services are up.
        if (this.identityLeft > 0 && identity![u] !== 1) this.held.push(u);
        else clean.admit(u, () => this.moveData(u));
        continue;
      }
      this.moveData(u);
      if (this.dataLeft[u] === 0) {
        this.needs[u] &= ~NEEDS_DATA;
        this.timeline?.dataReadyAt(u, now);
      }
    }
    // The identity units come back outside the priority groups' order (every other unit waits for them).
    if (this.identityLeft > 0) for (let u = 0; u < n; u++) if (identity![u] === 1) this.needs[u] &= ~NEEDS_GROUP;
    if (this.manual) {
      for (let u = 0; u < n; u++) this.needs[u] &= ~NEEDS_GROUP;
    } else if (this.groups > 0) {
      this.openGroup(0);
    }
    this.advanceGroups();
    for (let u = 0; u < n; u++) this.tryStart(u);
  }

  private place(u: number, now: number): void {
    const { pool } = this.p;
    const slot = pool.place(this.units.vcpus[u], this.units.ramBytes[u], now);
    if (slot < 0) {
      this.fail(u);
      return;
    }
    const readyAt = pool.placedReadyAtSeconds;
    this.slot[u] = slot;
    this.timeline?.hostReadyAt(u, readyAt);
    if (readyAt <= now) this.needs[u] &= ~NEEDS_HOST;
    else this.waitForHost(u, readyAt);
  }

  private waitForHost(u: number, readyAt: number): void {
    const waits = this.hostWaits!;
    const batch = waits.get(readyAt);
    if (batch !== undefined) {
      batch.push(u, this.gen[u]);
      return;
    }
    const units = [u, this.gen[u]];
    waits.set(readyAt, units);
    this.p.sim.at(readyAt, () => {
      for (let k = 0; k < units.length; k += 2) {
        const w = units[k];
        if (this.gen[w] !== units[k + 1]) continue;
        this.needs[w] &= ~NEEDS_HOST;
        this.tryStart(w);
      }
    });
  }

  /** Starts unit u's restore and its replicas' promotion (through the clean room: also tells it when nothing moves). */
  private moveData(u: number): void {
    const { sim, scenario } = this.p;
    const units = this.units;
    const restore = units.restore[u];
    const promote = units.promoteSeconds[u];
    if (restore !== null && units.restoreBytes[u] > 0) {
      const dest = units.atDr[u] === 1 ? this.p.drSite : scenario.vms[units.members[units.memberStart[u]]].site;
      // A corrupted VM restored in place still has its guest: no rebuild before a file-level restore.
      this.p.restores.restore(restore, dest, units.restoreBytes[u], u, this.onRestored, !(this.p.guestsSurviveInPlace && units.atDr[u] === 0));
    }
    if (promote > 0) sim.after(promote, () => this.dataPart(u, sim.now));
    if (this.p.cleanRoom !== undefined && this.dataLeft[u] === 0) this.p.cleanRoom.moved(u, sim.now, this.onCleaned);
  }

  private dataPart(u: number, t: number): void {
    if (--this.dataLeft[u] !== 0) return;
    if (this.p.cleanRoom !== undefined) this.p.cleanRoom.moved(u, t, this.onCleaned);
    else this.dataDone(u, t);
  }

  private dataDone(u: number, t: number): void {
    // Data lives on DR storage, not on a host: a host failure does not undo a restore.
    this.needs[u] &= ~NEEDS_DATA;
    this.timeline?.dataReadyAt(u, t);
    this.tryStart(u);
  }

  private openGroup(g: number): void {
    for (let u = this.groupStart[g]; u < this.groupStart[g + 1]; u++) {
      this.needs[u] &= ~NEEDS_GROUP;
      this.tryStart(u);
    }
  }

  private advanceGroups(): void {
    if (this.manual) return;
    while (this.currentGroup < this.groups && this.groupLeft[this.currentGroup] === 0) {
      this.currentGroup++;
      if (this.currentGroup < this.groups) this.openGroup(this.currentGroup);
    }
  }

  private tryStart(u: number): void {
    if (this.state[u] !== WAITING || this.needs[u] !== 0 || this.depsLeft[u] > 0) return;
    this.state[u] = QUEUED;
    this.timeline?.eligible(u, this.p.sim.now, this.units.restore[u] !== null && this.units.restoreBytes[u] > 0);
    this.powerOns.request(u, this.gen[u]);
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
        this.timeline?.queued(u, end);
        this.powerOn(u, g, false);
      });
    } else {
      this.timeline?.queued(u, now);
      this.powerOn(u, g, true);
    }
  }

  /** Boots every member (in parallel) and recovers its application; `holdSlot`: release the power-on slot when booting ends. */
  private powerOn(u: number, g: number, holdSlot: boolean): void {
    const { sim, pool, bootSeconds, appSeconds } = this.p;
    const { members, memberStart } = this.units;
    const start = sim.now;
    if (this.slot[u] >= 0) pool.startRunning(this.slot[u], this.units.vcpus[u], this.units.ramBytes[u], start);
    let bootMax = 0;
    let upMax = 0;
    for (let m = memberStart[u]; m < memberStart[u + 1]; m++) {
      const v = members[m];
      bootMax = Math.max(bootMax, bootSeconds[v]);
      upMax = Math.max(upMax, bootSeconds[v] + appSeconds[v]);
      this.timeline?.boots(u, v, start, bootSeconds[v], appSeconds[v]);
    }
    const upAt = start + upMax;
    if (holdSlot && start + bootMax !== upAt) {
      sim.at(start + bootMax, () => {
        if (this.gen[u] === g) this.releaseSlot(u);
      });
    }
    // When booting ends as the unit comes up (no app recovery), one event does both, release first: the two
    // events would have been adjacent in the event order, so nothing else could run between them.
    const releaseAtUp = holdSlot && start + bootMax === upAt;
    sim.at(upAt, () => {
      if (this.gen[u] !== g) return;
      if (releaseAtUp) this.releaseSlot(u);
      this.poweredOnAt[u] = start;
      this.state[u] = UP;
      this.final++;
      this.settle(u);
      this.checkDone();
    });
  }

  private releaseSlot(u: number): void {
    this.powerOns.release(u);
  }

  private fail(u: number): void {
    this.state[u] = FAILED;
    this.final++;
    this.settle(u);
    this.checkDone();
  }

  /** First time a unit is up or known lost: release its dependents and count it off its group. */
  private settle(u: number): void {
    if (this.settled[u] === 1) return;
    this.settled[u] = 1;
    const { dependents, dependentStart } = this.units;
    for (let k = dependentStart[u]; k < dependentStart[u + 1]; k++) {
      const d = dependents[k];
      this.depsLeft[d]--;
      if (this.depsLeft[d] === 0) this.tryStart(d);
    }
    this.groupLeft[this.groupOf[u]]--;
    if (this.identityLeft > 0 && this.p.identity![u] === 1 && --this.identityLeft === 0) {
      const held = this.held;
      this.held = [];
      for (const w of held) this.p.cleanRoom!.admit(w, () => this.moveData(w));
    }
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
    this.hostWaits = new Map();
    for (let u = 0; u < this.n; u++) {
      if (this.slot[u] !== s || this.state[u] === FAILED) continue;
      this.gen[u]++;
      this.releaseSlot(u);
      if (this.state[u] === UP) this.final--;
      this.state[u] = WAITING;
      this.needs[u] |= NEEDS_HOST;
      this.slot[u] = -1;
      this.timeline?.restarted(u, now);
      this.place(u, now);
      if (this.state[u] !== FAILED) this.tryStart(u);
    }
    this.hostWaits = null;
  }

  /** After the run: throws if units never started (a dependency cycle). */
  finish(): void {
    let stuck = 0;
    const names: string[] = [];
    for (let u = 0; u < this.n; u++) {
      if (this.state[u] === UP || this.state[u] === FAILED) continue;
      if (stuck++ < 5) names.push(this.p.scenario.vms[this.units.members[this.units.memberStart[u]]].name);
    }
    if (stuck > 0) {
      throw new Error(`recovery never powered on ${stuck} VM unit(s) (${names.join(', ')}${stuck > 5 ? ', ...' : ''}): a dependency cycle, or data that never arrived`);
    }
  }

  /** Whether unit u ended up running ('recovered'; else 'no-capacity'). */
  recovered(u: number): boolean {
    return this.state[u] === UP;
  }

  /** Pool slot a recovered DR unit runs on, -1 otherwise. */
  slotOf(u: number): number {
    return this.state[u] === UP ? this.slot[u] : -1;
  }

  /** Scenario host a recovered unit runs on (its pool slot's, or its own host when recovered in place), -1 if none. */
  hostOf(u: number): number {
    const slot = this.slotOf(u);
    if (slot >= 0) return this.p.pool.hosts[slot];
    return this.state[u] === UP && this.units.atDr[u] === 0 ? this.p.primary[this.units.members[this.units.memberStart[u]]] : -1;
  }

  /** When member `v` of recovered unit u was up (sim seconds). */
  upAtSeconds(u: number, v: number): number {
    return this.poweredOnAt[u] + this.p.bootSeconds[v] + this.p.appSeconds[v];
  }

  /** Unit u's recorded steps (empty unless recording). */
  steps(u: number): readonly UnitStep[] {
    return this.timeline?.stepsOf(u) ?? [];
  }
}
