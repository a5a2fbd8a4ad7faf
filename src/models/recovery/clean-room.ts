/**
 * Ransomware recovery's path for a unit's data, before the unit may power on (the runbook drives it):
 *   admitted (identity rebuilt first: see runbook.ts) → a clean-room slot (at most `slots` units inside at
 *   once; none: no limit) → its restore points scanned (bytes = used data × points scanned, on one fluid link
 *   at the scan rate shared by the scans running at once, at most `scanStreams`, the rest queued in rank order) → its data moved (restore fabrics, replica promotion) →
 *   cleaned (a point from after the compromise) → leaves the clean room, ready to power on.
 * Each unit's stage times are kept, so recovery can say which stage held each VM back longest.
 */
import { FluidLink } from '../../sim/fluid-link.js';
import type { Simulation } from '../../sim/simulation.js';
import { filled } from './arrays.js';
import { RankedSlots } from './slots.js';

export interface CleanRoomInput {
  sim: Simulation;
  units: number;
  /** Shared by every scan running at once. */
  scanBytesPerSecond: number;
  /** Scans running at once; the rest wait in rank order. */
  scanStreams: number;
  /** Units inside the clean room at once; null: no clean room (no limit). */
  slots: number | null;
  /** Per unit: bytes to scan (its members' used data × the points scanned for each). */
  scanBytes: readonly number[];
  /** Per unit: cleaning after its data arrived (0: its point predates the compromise). */
  cleaningSeconds: readonly number[];
}

export class CleanRoomPipeline {
  /** Per unit, the stage times (simulation seconds; NaN until reached). */
  readonly admittedAt: number[];
  readonly enteredAt: number[];
  readonly scannedAt: number[];
  readonly movedAt: number[];
  readonly cleanedAt: number[];
  private readonly scan: FluidLink | null;
  private readonly room: RankedSlots | null;
  private readonly scanSlots: RankedSlots;
  private readonly moves: ((() => void) | null)[];

  constructor(private readonly p: CleanRoomInput) {
    const n = p.units;
    this.admittedAt = filled(n, NaN);
    this.enteredAt = filled(n, NaN);
    this.scannedAt = filled(n, NaN);
    this.movedAt = filled(n, NaN);
    this.cleanedAt = filled(n, NaN);
    this.moves = new Array<(() => void) | null>(n).fill(null);
    this.scan = Number.isFinite(p.scanBytesPerSecond) ? new FluidLink(p.sim, { capacityBytesPerSecond: p.scanBytesPerSecond }) : null;
    this.room = p.slots === null ? null : new RankedSlots(p.sim, Math.max(1, Math.floor(p.slots)), n, (u) => this.enter(u));
    this.scanSlots = new RankedSlots(p.sim, Math.max(1, Math.floor(p.scanStreams)), n, (u) => this.startScan(u));
  }

  /** Unit u may start: it waits for a clean-room slot (rank order), is scanned, then `move` starts its data. */
  admit(u: number, move: () => void): void {
    this.admittedAt[u] = this.p.sim.now;
    this.moves[u] = move;
    if (this.room === null) this.enter(u);
    else this.room.request(u, 0);
  }

  /** Unit u's data has arrived at `t`: it is cleaned, leaves the clean room, and `ready` is told. */
  moved(u: number, t: number, ready: (u: number, t: number) => void): void {
    const { sim } = this.p;
    this.movedAt[u] = t;
    const leave = (at: number): void => {
      this.cleanedAt[u] = at;
      this.room?.release(u);
      ready(u, at);
    };
    const cleaning = this.p.cleaningSeconds[u];
    if (cleaning > 0) sim.after(cleaning, () => leave(sim.now));
    else leave(t);
  }

  private enter(u: number): void {
    const now = this.p.sim.now;
    this.enteredAt[u] = now;
    if (this.scan === null || !(this.p.scanBytes[u] > 0)) this.scanned(u, now);
    else this.scanSlots.request(u, 0);
  }

  private startScan(u: number): void {
    this.scan!.startTransfer(this.p.scanBytes[u], {
      onComplete: (t) => {
        this.scanSlots.release(u);
        this.scanned(u, t);
      },
    });
  }

  private scanned(u: number, t: number): void {
    this.scannedAt[u] = t;
    const move = this.moves[u]!;
    this.moves[u] = null;
    move();
  }
}
