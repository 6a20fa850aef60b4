// Identifiers shaped like the ones AWS hands out. Random by default; derived from a seed when a
// test asks for it (eda/testing's virtual clock), so two runs of a test give the same ids.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** The account every local ARN and queue URL uses. */
export const LOCAL_ACCOUNT = '000000000000';

/** A seeded byte source (sha256 in counter mode), or none: crypto's randomness. */
let seeded: { seed: string; counter: number } | undefined;

/**
 * Derives every id and random number from `seed` from now on (undefined: random again). The
 * ids are process-wide: apps started with a seed in one process share the sequence.
 */
export function seedIds(seed: string | undefined): void {
  seeded = seed === undefined ? undefined : { seed, counter: 0 };
  sequence = 10_000_000_000_000_000_000n;
}

function bytes(n: number): Buffer {
  if (!seeded) return randomBytes(n);
  const out: Buffer[] = [];
  for (let have = 0; have < n; have += 32) out.push(createHash('sha256').update(`${seeded.seed}:${seeded.counter++}`).digest());
  return Buffer.concat(out).subarray(0, n);
}

export const uuid = (): string => {
  if (!seeded) return randomUUID();
  const b = bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** A number in [0, 1), like Math.random (retry jitter, States.MathRandom). */
export const random = (): number => bytes(6).readUIntBE(0, 6) / 2 ** 48;

/** A receipt handle: opaque, unique per receive. */
export const receiptHandle = (): string => bytes(48).toString('base64url');

export const md5 = (text: string | Buffer): string => createHash('md5').update(text).digest('hex');

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** API Gateway request ids look like "JKJaXmPLvHcESHA=". */
export const apiRequestId = (): string => bytes(10).toString('base64');

let sequence = 10_000_000_000_000_000_000n;
/** Monotonic sequence numbers (FIFO queues, DynamoDB streams): 20+ digit strings. */
export const nextSequence = (): string => String(++sequence);
