// IANA time zones through Intl: whether a name is one, the offset of a zone at an instant, and
// the instant a wall-clock time in a zone denotes. EventBridge Scheduler evaluates cron() and
// at() expressions in the schedule's zone; eda dev does the same with these.

/** The time zone names this Node knows (Intl's list), for "did you mean". */
export function timeZoneNames(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

/** True when `zone` is an IANA time zone name (UTC included). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
export function zoneOffset(instant: number, zone: string): number {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The wall-clock time (as UTC fields) of `instant` in the zone. */
export function toWall(instant: number, zone: string): number {
  return instant + zoneOffset(instant, zone);
}

/**
 * The instant a wall-clock time in the zone denotes. A time the clocks skip (spring forward) is
 * read with the offset before the change, so it lands just after the gap; a time that occurs
 * twice (fall back) is its first occurrence.
 */
export function fromWall(wall: number, zone: string): number {
  const before = wall - zoneOffset(wall - 86_400_000, zone);
  const after = wall - zoneOffset(wall + 86_400_000, zone);
  const candidates = [before, after].filter((i) => toWall(i, zone) === wall).sort((a, b) => a - b);
  return candidates[0] ?? before;
}
