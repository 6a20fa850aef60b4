// IP addresses the way EventBridge reads them: a dotted quad of decimal octets,
// or an IPv6 address in hex-and-colons form (no zone, no embedded dotted quad).
// An IPv4-mapped IPv6 address (::ffff:a00:1) is read as the IPv4 address.

export interface Ip {
  v6: boolean;
  value: bigint;
}

const IPV4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function looksLikeIp(s: string): boolean {
  return IPV4.test(s) || IPV6.test(s);
}

export function parseIp(s: string): Ip | null {
  if (IPV4.test(s)) {
    let value = 0n;
    for (const part of s.split('.')) {
      const n = Number(part);
      if (n > 255) return null;
      value = (value << 8n) | BigInt(n);
    }
    return { v6: false, value };
  }
  if (!IPV6.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (text: string): string[] | null => {
    if (text === '') return [];
    const parts = text.split(':');
    return parts.every((p) => HEX_GROUP.test(p)) ? parts : null;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  let all: string[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return null;
    all = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  } else {
    if (head.length !== 8) return null;
    all = head;
  }
  let value = 0n;
  for (const g of all) value = (value << 16n) | BigInt(parseInt(g, 16));
  if (value >> 32n === 0xffffn) return { v6: false, value: value & 0xffffffffn };
  return { v6: true, value };
}

export type CidrCheck = { ok: true; v6: boolean; lo: bigint; hi: bigint } | { ok: false; message: string; hint?: string };

export function parseCidr(text: string): CidrCheck {
  // Java's split drops a trailing empty piece, so "10.0.0.0/" has no mask at all.
  const pieces = text.split('/');
  while (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  if (pieces.length !== 2) {
    return { ok: false, message: 'is not a CIDR block: it needs exactly one "/" followed by the mask bits', hint: 'for example "10.0.0.0/24" or "2001:db8::/32"' };
  }
  const [address, maskText] = pieces as [string, string];
  if (!/^[+-]?[0-9]+$/.test(maskText) || Math.abs(Number(maskText)) > 2 ** 31 - 1) {
    return { ok: false, message: `has mask bits "${maskText}", which is not an integer` };
  }
  const bits = Number(maskText);
  if (bits < 0) return { ok: false, message: 'has negative mask bits' };
  if (!looksLikeIp(address)) return { ok: false, message: `has "${address}", which is not an IPv4 or IPv6 address` };
  const ip = parseIp(address);
  if (!ip) return { ok: false, message: `has an invalid IP address "${address}"` };
  const width = ip.v6 ? 128 : 32;
  if (bits >= width) {
    return {
      ok: false,
      message: `has ${bits} mask bits; EventBridge accepts at most ${width - 1} for ${ip.v6 ? 'IPv6' : 'IPv4'}`,
      hint: `to match the single address, list it as a plain value: ["${address}"]`,
    };
  }
  const hostBits = BigInt(width - bits);
  const hostMask = (1n << hostBits) - 1n;
  return { ok: true, v6: ip.v6, lo: ip.value & ~hostMask, hi: ip.value | hostMask };
}
