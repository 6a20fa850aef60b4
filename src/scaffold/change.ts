export * from '../pipeline/change.js'; // moved to pipeline
