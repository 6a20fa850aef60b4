export * from '../core/schedule.js'; // moved to core
