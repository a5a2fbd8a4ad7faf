/**
 * Moving restored data (methods whose copy must be restored; a replica is promoted where it is, in its
 * method's promoteSeconds, by the runbook).
 *
 * Each distinct path — backup target, copy (local or offsite), copy site, destination site — is one
 * *restore fabric*: a fluid processor-sharing link (FluidLink) whose capacity is its slowest stage
 * (DomAIN: "restore time = data / slowest stage, shared by all VMs restoring at once"):
 *   - the read rate of the store holding the copy (the backup target; the offsite copy's own store),
 *   - the destination site's storage write rate (sum over its arrays; a failed array is excluded, and
 *     stands in for its own replacement when it was the site's only array),
 *   - the WAN's usable rate (bandwidth × efficiency) when the copy sits at another site than the
 *     destination; the fabric stalls (capacity 0) during that link's outages.
 * At most `restoreStreams` restores run at once per fabric (RankedSlots); the rest queue in priority order. A
 * stream first mounts the media (tapes: `mountSeconds`) and, for a VM whose guest is gone and whose copy is
 * file-level (agent backups), rebuilds the guest (`rebuildSeconds`); then the bytes move.
 * Simplification: two fabrics that cross the same WAN link do not share it.
 */
import { FluidLink } from '../../sim/fluid-link.js';
import type { Simulation } from '../../sim/simulation.js';
import type { OutageInterval } from '../failures/events.js';
import { filled } from './arrays.js';
import { RankedSlots } from './slots.js';
import type { RestoreSource } from './sources.js';
import type { Scenario, Strategy } from '../scenario/model.js';
import { methodDefinition } from '../protection/methods/registry.js';

/** One restore path; restores from the same target and copy to the same site share it. */
interface Fabric {
  target: number;
  local: boolean;
  copySite: number;
  destSite: number;
  /** Null: nothing limits the rate (the restore is instant), and no streams are needed. */
  link: FluidLink | null;
  streams: RankedSlots | null;
}

/** Told when rank's restore is complete. */
export type RestoreDone = (rank: number, timeSeconds: number) => void;

export interface RestorePath {
  readBytesPerSecond: number;
  writeBytesPerSecond: number;
  /** WAN link crossed (null: copy and destination share a site, or no link joins them). */
  link: number | null;
  wanBytesPerSecond: number;
  /** Slowest stage. */
  bottleneckBytesPerSecond: number;
}

/** The stages of restoring `source` to `destSite` (exported for reports and tests). */
export function restorePath(scenario: Scenario, source: RestoreSource, destSite: number, failedStorage: number | null): RestorePath {
  const readBytesPerSecond = source.readBytesPerSecond;
  let writeBytesPerSecond = 0;
  let any = false;
  scenario.storage.forEach((a, i) => {
    if (a.site === destSite && i !== failedStorage) {
      writeBytesPerSecond += a.writeBytesPerSecond;
      any = true;
    }
  });
  if (!any) writeBytesPerSecond = failedStorage !== null && scenario.storage[failedStorage].site === destSite ? scenario.storage[failedStorage].writeBytesPerSecond : Infinity;
  const link = restoreLink(scenario, source.site, destSite, source.preferredLink);
  const wanBytesPerSecond = link === null ? Infinity : (scenario.links[link].bandwidthBitsPerSecond * scenario.links[link].efficiency) / 8;
  return {
    readBytesPerSecond,
    writeBytesPerSecond,
    link,
    wanBytesPerSecond,
    bottleneckBytesPerSecond: Math.min(readBytesPerSecond, writeBytesPerSecond, wanBytesPerSecond),
  };
}

/** The WAN link a restore from `copySite` to `destSite` crosses (the copy's own link if it joins them), or null. */
export function restoreLink(scenario: Scenario, copySite: number, destSite: number, preferredLink: number | null): number | null {
  if (copySite === destSite) return null;
  const joins = (l: number): boolean => {
    const k = scenario.links[l];
    return (k.siteA === copySite && k.siteB === destSite) || (k.siteB === copySite && k.siteA === destSite);
  };
  if (preferredLink !== null && joins(preferredLink)) return preferredLink;
  const l = scenario.links.findIndex((_, i) => joins(i));
  return l >= 0 ? l : null;
}

/**
 * Links a strategy's restores would cross: from each restorable copy (local, offsite) to where it is restored
 * (the VMs' own site for a local copy, the DR site for the offsite one). A link kept only for restores is paid
 * for all the same.
 */
