export * from '../core/names.js'; // moved to core
