// String operators: wildcard globs and case-insensitive comparison.

export type WildcardCheck = { ok: true; segments: string[] } | { ok: false; message: string; hint?: string };

/**
 * Splits a wildcard operand at its unescaped `*`. Only `\*` (a literal star)
 * and `\\` (a literal backslash) are escapes; consecutive stars are invalid.
 */
export function parseWildcard(text: string): WildcardCheck {
  const segments: string[] = [''];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '*') {
      if (text[i + 1] === '*') {
        return {
          ok: false,
          message: `has consecutive "*" at position ${i}, which EventBridge rejects`,
          hint: 'one "*" already matches any number of characters',
        };
      }
      segments.push('');
    } else if (ch === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') {
        return {
          ok: false,
          message: `has an invalid escape "\\${next ?? ''}" at position ${i}`,
          hint: 'only \\* (a literal star) and \\\\ (a literal backslash) may be escaped',
        };
      }
      segments[segments.length - 1] += next;
      i++;
    } else {
      segments[segments.length - 1] += ch;
    }
  }
  return { ok: true, segments };
}

/** Glob match with `*` only; linear-time, no backtracking blow-up. */
export function wildcardMatches(segments: readonly string[], value: string): boolean {
  if (segments.length === 1) return value === segments[0];
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let pos = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const seg = segments[i]!;
    if (seg === '') continue;
    const at = value.indexOf(seg, pos);
    if (at < 0 || at + seg.length > end) return false;
    pos = at + seg.length;
  }
  return true;
}

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * A regex that compares character by character, each pattern character
 * matching itself or its lower- or upper-case form (as EventBridge does).
 */
export function ignoreCaseRegex(text: string, anchor: 'equals' | 'prefix' | 'suffix'): RegExp {
  let body = '';
  for (const ch of text) {
    const forms = new Set([ch, ch.toLowerCase(), ch.toUpperCase()]);
    const alts = [...forms].map((f) => f.replace(SYNTAX, '\\$&'));
    body += alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
  }
  const start = anchor === 'suffix' ? '' : '^';
  const end = anchor === 'prefix' ? '' : '$';
  return new RegExp(`${start}${body}${end}`, 'u');
}
