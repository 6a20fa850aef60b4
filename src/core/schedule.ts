// EventBridge schedule expressions, read once for both their users: validate checks them
// (checkSchedule, with the offset of the problem) and eda dev asks when they fire next
// (nextFire). rate(n unit) fires every n units from the start; the six-field
// cron(minutes hours day-of-month month day-of-week year) is in UTC, with , - * / ? L W #
// and month/day names.
// Hand-written: croner rejects AWS's own cron(0/15 * * * ? *) and L-2, and aws-cron-parser
// fails on LW and accepts * in both day fields, which EventBridge refuses.

export interface ScheduleProblem {
  message: string;
  hint?: string;
  /** Offset of the problem inside the expression string. */
  offset: number;
}

interface DaySpec {
  any: boolean;
  values: Set<number>;
  last: boolean;
  lastOffset?: number;
  nearestWeekday?: number;
  lastWeekday: boolean;
  /** day-of-week: "5L" — the last Thursday */
  lastOf?: number;
  /** day-of-week: "3#2" — the second Tuesday */
  nth?: [number, number];
}

export interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  dom: DaySpec;
  months: Set<number>;
  dow: DaySpec;
  years?: Set<number>;
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** A day field: takes ? and the special items of `extra`. */
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

/** Why a schedule expression is not one EventBridge accepts, or undefined when it is. */
export function checkSchedule(expression: string): ScheduleProblem | undefined {
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) return checkRate(rate[1]!, 5);
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    const read = readCron(cron[1]!, 5);
    return 'problem' in read ? read.problem : undefined;
  }
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

/** The body of cron(...) read into fire times, or its first problem. */
function readCron(body: string, offset: number): { cron: Cron } | { problem: ScheduleProblem } {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) {
    return {
      problem: {
        message: `cron(${body}) has ${parts.length} field${parts.length === 1 ? '' : 's'}; EventBridge cron has 6`,
        hint: 'minutes hours day-of-month month day-of-week year, e.g. cron(0 12 * * ? *)',
        offset,
      },
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
    if (problem) return { problem: { message: `cron ${fields[i]!.name} field '${parts[i]}': ${problem}`, offset: offsets[i]!, hint: fieldHint(fields[i]!) } };
  }
  const [mi, h, dom, mon, dow, y] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    return {
      problem: {
        message: dom === '?' ? 'cron cannot have ? in both day-of-month and day-of-week' : 'cron needs ? in either day-of-month or day-of-week',
        hint: 'EventBridge cron takes one of the two day fields; put ? in the other, e.g. cron(0 12 * * ? *) or cron(0 12 ? * MON-FRI *)',
        offset: dom === '?' ? offsets[4]! : offsets[2]!,
      },
    };
  }
  const [, , fDom, fMon, fDow, fYear] = fields as [Field, Field, Field, Field, Field, Field];
  return {
    cron: {
      minutes: values(mi, fields[0]!),
      hours: values(h, fields[1]!),
      dom: daySpec(dom, fDom),
      months: values(mon, fMon),
      dow: daySpec(dow, fDow),
      years: y === '*' ? undefined : values(y, fYear),
    },
  };
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
    for (const b of bounds) {
      const v = valueOf(b, f);
      if (v === undefined) return `'${b}' is not a value`;
      if (v < f.min || v > f.max) return `${b} is outside ${f.min}-${f.max}`;
    }
  }
  return undefined;
}

function valueOf(token: string, f: Field): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const i = f.names?.indexOf(token.toUpperCase()) ?? -1;
  return i >= 0 ? i + 1 : undefined;
}

/** The values a checked list of items and ranges (with steps; ranges may wrap, FRI-MON) stands for. */
function values(text: string, f: Field): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const stepBy = stepText === undefined ? 1 : Number(stepText);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [f.min, f.max];
    else if (range!.includes('-')) {
      const [a, b] = range!.split('-');
      [lo, hi] = [valueOf(a!, f)!, valueOf(b!, f)!];
    } else {
      lo = valueOf(range!, f)!;
      hi = stepText === undefined ? lo : f.max;
    }
    if (hi < lo) {
      for (let v = lo; v <= f.max; v += stepBy) out.add(v);
      for (let v = f.min; v <= hi; v += stepBy) out.add(v);
    } else for (let v = lo; v <= hi; v += stepBy) out.add(v);
  }
  return out;
}

