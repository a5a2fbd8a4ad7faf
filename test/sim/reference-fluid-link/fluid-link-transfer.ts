/**
 * A bulk transfer on a fluid link: b bytes at weight w, elastic (it takes w·φ of the link). The link keys
 * it by its finish virtual time V0 + b/w, fixed at the start; only the link's virtual clock moves.
 */

export interface TransferOptions {
  /** Weight in the fair sharing; > 0. Default 1. */
  weight?: number;
  /** Called from the scheduler's event at the exact completion time. */
  onComplete?: (timeSeconds: number) => void;
  /**
   * The callback only records (it schedules nothing and touches no link or simulation). The link may then
   * run the completion ahead of the scheduler's clock, inside one of its own events, when no other event is
   * due before it: a wave of transfers that started together finishes in one event instead of one each.
   * The promise is checked: a passive callback that changes any link or schedules anything throws a
   * SimulationError (its completion time could already be wrong). See fluid-link-passive.ts.
   */
  passive?: boolean;
  /** Its remaining bytes count in the link's queued bytes (peakQueuedBytes). Default false. */
  countQueued?: boolean;
}

export interface Transfer {
  readonly sizeBytes: number;
  readonly weight: number;
  readonly startTimeSeconds: number;
  /** Exact at the scheduler's current time; frozen once cancelled, 0 once done. */
  readonly remainingBytes: number;
  readonly done: boolean;
  readonly cancelled: boolean;
  /** NaN until done. */
  readonly completionTimeSeconds: number;
}

/** What a transfer asks its link: the bytes left now for a given finish virtual time. */
export interface TransferLink {
  remainingBytesAtVirtual(finishVirtual: number, weight: number, sizeBytes: number): number;
}

export class TransferState implements Transfer {
  done = false;
  cancelled = false;
  completionTimeSeconds = NaN;
  frozenRemainingBytes = 0;
  constructor(
    readonly link: TransferLink,
    /** Its id in the link's heap and slot table. */
    public slot: number,
    public sizeBytes: number,
    public weight: number,
    public startTimeSeconds: number,
    public finishVirtual: number,
    public onComplete: ((timeSeconds: number) => void) | undefined,
    public passive: boolean,
    /** Made by send(): nobody holds it, so it is recycled once complete. */
    readonly pooled: boolean,
    /** Its remaining bytes count in the link's queued bytes. */
    public countQueued: boolean,
  ) {}

  get remainingBytes(): number {
    if (this.done) return 0;
    if (this.cancelled) return this.frozenRemainingBytes;
    return this.link.remainingBytesAtVirtual(this.finishVirtual, this.weight, this.sizeBytes);
  }

  /** A pooled (send()) transfer starts again, with no allocation. */
  reuse(slot: number, sizeBytes: number, weight: number, startTimeSeconds: number, finishVirtual: number, onComplete: ((timeSeconds: number) => void) | undefined, countQueued: boolean): void {
    this.slot = slot;
    this.sizeBytes = sizeBytes;
    this.weight = weight;
    this.startTimeSeconds = startTimeSeconds;
    this.finishVirtual = finishVirtual;
    this.onComplete = onComplete;
    this.done = false;
    this.completionTimeSeconds = NaN;
    this.countQueued = countQueued;
  }
}
