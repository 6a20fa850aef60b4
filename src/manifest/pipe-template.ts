// EventBridge Pipes input templates: text, a JSON document or a single path, with placeholders
// <$.json.path> (into the event) and <aws.pipes.*> (reserved variables). In a JSON template a
// placeholder outside quotes stands for a JSON value, inside quotes for text. One scanner serves
// validation (positions within the string) and the local runtime (rendering).
import { closest } from '../core/did-you-mean.js';

export const RESERVED_VARIABLES = [
  'aws.pipes.pipe-arn',
  'aws.pipes.pipe-name',
  'aws.pipes.source-arn',
  'aws.pipes.enrichment-arn',
  'aws.pipes.target-arn',
  'aws.pipes.event.ingestion-time',
  'aws.pipes.event',
  'aws.pipes.event.json',
] as const;

/** The JSON path syntax Pipes evaluates: dot names (letters, digits, - _ /), [n], [*] and .*. */
const PATH = /^\$(\.[A-Za-z0-9_\-/]+|\.\*|\[\d+\]|\[\*\])*$/;

export interface Placeholder {
  /** Offsets of '<' and just after '>'. */
  start: number;
  end: number;
  /** What is inside the brackets: $.body.id or aws.pipes.pipe-name. */
  expr: string;
  /** Inside a JSON string (stands for text) rather than a JSON value. */
  inString: boolean;
}

export interface TemplateProblem {
  offset: number;
  message: string;
  hint?: string;
}

export interface ScannedTemplate {
  text: string;
  json: boolean;
  placeholders: Placeholder[];
  problems: TemplateProblem[];
}

/** Finds every placeholder, and what is wrong with the template. */
export function scanTemplate(text: string): ScannedTemplate {
  const json = /^\s*[{[]/.test(text);
  const placeholders: Placeholder[] = [];
  const problems: TemplateProblem[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (json && ch === '\\' && inString) {
      i++;
      continue;
    }
    if (json && ch === '"') inString = !inString;
    if (ch !== '<' || !(text.startsWith('<$', i) || text.startsWith('<aws.', i))) continue;
    const close = text.indexOf('>', i);
    if (close < 0) {
      problems.push({ offset: i, message: `placeholder '${text.slice(i, i + 30)}' is not closed`, hint: 'end it with >, e.g. <$.body.id>' });
      break;
    }
    const expr = text.slice(i + 1, close);
    problems.push(...checkPlaceholder(expr, i));
    if (json && !inString && /^\s*:/.test(text.slice(close + 1))) {
      problems.push({ offset: i, message: `a placeholder cannot be an object key (<${expr}>)`, hint: 'write the key literally and put the placeholder in its value' });
    }
    placeholders.push({ start: i, end: close + 1, expr, inString });
    i = close;
  }
  if (json && !problems.length) {
    // each placeholder becomes a JSON value (or text) of its own length, so positions stay put
    const probe = render({ text, json, placeholders, problems }, (p) => (p.inString ? 'x' : '0').padEnd(p.end - p.start, p.inString ? 'x' : ' '));
    try {
      JSON.parse(probe);
    } catch (error) {
      const message = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '');
      const at = /at position (\d+)/.exec((error as Error).message);
      problems.push({ offset: at ? Number(at[1]) : 0, message: `the input template starts like JSON but is not valid JSON: ${message}`, hint: 'check commas and quotes; placeholders for values go unquoted: {"id": <$.body.id>}' });
    }
  }
  return { text, json, placeholders, problems };
}

function checkPlaceholder(expr: string, offset: number): TemplateProblem[] {
  if (expr.startsWith('$')) {
    return PATH.test(expr) ? [] : [{ offset, message: `<${expr}> is not a path Pipes can evaluate`, hint: 'use dot names, [n] and * only, e.g. <$.body.items[0].id>' }];
  }
  if ((RESERVED_VARIABLES as readonly string[]).includes(expr)) return [];
  const near = closest(expr, RESERVED_VARIABLES);
  return [{ offset, message: `<${expr}> is not a Pipes variable`, hint: near ? `did you mean <${near}>?` : `the variables are ${RESERVED_VARIABLES.map((v) => `<${v}>`).join(', ')}` }];
}

/** The template with each placeholder replaced by `value(placeholder)` (already in its final text form). */
export function render(t: ScannedTemplate, value: (p: Placeholder) => string): string {
  let out = '';
  let at = 0;
  for (const p of t.placeholders) {
    out += t.text.slice(at, p.start) + value(p);
    at = p.end;
  }
  return out + t.text.slice(at);
}
