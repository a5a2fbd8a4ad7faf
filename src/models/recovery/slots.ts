/**
 * A pool of identical slots handed out in rank order: power-on slots (or operators) of a runbook, the
 * restore streams of a fabric. Requests are named by a rank (a unit id), and at most one request per rank
 * is live at a time, so waiting requests never tie.
 *
 * It grants exactly as a priority Resource (sim/resource.ts) with the rank as priority: at once when a
 * slot is free and nobody waits, else when a release frees one, lowest rank first. A grant is delivered
 * the same way too, as an event at the current time queued after what is already due (Resource: the
 * request event succeeds), so the event order is unchanged. What it saves is an event object, a callback
 * list, an options object and a closure per request: recovery makes one or two requests per unit. Grant
 * events come due in the order they were scheduled (each at the then current time), so they share one
 * callback that takes the next grant from a FIFO.
 */
import { IndexedHeap } from '../../sim/indexed-heap.js';
import { SimulationError, type Scheduler } from '../../sim/scheduler.js';
import { filled } from './arrays.js';

const IDLE = 0;
const WAITING = 1;
const HELD = 2;

export class RankedSlots {
  private users = 0;
  /** Waiting ranks, lowest first (a rank is its own id and key); a withdrawn one leaves at once. */
  private readonly line = new IndexedHeap();
  private readonly status: number[];
  /** Per rank: the ticket of its live request, handed back with the grant. */
  private readonly ticket: number[];
  /** Grants scheduled and not yet delivered, as (rank, ticket) pairs from `head` on. */
  private readonly due: number[] = [];
  private head = 0;
  private readonly deliver = (): void => {
    const rank = this.due[this.head];
    const ticket = this.due[this.head + 1];
    this.head += 2;
    if (this.head === this.due.length) {
      this.due.length = 0;
      this.head = 0;
    }
    this.onGrant(rank, ticket);
  };

  /**
   * @param ranks requests use ranks 0 .. ranks - 1
   * @param onGrant called from the grant event with the request's rank and ticket (a ticket lets the caller
   *   ignore the grant of a request it has since given up)
   */
  constructor(
    private readonly sim: Scheduler,
    readonly capacity: number,
    ranks: number,
    private readonly onGrant: (rank: number, ticket: number) => void,
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new SimulationError(`slot capacity must be an integer >= 1, got ${capacity}`);
    this.status = filled(ranks, IDLE);
    this.ticket = filled(ranks, 0);
  }

  /** Asks for a slot for `rank` (which must have no live request). */
  request(rank: number, ticket: number): void {
    this.ticket[rank] = ticket;
    if (this.users < this.capacity && this.line.size === 0) {
      this.grant(rank);
      return;
    }
    this.status[rank] = WAITING;
    this.line.push(rank, rank, 0);
  }

  /** Gives back `rank`'s slot, or withdraws its waiting request; nothing if it has no live request. */
  release(rank: number): void {
    const status = this.status[rank];
    this.status[rank] = IDLE;
    if (status === WAITING) {
      this.line.remove(rank);
      return;
    }
    if (status !== HELD) return;
    this.users--;
    while (this.users < this.capacity && this.line.size > 0) this.grant(this.line.pop());
  }

  private grant(rank: number): void {
    this.status[rank] = HELD;
    this.users++;
    this.due.push(rank, this.ticket[rank]);
    this.sim.at(this.sim.now, this.deliver);
  }
}
