// Terminal-friendly text for IAM changes: compact intrinsics and conditions, and a block
// per changed statement for terminals too narrow for the table.
import { renderValue, shownActions, type IamChange } from '../../deploy/iam.js';
import type { Painter } from './output.js';

/**
 * A `${Name}` or `${Name.Attr}` that stands alone (the whole value, or a whole item of a
 * list, or after `=`) as just `Name` / `Name.Attr`. One inside a longer string, such as
 * `${OrdersTable.Arn}/index/*`, is left as it is: that is Fn::Sub text.
 */
export function compactText(s: string): string {
  return s.replace(/(^|[\s=,])\$\{([A-Za-z0-9_:.]+)\}(?=$|[\s,;])/g, '$1$2');
}

/** A template value, compactly: {Ref: X} -> X, {Fn::GetAtt: [X, Arn]} -> X.Arn, Fn::Sub -> its string. */
export function compactValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(compactValue).join(', ');
  return compactText(renderValue(value));
}

function parseObject(cell: string): Record<string, unknown> | undefined {
  if (!cell.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(cell);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Condition block (canonical JSON) as `Operator key = value`, several joined by `; `:
 * {"ArnEquals":{"aws:SourceArn":{"Fn::GetAtt":["Rule","Arn"]}}} -> ArnEquals aws:SourceArn = Rule.Arn.
 * Anything else (a Lambda permission's SourceArn=..., an event source) is compacted as text.
 */
export function compactCondition(cell: string): string {
  const condition = parseObject(cell);
  if (!condition) return compactText(cell);
  const parts: string[] = [];
  for (const [operator, tests] of Object.entries(condition)) {
    if (tests && typeof tests === 'object' && !Array.isArray(tests)) {
      for (const [key, value] of Object.entries(tests as Record<string, unknown>)) parts.push(`${operator} ${key} = ${compactValue(value)}`);
    } else {
      parts.push(`${operator} ${compactValue(tests)}`);
    }
  }
  return parts.join('; ');
}

/** Any other cell: a JSON object (a policy template's parameters) as `key: value`, else compacted text. */
export function compactCell(cell: string): string {
  const object = parseObject(cell);
  if (!object) return compactText(cell);
  const entries = Object.entries(object);
  if (entries.length === 1 && /^(Ref|Fn::)/.test(entries[0]![0])) return compactValue(object);
  return entries.map(([k, v]) => `${k}: ${compactValue(v)}`).join('; ');
}

function cut(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, Math.max(0, width - 1))}…` : s;
}

/**
 * Splits `items` over lines of at most `width` characters (items joined by `, `; an item
 * wider than a line is broken over several). After `maxLines` lines the rest is summed up
 * as `… (+N more)`.
 */
export function wrapItems(items: string[], width: number, maxLines = 3): string[] {
  /** done: how many items are complete at the end of the line; partial: it ends inside one. */
  const lines: { text: string; done: number; partial: boolean }[] = [];
  let current = '';
  items.forEach((item, i) => {
    // A comma follows every item but the last.
    const room = i < items.length - 1 ? width - 1 : width;
    const next = current ? `${current}, ${item}` : item;
    if (next.length <= room) {
      current = next;
      return;
    }
    if (current) lines.push({ text: `${current},`, done: i, partial: false });
    let rest = item;
    while (rest.length > room) {
      lines.push({ text: rest.slice(0, width), done: i, partial: true });
      rest = rest.slice(width);
    }
    current = rest;
  });
  lines.push({ text: current, done: items.length, partial: false });
  if (lines.length <= maxLines) return lines.map((l) => l.text);
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  if (last.partial && last.done === items.length - 1) {
    // All that is left is the end of the last item.
    last.text = cut(`${last.text}…`, width);
    return kept.map((l) => l.text);
  }
  // End the last line saying how many more, dropping whole items from it to make room
  // (a line inside an item is cut short instead).
  let done = last.done;
  const more = () => `… (+${items.length - done} more)`;
  if (last.partial) {
    last.text = `${last.text.slice(0, width - more().length)}${more()}`;
    return kept.map((l) => l.text);
  }
  let shown = last.text.replace(/,$/, '').split(', ');
  while (shown.length > 1 && `${shown.join(', ')}, ${more()}`.length > width) {
    shown = shown.slice(0, -1);
    done--;
  }
  last.text = `${cut(shown.join(', '), width - more().length - 2)}, ${more()}`;
  return kept.map((l) => l.text);
}

function splitList(cell: string): string[] {
  return cell ? cell.split(', ') : [];
}

const LABEL_WIDTH = 12;

/**
 * One block per change, every line at most `columns` wide (given at least 40):
 *
 *   + CreateOrderFunctionRole  (policy)  widens
 *       actions:    dynamodb:PutItem, dynamodb:UpdateItem
 *       resources:  OrdersTable.Arn, ${OrdersTable.Arn}/index/*
 *       condition:  ArnEquals aws:SourceArn = OrderPlacedRule.Arn
 */
export function iamBlocks(changes: IamChange[], paint: Painter, columns: number): string[] {
  const width = Math.max(40, columns);
  const lines: string[] = [];
  for (const { sign, row, widens } of changes) {
    const deny = row.effect === 'Allow' ? '' : `  ${row.effect}`;
    const tail = `  (${row.kind})${deny}${widens ? '  widens' : ''}`;
    const name = cut(row.resource, width - 4 - tail.length);
    lines.push(
      `  ${sign === '+' ? paint.green('+') : paint.red('-')} ${paint.bold(name)}  ${paint.dim(`(${row.kind})`)}` +
        (deny ? `  ${paint.red(row.effect)}` : '') +
        (widens ? `  ${paint.yellow('widens')}` : ''),
    );
    const fieldWidth = width - 6 - LABEL_WIDTH;
    /** A labelled field: list items wrapped over lines, or (`separate`) one item a line. */
    const field = (label: string, values: string[], separate = false) => {
      if (!values.length) return;
      const texts = separate ? values.flatMap((v) => wrapItems([v], fieldWidth)) : wrapItems(values, fieldWidth);
      texts.forEach((text, i) => {
        lines.push(`      ${i === 0 ? paint.dim(`${label}:`.padEnd(LABEL_WIDTH)) : ' '.repeat(LABEL_WIDTH)}${text}`);
      });
    };
    const list = (cell: string) => (cell.startsWith('NOT ') ? [compactCell(cell)] : splitList(cell).map(compactCell));
    const samPolicy = row.kind === 'sam-policy';
    field(samPolicy ? 'template' : 'actions', list(shownActions(row)));
    field('principal', list(row.principal));
    field(samPolicy ? 'parameters' : 'resources', samPolicy ? [compactCell(row.target)].filter(Boolean) : list(row.target));
    // What a SAM event's invoke permission is for is its source (an API, a topic, a rule).
    field(row.kind === 'invoke' ? 'source' : 'condition', row.condition ? compactCondition(row.condition).split('; ') : [], true);
  }
  return lines;
}
