export * from './scheduler.js';
export * from './event-queue.js';
export * from './simulation.js';
export * from './events.js';
export * from './process.js';
export * from './resource.js';
export * from './container.js';
