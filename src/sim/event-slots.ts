/**
 * Slots for pending events, shared by the event queues: a slot holds one event from push until it
 * leaves the queue, then is recycled (LIFO, so a pop-then-push reuses warm memory). A handle encodes
 * (generation, slot): a handle kept after its event ran or was cancelled never cancels whatever later
 * reuses the slot. Up to 2^26 simultaneous events, 2^27 reuses per slot.
 */
const SLOT_SPACE = 2 ** 26;
const GEN_MASK = 2 ** 27 - 1;

export function growTyped<A extends Float64Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

export class SlotAllocator {
  gen: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  /** Slots ever handed out (the high-water mark). */
  used = 0;

  /** `onGrow(capacity)` lets the queue grow its own per-slot arrays alongside. */
  constructor(capacity: number, private readonly owner: string, private readonly onGrow: (capacity: number) => void) {
    this.gen = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  alloc(): number {
    let slot: number;
    if (this.freeTop > 0) {
      slot = this.free[--this.freeTop];
    } else {
      if (this.used === this.gen.length) this.grow();
      slot = this.used++;
    }
    this.gen[slot] = (this.gen[slot] + 1) & GEN_MASK;
    return slot;
  }

  release(slot: number): void {
    this.free[this.freeTop++] = slot;
  }

  handleOf(slot: number): number {
    return this.gen[slot] * SLOT_SPACE + slot;
  }

  /** The slot a handle names if its generation is current, else -1. */
  slotOf(handle: number): number {
    if (!Number.isInteger(handle) || handle < 0) return -1;
    const slot = handle % SLOT_SPACE;
    return slot < this.used && this.gen[slot] === (handle - slot) / SLOT_SPACE ? slot : -1;
  }

  private grow(): void {
    const cap = this.gen.length * 2;
    if (cap > SLOT_SPACE) throw new RangeError(`${this.owner}: more than ${SLOT_SPACE} pending events`);
    this.gen = growTyped(this.gen, new Int32Array(cap));
    this.free = growTyped(this.free, new Int32Array(cap));
    this.onGrow(cap);
  }
}
