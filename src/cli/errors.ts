export * from '../core/errors.js'; // moved to core
