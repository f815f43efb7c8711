// The little DER that RFC 3161 time-stamps need: read a tag-length-value tree, write the few
// structures of a request. Definite lengths only (DER); anything else is refused.

export interface Tlv {
  /** The identifier byte (class, constructed bit and tag number < 31). */
  tag: number;
  /** The whole element, header included. */
  bytes: Uint8Array;
  /** The contents. */
  value: Uint8Array;
}

export class DerError extends Error {}

export function readTlv(buf: Uint8Array, at = 0): Tlv & { end: number } {
  if (at + 2 > buf.length) throw new DerError('truncated DER element');
  const tag = buf[at]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used here');
  let len = buf[at + 1]!;
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError('unsupported DER length');
    if (at + 2 + n > buf.length) throw new DerError('truncated DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i]!;
    head += n;
  }
  const end = at + head + len;
  if (end > buf.length) throw new DerError('DER element runs past its container');
  return { tag, bytes: buf.subarray(at, end), value: buf.subarray(at + head, end), end };
}

/** The elements of a constructed value, in order. */
export function children(value: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < value.length) {
    const t = readTlv(value, at);
    out.push(t);
    at = t.end;
  }
  return out;
}

/** Exactly one element filling `buf`. */
export function readOne(buf: Uint8Array): Tlv {
  const t = readTlv(buf, 0);
  if (t.end !== buf.length) throw new DerError('trailing bytes after a DER element');
  return t;
}

export function oidText(value: Uint8Array): string {
  const parts: number[] = [];
  let n = 0;
  for (const b of value) {
    n = n * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const a = first < 80 ? Math.floor(first / 40) : 2;
  return [a, first - a * 40, ...parts].join('.');
}

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const len = contents.reduce((s, c) => s + c.length, 0);
  const head = [tag, ...lengthBytes(len)];
  const out = new Uint8Array(head.length + len);
  out.set(head, 0);
  let at = head.length;
  for (const c of contents) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function oid(text: string): Uint8Array {
  const [a, b, ...rest] = text.split('.').map(Number) as [number, number, ...number[]];
  const bytes: number[] = [a * 40 + b];
  for (const n of rest) {
    const enc: number[] = [n & 0x7f];
    let v = Math.floor(n / 128);
    while (v > 0) {
      enc.unshift(0x80 | (v & 0x7f));
      v = Math.floor(v / 128);
    }
    bytes.push(...enc);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

/** A non-negative INTEGER from big-endian bytes. */
export function integer(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return tlv(0x02, trimmed[0]! & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed);
}

export const SEQUENCE = 0x30;
export const SET = 0x31;
