// The kernel's public API (src/sim/README.md says what each module is and who uses it).
export * from './scheduler.js';
export * from './event-queue.js';
export * from './calendar-queue.js';
export * from './simulation.js';
export type { Timer } from './timers.js';
export * from './events.js';
export * from './process.js';
export * from './resource.js';
export * from './container.js';
export { IndexedHeap } from './indexed-heap.js';
export * from './fluid-link.js';
export * from './random.js';
export * from './distributions.js';
export * from './stats.js';
export * from './quantiles.js';
export { normalQuantile, normalCdf, studentTQuantile, studentTCdf } from './student-t.js';
