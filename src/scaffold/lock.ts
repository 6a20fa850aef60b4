export * from '../core/lock.js'; // moved to core
