/**
 * A container holds a continuous level (GB of RAM, vCPUs in a pool, ...). get/put return events
 * that succeed when the amount can be taken / fits; each side is served strictly FIFO, so a large
 * get at the head is not starved by smaller ones behind it.
 */
import { SimEvent } from './events.js';
import { SimulationError } from './scheduler.js';
import type { Simulation } from './simulation.js';

export interface ContainerOptions {
  /** Maximum level (default Infinity). */
  capacity?: number;
  /** Starting level (default 0). */
  initial?: number;
}

/** A pending get or put; succeeds with its amount. */
export class ContainerRequest extends SimEvent<number> {
  readonly container: Container;
  readonly kind: 'get' | 'put';
  readonly amount: number;

  constructor(container: Container, kind: 'get' | 'put', amount: number) {
    super(container.sim);
    this.container = container;
    this.kind = kind;
    this.amount = amount;
  }

  /** Withdraws the request if it is still waiting; false otherwise. */
  cancel(): boolean {
    return this.container._cancel(this);
  }
}

export class Container {
  readonly sim: Simulation;
  readonly capacity: number;
  private _level: number;
  private readonly gets: ContainerRequest[] = [];
  private readonly puts: ContainerRequest[] = [];
  /** Floating-point slack so that e.g. ten puts of 0.1 fit a capacity of 1. */
  private readonly slack: number;

  constructor(sim: Simulation, options: ContainerOptions = {}) {
    const capacity = options.capacity ?? Infinity;
    const initial = options.initial ?? 0;
    if (!(capacity > 0)) throw new SimulationError(`Container capacity must be > 0, got ${capacity}`);
    if (!(initial >= 0 && initial <= capacity) || initial === Infinity) {
      throw new SimulationError(`Container initial level must be finite and in [0, ${capacity}], got ${initial}`);
    }
    this.sim = sim;
    this.capacity = capacity;
    this._level = initial;
    this.slack = Number.isFinite(capacity) ? capacity * 1e-12 : 0;
  }

  get level(): number {
    return this._level;
  }

  get getQueueLength(): number {
    return this.gets.length;
  }

  get putQueueLength(): number {
    return this.puts.length;
  }

  /** Takes `amount` out once the level allows it (after earlier gets). */
  get(amount: number): ContainerRequest {
    return this.enqueue(this.gets, 'get', amount);
  }

  /** Adds `amount` once it fits under capacity (after earlier puts). */
  put(amount: number): ContainerRequest {
    return this.enqueue(this.puts, 'put', amount);
  }

  /** @internal */
  _cancel(req: ContainerRequest): boolean {
    const queue = req.kind === 'get' ? this.gets : this.puts;
    const i = queue.indexOf(req);
    if (i < 0) return false;
    queue.splice(i, 1);
    this.settle(); // the head may have changed
    return true;
  }

  private enqueue(queue: ContainerRequest[], kind: 'get' | 'put', amount: number): ContainerRequest {
    if (!(amount >= 0 && amount <= this.capacity) || amount === Infinity) {
      throw new SimulationError(`Container.${kind}(${amount}): amount must be finite and in [0, capacity = ${this.capacity}]`);
    }
    const req = new ContainerRequest(this, kind, amount);
    queue.push(req);
    this.settle();
    return req;
  }

  /** Serves queue heads while possible; a put may unblock gets and vice versa. */
  private settle(): void {
    for (let progress = true; progress; ) {
      progress = false;
      while (this.gets.length > 0 && this.gets[0].amount <= this._level + this.slack) {
        const g = this.gets.shift() as ContainerRequest;
        this._level = Math.max(0, this._level - g.amount);
        g.succeed(g.amount);
        progress = true;
      }
      while (this.puts.length > 0 && this._level + this.puts[0].amount <= this.capacity + this.slack) {
        const p = this.puts.shift() as ContainerRequest;
        this._level = Math.min(this.capacity, this._level + p.amount);
        p.succeed(p.amount);
        progress = true;
      }
    }
  }
}
