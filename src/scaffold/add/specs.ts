// The flag parsers moved to src/kinds/scaffold-specs.ts; this path keeps its old imports working.
export * from '../../kinds/scaffold-specs.js';
export type { Spec, SpecRef } from '../../kinds/scaffold-types.js';
