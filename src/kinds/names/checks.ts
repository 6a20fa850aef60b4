// Checks on physical names (`name:` on functions, queues, topics, tables and buses): AWS's
// naming rules per service (length, characters, `.fifo` for FIFO queues and topics), only
// ${AWS::...} and ${parameters.X} inside, no two entries of a kind with one name, and a
// warning on what a fixed name costs (no replacement updates, one per account and region).
import { parseExpressions } from '../../manifest/expressions.js';
import type { CheckContext } from '../types.js';

interface NameRule {
  section: 'functions' | 'queues' | 'topics' | 'tables' | 'buses';
  what: string;
  min: number;
  max: number;
  chars: RegExp;
  charsText: string;
}

const RULES: NameRule[] = [
  { section: 'functions', what: 'function', min: 1, max: 64, chars: /^[A-Za-z0-9_-]*$/, charsText: 'letters, digits, - and _' },
  { section: 'queues', what: 'queue', min: 1, max: 80, chars: /^[A-Za-z0-9_-]*(\.fifo)?$/, charsText: 'letters, digits, - and _ (and .fifo at the end of a FIFO queue)' },
  { section: 'topics', what: 'topic', min: 1, max: 256, chars: /^[A-Za-z0-9_-]*(\.fifo)?$/, charsText: 'letters, digits, - and _ (and .fifo at the end of a FIFO topic)' },
  { section: 'tables', what: 'table', min: 3, max: 255, chars: /^[A-Za-z0-9_.-]*$/, charsText: 'letters, digits, _ . and -' },
  { section: 'buses', what: 'bus', min: 1, max: 256, chars: /^[A-Za-z0-9_.-]*$/, charsText: 'letters, digits, _ . and -' },
];

export function checkPhysicalNames(c: CheckContext): void {
  for (const rule of RULES) {
    const seen = new Map<string, string>();
    for (const [entry, spec] of Object.entries((c.m[rule.section] ?? {}) as Record<string, { name?: string; fifo?: boolean } | null>)) {
      const name = spec?.name;
      if (typeof name !== 'string') continue;
      const path = [rule.section, entry, 'name'];
      const text = literalName(c, name, path);
      if (text === undefined) continue;
      const problem = nameProblem(rule, text, spec?.fifo ?? false);
      if (problem) {
        c.add({ path, code: 'name-invalid', message: `'${name}' is not a valid ${rule.what} name: ${problem}`, hint: `AWS allows ${rule.min}–${rule.max} characters: ${rule.charsText}` });
        continue;
      }
      const other = seen.get(name);
      if (other) c.add({ path, code: 'name-duplicate', message: `${rule.what} '${entry}' has the same name as ${rule.what} '${other}' (${name})`, hint: 'physical names are unique per account and region' });
      seen.set(name, entry);
      c.add({
        path,
        at: 'key',
        severity: 'warning',
        code: 'name-fixed',
        message: `${rule.what} '${entry}' has a fixed name: CloudFormation cannot replace it (an update that needs a new ${rule.what} fails), and the name must be unique in the account and region`,
        hint: name.includes('${AWS::StackName}') ? 'remove name: to let CloudFormation choose one' : 'include ${AWS::StackName} so stages and copies of the app do not collide, or remove name:',
      });
    }
  }
}

/** The name as AWS would see it (the stack name and account filled in; parameters empty), or undefined after reporting an expression names may not hold. */
function literalName(c: CheckContext, name: string, path: (string | number)[]): string | undefined {
  let text = '';
  for (const p of parseExpressions(name)) {
    if (p.type === 'text') text += p.text;
    else if (p.type === 'pseudo') text += p.name === 'AWS::StackName' ? `${c.m.name}-${c.stage}` : p.name === 'AWS::AccountId' ? '000000000000' : p.name === 'AWS::Region' ? 'us-east-1' : 'aws';
    else if (p.type === 'parameter') continue;
    else if (p.type === 'invalid') return undefined; // reported by the expression checks
    else {
      c.add({ path, offset: p.index, code: 'name-expression', message: `a physical name cannot hold ${p.raw}`, hint: 'use ${AWS::StackName}, ${AWS::Region}, ${AWS::AccountId} or ${parameters.X}' });
      return undefined;
    }
  }
  return text;
}

function nameProblem(rule: NameRule, text: string, fifo: boolean): string | undefined {
  if (text.length > rule.max) return `${text.length} characters, at most ${rule.max}`;
  if (text.length < rule.min) return `at least ${rule.min} characters`;
  if (!rule.chars.test(text)) return `only ${rule.charsText}`;
  if (rule.section === 'queues' || rule.section === 'topics') {
    if (fifo && !text.endsWith('.fifo')) return `a FIFO ${rule.what}'s name ends in .fifo`;
    if (!fifo && text.endsWith('.fifo')) return `only a FIFO ${rule.what}'s name ends in .fifo (add fifo: true)`;
  }
  if (rule.section === 'buses' && (text === 'default' || text.startsWith('aws.'))) return `'default' and names beginning with 'aws.' are AWS's`;
  return undefined;
}
