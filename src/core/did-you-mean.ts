// "did you mean …?" for unknown names. The distance counts a swap of neighbours as one edit
// (jbos → jobs), as the damerau-levenshtein package does.
import damerauLevenshtein from 'damerau-levenshtein';

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function distance(a: string, b: string): number {
  return a === b ? 0 : damerauLevenshtein(a, b).steps;
}

/** The closest candidate, if close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const score = c.toLowerCase() === lower ? 0 : distance(lower, c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return bestScore <= limit && bestScore < word.length ? best : undefined;
}

/** "did you mean X?" or "declared …: a, b, c" — a hint for an unknown name. */
export function suggest(word: string, candidates: string[], what: string): string {
  const near = closest(word, candidates);
  if (near) return `did you mean '${near}'?`;
  if (candidates.length === 0) return `nothing is declared under ${what} yet`;
  const shown = candidates.slice(0, 8).join(', ');
  return `declared ${what}: ${shown}${candidates.length > 8 ? ', …' : ''}`;
}
