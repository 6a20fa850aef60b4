// Identifiers shaped like the ones AWS hands out.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** The account every local ARN and queue URL uses. */
export const LOCAL_ACCOUNT = '000000000000';

export const uuid = (): string => randomUUID();

/** A receipt handle: opaque, unique per receive. */
export const receiptHandle = (): string => randomBytes(48).toString('base64url');

export const md5 = (text: string | Buffer): string => createHash('md5').update(text).digest('hex');

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** API Gateway request ids look like "JKJaXmPLvHcESHA=". */
export const apiRequestId = (): string => randomBytes(10).toString('base64');

let sequence = 10_000_000_000_000_000_000n;
/** Monotonic sequence numbers (FIFO queues, DynamoDB streams): 20+ digit strings. */
export const nextSequence = (): string => String(++sequence);