function daySpec(text: string, f: Field): DaySpec {
  const spec: DaySpec = { any: false, values: new Set(), last: false, lastWeekday: false };
  if (text === '?' || text === '*') {
    spec.any = true;
    return spec;
  }
  const plain: string[] = [];
  const weekdays = f.names === days;
  for (const item of text.split(',')) {
    let m: RegExpExecArray | null;
    if (item === 'L' && weekdays) spec.values.add(7); // day-of-week L: the last day of the week, SAT
    else if (item === 'L') spec.last = true;
    else if (item === 'LW') spec.lastWeekday = true;
    else if ((m = /^L-(\d+)$/.exec(item))) {
      spec.last = true;
      spec.lastOffset = Number(m[1]);
    } else if ((m = /^(\d+)W$/.exec(item))) spec.nearestWeekday = Number(m[1]);
    else if ((m = /^(\w+)L$/i.exec(item)) && weekdays) spec.lastOf = valueOf(m[1]!, f);
    else if ((m = /^(\w+)#(\d)$/.exec(item)) && weekdays) spec.nth = [valueOf(m[1]!, f)!, Number(m[2])];
    else plain.push(item);
  }
  if (plain.length) for (const v of values(plain.join(','), f)) spec.values.add(v);
  return spec;
}

/** Milliseconds between firings of rate(...), or undefined for anything else. */
export function rateMs(expression: string): number | undefined {
  const m = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression.trim());
  if (!m) return undefined;
  const unit = m[2]!.replace(/s$/, '');
  return Number(m[1]) * (unit === 'minute' ? 60_000 : unit === 'hour' ? 3_600_000 : 86_400_000);
}

/** A valid cron(...) expression read into its fire times; throws on one validate would refuse. */
export function parseCron(expression: string): Cron {
  const m = /^cron\((.*)\)$/.exec(expression.trim());
  if (!m) throw new Error(`'${expression}' is not a cron expression`);
  const read = readCron(m[1]!, 0);
  if ('problem' in read) throw new Error(read.problem.message);
  return read.cron;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function domMatches(spec: DaySpec, year: number, month: number, day: number): boolean {
  const last = daysIn(year, month);
  if (spec.values.has(day)) return true;
  if (spec.last && day === last - (spec.lastOffset ?? 0)) return true;
  const weekday = (d: number) => new Date(Date.UTC(year, month - 1, d)).getUTCDay();
  if (spec.lastWeekday) {
    let d = last;
    while (weekday(d) === 0 || weekday(d) === 6) d--;
    if (day === d) return true;
  }
  if (spec.nearestWeekday !== undefined) {
    const target = Math.min(spec.nearestWeekday, last);
    const wd = weekday(target);
    let d = target;
    if (wd === 6) d = target === 1 ? 3 : target - 1;
    else if (wd === 0) d = target === last ? target - 2 : target + 1;
    if (day === d) return true;
  }
  return false;
}

function dowMatches(spec: DaySpec, year: number, month: number, day: number): boolean {
  const wd = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1; // 1 = SUN
  if (spec.values.has(wd)) return true;
  if (spec.lastOf !== undefined && wd === spec.lastOf && day + 7 > daysIn(year, month)) return true;
  if (spec.nth && wd === spec.nth[0] && Math.ceil(day / 7) === spec.nth[1]) return true;
  return false;
}

function dayMatches(c: Cron, year: number, month: number, day: number): boolean {
  if (c.dom.any && c.dow.any) return true;
  if (c.dom.any) return dowMatches(c.dow, year, month, day);
  if (c.dow.any) return domMatches(c.dom, year, month, day);
  return domMatches(c.dom, year, month, day) && dowMatches(c.dow, year, month, day);
}

/** The first time strictly after `after` (ms) that the cron fires, or undefined (never). */
export function nextCron(c: Cron, after: number): number | undefined {
  const start = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  let day = start.getUTCDate();
  let hour = start.getUTCHours();
  let minute = start.getUTCMinutes();
  const hours = [...c.hours].sort((a, b) => a - b);
  const minutes = [...c.minutes].sort((a, b) => a - b);
  for (let guard = 0; guard < 366 * 30; guard++) {
    if (year > 2199) return undefined;
    if ((!c.years || c.years.has(year)) && c.months.has(month) && dayMatches(c, year, month, day)) {
      for (const h of hours) {
        if (h < hour) continue;
        const m = minutes.find((x) => h > hour || x >= minute);
        if (m !== undefined) return Date.UTC(year, month - 1, day, h, m);
      }
    }
    // next day at 00:00
    hour = 0;
    minute = 0;
    day++;
    if (day > daysIn(year, month)) {
      day = 1;
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return undefined;
}

/** The next firing strictly after `after` for a schedule that started at `since`. */
export function nextFire(expression: string, after: number, since: number): number | undefined {
  const rate = rateMs(expression);
  if (rate !== undefined) {
    const n = Math.floor((after - since) / rate) + 1;
    return since + n * rate;
  }
  return nextCron(parseCron(expression), after);
}
