/**
 * A resource with `capacity` identical units (servers, restore slots, ...). Requests wait in FIFO
 * order, or by priority (lower number first, FIFO among equals); no preemption.
 */
import { heapPop, heapPush } from './binary-heap.js';
import { SimEvent } from './events.js';
import { SimulationError } from './scheduler.js';
import type { Simulation } from './simulation.js';

export type ResourceDiscipline = 'fifo' | 'priority';

export interface ResourceOptions {
  discipline?: ResourceDiscipline;
}

export interface RequestOptions {
  /** Only for 'priority' resources: lower is served first (default 0). */
  priority?: number;
}

const WAITING = 0;
const GRANTED = 1;
const RELEASED = 2;
const CANCELLED = 3;

/** A request for one unit; succeeds (with itself) when granted. */
export class Request extends SimEvent<Request> {
  readonly resource: Resource;
  readonly priority: number;
  /** @internal FIFO tie-breaker. */
  readonly _order: number;
  /** @internal WAITING, GRANTED, RELEASED or CANCELLED. */
  _status = WAITING;

  constructor(resource: Resource, priority: number, order: number) {
    super(resource.sim);
    this.resource = resource;
    this.priority = priority;
    this._order = order;
  }

  /** True once the unit was granted (even if since released). */
  get granted(): boolean {
    return this._status === GRANTED || this._status === RELEASED;
  }

  /** Withdraws a request still waiting in the queue; false if it was granted (use release) or already withdrawn. */
  cancel(): boolean {
    return this.resource._cancel(this);
  }
}

export class Resource {
  readonly sim: Simulation;
  readonly capacity: number;
  readonly discipline: ResourceDiscipline;
  private users = 0;
  // Binary heap of waiting requests by (priority, order); cancelled ones are dropped lazily.
  private heap: Request[] = [];
  private waiting = 0;
  private nextOrder = 0;

  constructor(sim: Simulation, capacity: number, options: ResourceOptions = {}) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new SimulationError(`Resource capacity must be an integer >= 1, got ${capacity}`);
    }
    const discipline = options.discipline ?? 'fifo';
    if (discipline !== 'fifo' && discipline !== 'priority') {
      throw new SimulationError(`Resource discipline must be 'fifo' or 'priority', got ${String(discipline)}`);
    }
    this.sim = sim;
    this.capacity = capacity;
    this.discipline = discipline;
  }

  /** Units held right now. */
  get inUse(): number {
    return this.users;
  }

  /** Requests waiting (not granted, not cancelled). */
  get queueLength(): number {
    return this.waiting;
  }

  request(options: RequestOptions = {}): Request {
    let priority = 0;
    if (options.priority !== undefined) {
      if (this.discipline !== 'priority') {
        throw new SimulationError("request({ priority }) needs a resource created with { discipline: 'priority' }");
      }
      if (!Number.isFinite(options.priority)) throw new SimulationError(`request priority must be finite, got ${options.priority}`);
      priority = options.priority;
    }
    const req = new Request(this, priority, this.nextOrder++);
    if (this.users < this.capacity && this.waiting === 0) {
      this.grant(req);
    } else {
      heapPush(this.heap, req, before);
      this.waiting++;
    }
    return req;
  }

  /**
   * Gives the unit back (or withdraws the request if it is still waiting, so `finally { release }`
   * is always right). Returns false if the request was already released or withdrawn.
   */
  release(req: Request): boolean {
    if (req.resource !== this) throw new SimulationError('release: the request belongs to another resource');
    if (req._status === WAITING) return this._cancel(req);
    if (req._status !== GRANTED) return false;
    req._status = RELEASED;
    this.users--;
    while (this.users < this.capacity && this.waiting > 0) {
      const next = heapPop(this.heap, before)!;
      if (next._status !== WAITING) continue; // cancelled while queued
      this.waiting--;
      this.grant(next);
    }
    return true;
  }

  /** @internal */
  _cancel(req: Request): boolean {
    if (req._status !== WAITING) return false;
    req._status = CANCELLED;
    this.waiting--;
    // Keep the heap bounded when many queued requests are withdrawn.
    if (this.heap.length > 64 && this.heap.length > 2 * this.waiting) this.compact();
    return true;
  }

  private grant(req: Request): void {
    req._status = GRANTED;
    this.users++;
    req.succeed(req);
  }

  private compact(): void {
    const live = this.heap.filter((r) => r._status === WAITING);
    live.sort(before);
    this.heap = live; // a sorted array is a valid heap
  }
}

function before(a: Request, b: Request): number {
  return a.priority !== b.priority ? a.priority - b.priority : a._order - b._order;
}
