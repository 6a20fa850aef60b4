export * from '../core/files.js'; // moved to core
