// An EventBridge input transformer's template, read once: its text split into literal text and
// <placeholders>, each knowing whether it sits inside a JSON string. Validation (kinds/rule) and
// rendering (local/) share this reading, so what eda checks is what eda dev renders:
//
// - a placeholder inside quotes is replaced by a string value as it is ("<name> is here");
// - anywhere else a string value is inserted as a JSON string, quotes included, and any other
//   value as its JSON text ({"who": <name>} → {"who": "Ada"}; instance <id> → instance "i-1").

/** Placeholders EventBridge fills without an input path; no input path may take these names. */
export const RESERVED_PLACEHOLDERS = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event', 'aws.events.event.json', 'aws.events.event.ingestion-time'] as const;
/** Reserved placeholders holding JSON that EventBridge does not escape: only usable as a JSON value. */
export const JSON_ONLY_PLACEHOLDERS = new Set(['aws.events.event', 'aws.events.event.json']);

export type TemplatePart = { text: string } | { placeholder: string; inString: boolean; offset: number };

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/y;

/** The template's parts, in order. */
export function parseInputTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let inString = false;
  for (let i = 0; i < template.length; ) {
    const ch = template[i]!;
    if (ch === '<') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      if (m) {
        if (text) parts.push({ text });
        text = '';
        parts.push({ placeholder: m[1]!, inString, offset: i });
        i += m[0].length;
        continue;
      }
    }
    if (ch === '\\' && inString) {
      text += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '"') inString = !inString;
    text += ch;
    i++;
  }
  if (text) parts.push({ text });
  return parts;
}

/** Whether EventBridge reads the template as JSON (an object, a list or a string). */
export function isJsonTemplate(template: string): boolean {
  return /^\s*[{["]/.test(template);
}

/** The template with each placeholder replaced by value(name), quoted as its place asks. */
export function renderInputTemplate(parts: TemplatePart[], value: (name: string) => unknown): string {
  return parts
    .map((p) => {
      if ('text' in p) return p.text;
      const v = value(p.placeholder);
      if (p.inString) return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
      return v === undefined ? 'null' : JSON.stringify(v);
    })
    .join('');
}
