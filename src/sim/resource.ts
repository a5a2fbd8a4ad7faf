/**
 * A resource with `capacity` identical units (servers, restore slots, ...). Requests wait in FIFO
 * order, or by priority (lower number first, FIFO among equals); no preemption.
 */
import { SimEvent } from './events.js';
import { IndexedHeap } from './indexed-heap.js';
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
  /** @internal Its id in the resource's waiting line while it waits. */
  _lineId = -1;

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
  /** Waiting requests by (priority, arrival order); a withdrawn one leaves at once. */
  private readonly line = new IndexedHeap(16);
  /** The waiting requests by line id; ids are recycled. */
  private readonly waitingById: (Request | undefined)[] = [];
  private readonly freeIds: number[] = [];
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
    return this.line.size;
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
    if (this.users < this.capacity && this.line.size === 0) {
      this.grant(req);
    } else {
      const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.waitingById.length;
      this.waitingById[id] = req;
      req._lineId = id;
      this.line.push(id, priority, req._order);
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
    while (this.users < this.capacity && this.line.size > 0) this.grant(this.leaveLine(this.line.pop()));
    return true;
  }

  /** @internal */
  _cancel(req: Request): boolean {
    if (req._status !== WAITING) return false;
    req._status = CANCELLED;
    this.line.remove(req._lineId);
    this.leaveLine(req._lineId);
    return true;
  }

  /** The request with this line id, whose id is recycled. */
  private leaveLine(id: number): Request {
    const req = this.waitingById[id]!;
    this.waitingById[id] = undefined;
    this.freeIds.push(id);
    return req;
  }

  private grant(req: Request): void {
    req._status = GRANTED;
    this.users++;
    req.succeed(req);
  }
}
