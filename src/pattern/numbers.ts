// Numbers as EventBridge compares them: fixed-point with six decimal places,
// within -5e9..+5e9 inclusive. A number outside that range, or with more than
// six digits after the decimal point, takes no part in numeric comparisons.

export const MAX_MAGNITUDE = 5e9;
export const MAX_DECIMALS = 6;

export type NumberCheck =
  | { ok: true; micros: bigint }
  | { ok: false; reason: 'not-finite' | 'precision' | 'range' };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** The number scaled by 10^6 as an exact integer, or why it can't be compared. */
export function checkNumber(n: number): NumberCheck {
  if (!Number.isFinite(n)) return { ok: false, reason: 'not-finite' };
  if (n === 0) return { ok: true, micros: 0n };
  const m = DECIMAL.exec(String(n));
  if (!m) return { ok: false, reason: 'precision' };
  const [, sign, int, frac = '', exp = '0'] = m;
  let digits = (int! + frac).replace(/^0+/, '');
  let exp10 = Number(exp) - frac.length;
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exp10++;
  }
  if (-exp10 > MAX_DECIMALS) return { ok: false, reason: 'precision' };
  if (Math.abs(n) > MAX_MAGNITUDE) return { ok: false, reason: 'range' };
  return { ok: true, micros: BigInt(sign + digits) * 10n ** BigInt(MAX_DECIMALS + exp10) };
}

/** Scaled value for comparison, or null when the number is not comparable. */
export function toMicros(n: number): bigint | null {
  const c = checkNumber(n);
  return c.ok ? c.micros : null;
}

export function numberProblem(reason: 'not-finite' | 'precision' | 'range'): string {
  switch (reason) {
    case 'not-finite':
      return 'must be a finite number';
    case 'precision':
      return `has more than ${MAX_DECIMALS} digits after the decimal point, which EventBridge cannot compare`;
    case 'range':
      return 'is outside the range EventBridge compares numerically (-5e9 to 5e9 inclusive)';
  }
}
