export * from '../core/package-root.js'; // moved to core
