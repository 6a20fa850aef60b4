// EventBridge schedule expressions: rate(...) and the six-field cron(...).
// Written by hand: the cron libraries on npm implement Unix cron (5 fields, no `?`, `L`, `W`,
// `#`, no year), which would accept expressions EventBridge rejects and vice versa.

export interface ScheduleProblem {
  message: string;
  hint?: string;
  /** Offset of the problem inside the expression string. */
  offset: number;
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
  question?: boolean;
  extra?: RegExp;
}

const fields: Field[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true, extra: /^(L|LW|L-\d{1,2}|\d{1,2}W)$/ },
  { name: 'month', min: 1, max: 12, names: months },
  { name: 'day-of-week', min: 1, max: 7, names: days, question: true, extra: /^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5])$|^L$/i },
  { name: 'year', min: 1970, max: 2199 },
];

export function checkSchedule(expression: string): ScheduleProblem | undefined {
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) return checkRate(rate[1]!, 5);
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return checkCron(cron[1]!, 5);
  return {
    message: `'${expression}' is not a schedule expression`,
    hint: 'write rate(5 minutes), rate(1 day) or cron(0 12 * * ? *) (six fields, in UTC)',
    offset: 0,
  };
}

function checkRate(body: string, offset: number): ScheduleProblem | undefined {
  const m = /^\s*(\d+)\s+([a-z]+)\s*$/.exec(body);
  if (!m) return { message: `rate(${body}) must be rate(<number> <unit>)`, hint: 'e.g. rate(5 minutes), rate(1 hour), rate(2 days)', offset };
  const value = Number(m[1]);
  const unit = m[2]!;
  const singular = ['minute', 'hour', 'day'];
  const plural = ['minutes', 'hours', 'days'];
  if (value <= 0) return { message: 'a rate must be a positive number', offset };
  if (!singular.includes(unit) && !plural.includes(unit)) {
    return { message: `'${unit}' is not a rate unit`, hint: 'use minute(s), hour(s) or day(s)', offset: offset + body.indexOf(unit) };
  }
  if (value === 1 && plural.includes(unit)) {
    return { message: `rate(1 ${unit}) must use the singular unit`, hint: `write rate(1 ${unit.slice(0, -1)})`, offset: offset + body.indexOf(unit) };
  }
  if (value > 1 && singular.includes(unit)) {
    return { message: `rate(${value} ${unit}) must use the plural unit`, hint: `write rate(${value} ${unit}s)`, offset: offset + body.indexOf(unit) };
  }
  return undefined;
}

function checkCron(body: string, offset: number): ScheduleProblem | undefined {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) {
    return {
      message: `cron(${body}) has ${parts.length} field${parts.length === 1 ? '' : 's'}; EventBridge cron has 6`,
      hint: 'minutes hours day-of-month month day-of-week year, e.g. cron(0 12 * * ? *)',
      offset,
    };
  }
  let cursor = 0;
  const offsets = parts.map((p) => {
    const at = body.indexOf(p, cursor);
    cursor = at + p.length;
    return offset + at;
  });
  for (let i = 0; i < 6; i++) {
    const problem = checkField(parts[i]!, fields[i]!);
    if (problem) return { message: `cron ${fields[i]!.name} field '${parts[i]}': ${problem}`, offset: offsets[i]!, hint: fieldHint(fields[i]!) };
  }
  const dom = parts[2]!;
  const dow = parts[4]!;
  if ((dom === '?') === (dow === '?')) {
    return {
      message: dom === '?' ? 'cron cannot have ? in both day-of-month and day-of-week' : 'cron needs ? in either day-of-month or day-of-week',
      hint: 'EventBridge cron takes one of the two day fields; put ? in the other, e.g. cron(0 12 * * ? *) or cron(0 12 ? * MON-FRI *)',
      offset: dom === '?' ? offsets[4]! : offsets[2]!,
    };
  }
  return undefined;
}

function fieldHint(f: Field): string {
  const names = f.names ? ` or ${f.names[0]}-${f.names[f.names.length - 1]}` : '';
  return `${f.name} takes ${f.min}-${f.max}${names}, with , - * /${f.question ? ' ?' : ''}`;
}

function checkField(text: string, f: Field): string | undefined {
  if (text === '?') return f.question ? undefined : `? is only allowed in day-of-month and day-of-week`;
  for (const item of text.split(',')) {
    if (item === '') return 'empty list item';
    if (f.extra?.test(item)) continue;
    const [range, step] = item.split('/');
    if (step !== undefined) {
      if (!/^\d+$/.test(step) || Number(step) === 0) return `'${step}' is not a step`;
    }
    if (range === '*') continue;
    const bounds = range!.split('-');
    if (bounds.length > 2) return `'${range}' is not a range`;
    const values: number[] = [];
    for (const b of bounds) {
      const v = valueOf(b, f);
      if (v === undefined) return `'${b}' is not a value`;
      if (v < f.min || v > f.max) return `${b} is outside ${f.min}-${f.max}`;
      values.push(v);
    }
  }
  return undefined;
}

function valueOf(token: string, f: Field): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const i = f.names?.indexOf(token.toUpperCase()) ?? -1;
  return i >= 0 ? i + 1 : undefined;
}
