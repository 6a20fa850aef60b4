// Moved to src/kinds/function/uses-choices.ts; this path keeps its old imports working.
export * from '../../kinds/function/uses-choices.js';
