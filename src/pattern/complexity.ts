// How complex EventBridge finds the wildcards on one field. EventBridge (its event-ruler engine)
// compiles every wildcard on a field into one automaton and refuses a rule when too many wildcard
// prefixes can match one value at the same time ("Rule is too complex - try using fewer wildcard
// characters or fewer repeating character sequences after a wildcard character"). This mirrors
// event-ruler's MachineComplexityEvaluator: the automaton's states are shared while the patterns
// are identical up to their first "*", then each pattern has its own; the complexity of a set of
// states that one input can reach is the number of wildcard patterns that can still match from
// each of them, summed; the field's complexity is the largest such sum over every input.

/** The most wildcard prefixes one value may keep alive at once; more is "Rule is too complex". */
export const MAX_WILDCARD_COMPLEXITY = 10;

/** EventBridge's own words for a rule its wildcard evaluator refuses. */
export const TOO_COMPLEX = 'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

interface State {
  /** Wildcard patterns that can still match from here. */
  patterns: Set<number>;
  /** Loops on any character (the state after a "*"). */
  loops: boolean;
  /** Literal transitions. */
  on: Map<string, Set<number>>;
  /** States entered without reading a character (a "*" matching nothing). */
  skip: Set<number>;
}

/** Stops exploring after this many distinct state sets (the answer is then a lower bound). */
const MAX_SETS = 20_000;

/**
 * The complexity of a field's wildcard operands, each given as its segments (the text between
 * unescaped "*"). Stops counting once it passes `cap`.
 */
export function wildcardComplexity(patterns: readonly (readonly string[])[], cap = MAX_WILDCARD_COMPLEXITY + 1): number {
  const unique = [...new Map(patterns.map((p) => [JSON.stringify(p), p])).values()];
  if (unique.length === 0) return 0;
  const states: State[] = [newState()];
  const shared = new Map<string, number>();
  const alphabet = new Set<string>();
  unique.forEach((segments, index) => addPattern(states, shared, alphabet, segments, index));
  const other = '\u0000';
  const symbols = [...alphabet, other];
  const start = closure(states, [0]);
  const seen = new Set<string>([start.join(',')]);
  const queue: number[][] = [start];
  let worst = 0;
  while (queue.length && seen.size <= MAX_SETS) {
    const current = queue.shift()!;
    for (const symbol of symbols) {
      const next = step(states, current, symbol);
      if (!next.length) continue;
      worst = Math.max(worst, weight(states, next));
      if (worst >= cap) return worst;
      const key = next.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(next);
      }
    }
  }
  return worst;
}

function newState(): State {
  return { patterns: new Set(), loops: false, on: new Map(), skip: new Set() };
}

function addPattern(states: State[], shared: Map<string, number>, alphabet: Set<string>, segments: readonly string[], index: number): void {
  let current = 0;
  let prefix = '';
  let determinate = true;
  const enter = (key: string): number => {
    const known = determinate ? shared.get(key) : undefined;
    if (known !== undefined) return known;
    states.push(newState());
    const id = states.length - 1;
    if (determinate) shared.set(key, id);
    return id;
  };
  segments.forEach((segment, s) => {
    if (s > 0) {
      // A "*": a state that loops on anything, entered with or without reading a character.
      prefix += '\u0001*';
      const star = enter(prefix);
      states[star]!.loops = true;
      states[current]!.skip.add(star);
      current = star;
      determinate = false;
      states[current]!.patterns.add(index);
    }
    for (const ch of segment) {
      prefix += ch;
      alphabet.add(ch);
      const next = enter(prefix);
      const targets = states[current]!.on.get(ch) ?? new Set<number>();
      targets.add(next);
      states[current]!.on.set(ch, targets);
      current = next;
      states[current]!.patterns.add(index);
    }
  });
}

function closure(states: State[], ids: Iterable<number>): number[] {
  const out = new Set<number>();
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const next of states[id]!.skip) stack.push(next);
  }
  return [...out].sort((a, b) => a - b);
}

function step(states: State[], current: number[], symbol: string): number[] {
  const next: number[] = [];
  for (const id of current) {
    const state = states[id]!;
    if (state.loops) next.push(id);
    for (const target of state.on.get(symbol) ?? []) next.push(target);
  }
  return closure(states, next);
}

/**
 * Wildcard patterns still matchable from each state of the set, summed (the start state
 * excluded). Every pattern that can match from a state passes through it, so a state's own set is
 * exactly what it can still lead to.
 */
function weight(states: State[], set: number[]): number {
  let sum = 0;
  for (const id of set) if (id !== 0) sum += states[id]!.patterns.size;
  return sum;
}
