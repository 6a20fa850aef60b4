// The EventBridge event-pattern engine: validation and matching with AWS's
// semantics. Hand-written: no maintained npm library implements the complete
// pattern language (anything-but forms, wildcard, cidr, $or, array-consistent
// matching) with EventBridge's validation rules.

import { compile, parsePattern, type PatternProblem } from './compile.js';

export type { PatternPath, PatternProblem } from './compile.js';
export {
  InvalidPatternError,
  formatPatternPath,
  nearestOperator,
  OPERATORS,
  MAX_PATTERN_LENGTH,
  MAX_OR_COMBINATIONS,
  MAX_FIELDS_PER_RULE,
} from './compile.js';
export { MAX_WILDCARD_COMPLEXITY, TOO_COMPLEX, wildcardComplexity } from './complexity.js';

/**
 * Validates a pattern object as EventBridge would (PutRule / TestEventPattern).
 * Each problem's path points into the pattern object (e.g.
 * ['detail', 'amount', 0, 'numeric', 1]). Returns [] when valid.
 */
export function validatePattern(pattern: unknown): PatternProblem[] {
  return parsePattern(pattern).problems;
}

/**
 * True when the event matches the pattern, with AWS's semantics. Assumes a
 * valid pattern: an invalid one throws InvalidPatternError. An event that is
 * not an object matches nothing.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compile(pattern)(event);
}

/**
 * Compiles once, matches many times (the local runtime uses one per rule).
 * Throws InvalidPatternError when the pattern is invalid.
 */
export function compilePattern(pattern: unknown): (event: unknown) => boolean {
  return compile(pattern);
}