export function restoreLinks(scenario: Scenario, strategy: Strategy): number[] {
  const links = new Set<number>();
  const drSite = strategy.recovery.drSite;
  for (const a of strategy.assignments) {
    const sites = new Set(a.vms.map((v) => scenario.vms[v].site));
    for (const m of a.methods) {
      const use = methodDefinition(m).recovery;
      if (use.kind !== 'restore') continue;
      const local = use.copy(scenario, m, true, drSite);
      for (const site of sites) {
        const l = restoreLink(scenario, local.site, site, local.preferredLink);
        if (l !== null) links.add(l);
      }
      const offsite = use.copy(scenario, m, false, drSite);
      const l = restoreLink(scenario, offsite.site, drSite, offsite.preferredLink);
      if (l !== null) links.add(l);
    }
  }
  return [...links].sort((x, y) => x - y);
}

export class RestoreService {
  /** Few per recovery (one per backup target, copy and destination): a list beats string keys. */
  private readonly fabrics: Fabric[] = [];

  /** Per rank: bytes to move, setup before they move (mount, rebuild), and whom to tell (made at the first restore: replicas need none). */
  private bytes: number[] = [];
  private setupSeconds: number[] = [];
  private onDone: (RestoreDone | null)[] = [];

  /**
   * @param originSeconds absolute time of simulation time 0 (outage intervals are absolute).
   * @param ranks restores are ranked 0 .. ranks - 1, at most one per rank
   */
  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
    private readonly failedStorage: number | null,
    private readonly linkOutages: OutageInterval[][] | undefined,
    private readonly originSeconds: number,
    private readonly ranks: number,
  ) {}

  /**
   * Queues a restore of `bytes`; call in priority order (`rank` orders the stream queue). With a stream, the
   * restore first mounts its media and, when `rebuildGuest` (the VM is gone and the copy is file-level),
   * rebuilds the guest; then the data moves.
   */
  restore(source: RestoreSource, destSite: number, bytes: number, rank: number, onDone: RestoreDone, rebuildGuest = true): void {
    const fabric = this.fabric(source, destSite);
    const setup = source.mountSeconds + (rebuildGuest ? source.rebuildSeconds : 0);
    if (fabric.streams === null) {
      this.sim.after(setup, () => onDone(rank, this.sim.now));
      return;
    }
    if (this.bytes.length === 0) {
      this.bytes = filled(this.ranks, 0);
      this.setupSeconds = filled(this.ranks, 0);
      this.onDone = new Array<RestoreDone | null>(this.ranks).fill(null);
    }
    this.bytes[rank] = bytes;
    this.setupSeconds[rank] = setup;
    this.onDone[rank] = onDone;
    fabric.streams.request(rank, 0);
  }

  private start(link: FluidLink, streams: RankedSlots, rank: number): void {
    const move = (): void => {
      link.startTransfer(this.bytes[rank], {
        onComplete: (t) => {
          streams.release(rank);
          this.onDone[rank]!(rank, t);
        },
      });
    };
    if (this.setupSeconds[rank] > 0) this.sim.after(this.setupSeconds[rank], move);
    else move();
  }

  private fabric(source: RestoreSource, destSite: number): Fabric {
    const target = source.store;
    for (const f of this.fabrics) {
      if (f.target === target && f.local === source.local && f.copySite === source.site && f.destSite === destSite) return f;
    }
    const path = restorePath(this.scenario, source, destSite, this.failedStorage);
    const capacity = Math.max(1, Math.floor(source.streams));
    const rate = path.bottleneckBytesPerSecond;
    const link = Number.isFinite(rate) ? new FluidLink(this.sim, { capacityBytesPerSecond: rate }) : null;
    const streams = link === null ? null : new RankedSlots(this.sim, capacity, this.ranks, (rank) => this.start(link, streams!, rank));
    if (link !== null && path.link !== null) this.scheduleOutages(link, rate, this.linkOutages?.[path.link] ?? []);
    const f = { target, local: source.local, copySite: source.site, destSite, link, streams };
    this.fabrics.push(f);
    return f;
  }

  private scheduleOutages(link: FluidLink, rate: number, outages: readonly OutageInterval[]): void {
    let down = 0;
    for (const o of outages) {
      const end = o.endSeconds - this.originSeconds;
      if (end <= 0 || !(o.endSeconds > o.startSeconds)) continue;
      const start = Math.max(0, o.startSeconds - this.originSeconds);
      this.sim.at(start, () => {
        if (down++ === 0) link.setCapacity(0);
      });
      if (Number.isFinite(end)) {
        this.sim.at(end, () => {
          if (--down === 0) link.setCapacity(rate);
        });
      }
    }
  }
}
