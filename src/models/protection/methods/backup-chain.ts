/**
 * A backup chain: an incremental restores only together with the full it builds on and every incremental
 * between (forever-incremental: everything since the seeded full). Copies may arrive out of order — a small
 * incremental overtakes a weekly full on a shared link — so a point is usable at a place once its own copy
 * and every earlier one of its chain are there:
 *   usable[i] = arrived[i] for a full, max(usable[i − 1], arrived[i]) for an incremental.
 * The usable times are the recovery-point log's array (localAt or offsiteAt), kept up to date as copies
 * arrive; arrivals only record, so this may run inside a passive transfer's callback.
 */
export class ChainArrivals {
  private readonly arrived: number[] = [];
  private readonly startsChain: boolean[] = [];

  /** `usable` is the log's array for one place; its existing entries are the seed's. */
  constructor(private readonly usable: number[]) {
    for (let i = 0; i < usable.length; i++) {
      this.arrived.push(usable[i]);
      this.startsChain.push(i === 0);
    }
  }

  /** A new point (appended to the log by the caller), not yet arrived. */
  push(isFull: boolean): void {
    this.arrived.push(Infinity);
    this.startsChain.push(isFull);
  }

  /** Point i's own copy is at the place at `t`: it and the later points of its chain may now be usable. */
  arrive(i: number, t: number): void {
    this.arrived[i] = t;
    const u = this.usable;
    for (let k = i; k < u.length; k++) {
      const at = this.startsChain[k] || k === 0 ? this.arrived[k] : Math.max(u[k - 1], this.arrived[k]);
      if (k > i && (this.startsChain[k] || at === u[k])) break;
      u[k] = at;
    }
  }
}
