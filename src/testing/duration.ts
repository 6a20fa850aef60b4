// Durations as tests write them: 250 (ms), '250ms', '30s', '5m', '25h', '2d', '1h30m'.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds in a duration; throws with the accepted forms for anything else. */
export function toMs(duration: number | string): number {
  if (typeof duration === 'number') {
    if (Number.isFinite(duration) && duration >= 0) return duration;
  } else {
    const parts = [...duration.trim().matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)];
    const whole = parts.map((p) => p[0]).join('');
    if (parts.length && whole.replace(/\s/g, '') === duration.replace(/\s/g, '')) {
      return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit!]!, 0);
    }
  }
  throw new Error(`'${duration}' is not a duration: use milliseconds (250) or a string such as '250ms', '30s', '5m', '25h', '2d' or '1h30m'`);
}
