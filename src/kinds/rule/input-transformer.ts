// Input transformers on rule targets and event/schedule triggers (inputPaths + inputTemplate),
// checked as EventBridge's PutTargets would: names and paths of the input paths, every
// placeholder of the template known, reserved JSON placeholders only as JSON values, no
// placeholder as an object key, and a JSON template still JSON once filled in.
import { closest } from '../../core/did-you-mean.js';
import type { Problem } from '../../manifest/problems.js';
import type { Path } from '../../manifest/source.js';
import { isJsonTemplate, JSON_ONLY_PLACEHOLDERS, parseInputTemplate, renderInputTemplate, RESERVED_PLACEHOLDERS } from '../../model/input-template.js';

/** The JSON paths EventBridge evaluates: dot notation, array indices and wildcards. */
const JSON_PATH = /^\$(\.[A-Za-z0-9_\-/*]+|\[(\d+|\*)\])*$/;
const KEY = /^[A-Za-z0-9_-]{1,256}$/;

export interface TransformerSpec {
  input?: unknown;
  inputPath?: string;
  inputPaths?: Record<string, string>;
  inputTemplate?: string;
}

/** Every problem of a target's (or trigger's) input transformer, positioned in app.yaml. */
export function checkInputTransformer(t: TransformerSpec, path: Path, add: (p: Problem) => void): void {
  if (t.inputPaths === undefined && t.inputTemplate === undefined) return;
  const other = t.input !== undefined ? 'input' : t.inputPath !== undefined ? 'inputPath' : undefined;
  if (other) add({ path: [...path, t.inputTemplate !== undefined ? 'inputTemplate' : 'inputPaths'], at: 'key', code: 'target-input', message: `an input transformer cannot be combined with ${other}`, hint: 'a target receives the event, a constant input, the part an inputPath selects, or an inputTemplate' });
  if (t.inputTemplate === undefined) {
    add({ path: [...path, 'inputPaths'], at: 'key', code: 'transformer-template', message: 'inputPaths without an inputTemplate', hint: 'add inputTemplate: using the paths as <name> placeholders, e.g. \'{"who": <name>}\'' });
    return;
  }
  const paths = t.inputPaths ?? {};
  for (const [name, jsonPath] of Object.entries(paths)) {
    const at = [...path, 'inputPaths', name];
    if ((RESERVED_PLACEHOLDERS as readonly string[]).includes(name) || /^aws\./i.test(name)) add({ path: at, at: 'key', code: 'transformer-reserved', message: `'${name}' is reserved by EventBridge`, hint: `names starting with aws. are EventBridge's own (${RESERVED_PLACEHOLDERS.join(', ')}); use them in the template without an input path` });
    else if (!KEY.test(name)) add({ path: at, at: 'key', code: 'transformer-key', message: `'${name}' is not a valid input path name`, hint: 'use letters, digits, - and _' });
    if (typeof jsonPath === 'string' && !JSON_PATH.test(jsonPath)) add({ path: at, code: 'transformer-path', message: `'${jsonPath}' is not a JSON path EventBridge evaluates`, hint: 'write it in dot notation, like $.detail.order-id or $.detail.items[0].sku' });
  }
  checkTemplate(t.inputTemplate, Object.keys(paths), [...path, 'inputTemplate'], add);
}

function checkTemplate(template: string, names: string[], at: Path, add: (p: Problem) => void): void {
  const known = [...names, ...RESERVED_PLACEHOLDERS];
  const parts = parseInputTemplate(template);
  for (const [i, p] of parts.entries()) {
    if ('text' in p) continue;
    if (!known.includes(p.placeholder)) {
      const near = closest(p.placeholder, known);
      add({ path: at, offset: p.offset, code: 'transformer-placeholder', message: `<${p.placeholder}> is neither an input path nor one of EventBridge's placeholders`, hint: near ? `did you mean <${near}>?` : names.length ? `inputPaths declares: ${names.join(', ')}` : `declare it under inputPaths: { ${p.placeholder}: $.detail.${p.placeholder} }` });
    } else if (p.inString && JSON_ONLY_PLACEHOLDERS.has(p.placeholder)) {
      add({ path: at, offset: p.offset, code: 'transformer-json-only', message: `<${p.placeholder}> holds unescaped JSON, so it can only be a JSON value, not part of a string`, hint: `write it outside quotes: {"event": <${p.placeholder}>}` });
    } else if (!p.inString && /^\s*:/.test(textAfter(parts, i))) {
      add({ path: at, offset: p.offset, code: 'transformer-key', message: `<${p.placeholder}> is used as an object key, which EventBridge does not allow`, hint: 'use placeholders as values: {"name": <name>}' });
      return;
    }
  }
  if (!isJsonTemplate(template)) return;
  // filled in with sample values, a JSON template must still parse
  const rendered = renderInputTemplate(parts, (name) => (JSON_ONLY_PLACEHOLDERS.has(name) ? {} : 'value'));
  try {
    JSON.parse(rendered);
  } catch (error) {
    add({ path: at, code: 'transformer-json', message: `the template is not valid JSON once its placeholders are filled in: ${(error as Error).message}`, hint: 'a template starting with {, [ or " must be JSON; placeholders outside quotes become JSON values, inside quotes they become text' });
  }
}

function textAfter(parts: ReturnType<typeof parseInputTemplate>, i: number): string {
  const next = parts[i + 1];
  return next && 'text' in next ? next.text : '';
}
