// When EventBridge schedules fire: rate(n unit) every n units from the start, and the
// six-field cron(minutes hours day-of-month month day-of-week year) in UTC, with , - * /
// ? L W # and month/day names.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function rateMs(expression: string): number | undefined {
  const m = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression.trim());
  if (!m) return undefined;
  const unit = m[2]!.replace(/s$/, '');
  return Number(m[1]) * (unit === 'minute' ? 60_000 : unit === 'hour' ? 3_600_000 : 86_400_000);
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

function value(token: string, names?: string[]): number {
  const upper = token.toUpperCase();
  const i = names?.indexOf(upper) ?? -1;
  if (i >= 0) return i + 1;
  const n = Number(token);
  if (!Number.isInteger(n)) throw new Error(`'${token}' is not a value`);
  return n;
}

function field(text: string, min: number, max: number, names?: string[]): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const stepBy = stepText === undefined ? 1 : Number(stepText);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [min, max];
    else if (range!.includes('-')) {
      const [a, b] = range!.split('-');
      [lo, hi] = [value(a!, names), value(b!, names)];
    } else {
      lo = value(range!, names);
      hi = stepText === undefined ? lo : max;
    }
    if (hi < lo) {
      // a wrapping range like FRI-MON
      for (let v = lo; v <= max; v += stepBy) out.add(v);
      for (let v = min; v <= hi; v += stepBy) out.add(v);
    } else for (let v = lo; v <= hi; v += stepBy) out.add(v);
  }
  return out;
}

function daySpec(text: string, min: number, max: number, names?: string[]): DaySpec {
  const spec: DaySpec = { any: false, values: new Set(), last: false, lastWeekday: false };
  if (text === '?' || text === '*') {
    spec.any = true;
    return spec;
  }
  const plain: string[] = [];
  for (const item of text.split(',')) {
    let m: RegExpExecArray | null;
    if (item === 'L') spec.last = true;
    else if (item === 'LW') spec.lastWeekday = true;
    else if ((m = /^L-(\d+)$/.exec(item))) {
      spec.last = true;
      spec.lastOffset = Number(m[1]);
    } else if ((m = /^(\d+)W$/.exec(item))) spec.nearestWeekday = Number(m[1]);
    else if ((m = /^(\w+)L$/i.exec(item)) && names) spec.lastOf = value(m[1]!, names);
    else if ((m = /^(\w+)#(\d)$/.exec(item)) && names) spec.nth = [value(m[1]!, names), Number(m[2])];
    else plain.push(item);
  }
  if (plain.length) spec.values = field(plain.join(','), min, max, names);
  return spec;
}

export function parseCron(expression: string): Cron {
  const m = /^cron\((.*)\)$/.exec(expression.trim());
  if (!m) throw new Error(`'${expression}' is not a cron expression`);
  const parts = m[1]!.trim().split(/\s+/);
  if (parts.length !== 6) throw new Error(`cron needs 6 fields, got ${parts.length}`);
  const [mi, h, dom, mon, dow, y] = parts as [string, string, string, string, string, string];
  return {
    minutes: field(mi, 0, 59),
    hours: field(h, 0, 23),
    dom: daySpec(dom, 1, 31),
    months: field(mon, 1, 12, MONTHS),
    dow: daySpec(dow, 1, 7, DAYS),
    years: y === '*' ? undefined : field(y, 1970, 2199),
  };
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
