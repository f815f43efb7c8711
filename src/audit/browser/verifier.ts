// The in-browser verifier of the HTML report: a second, independent implementation of
// src/audit/verify.ts on @noble/ed25519 and @noble/hashes (no node:crypto, no Buffer), so an
// auditor's browser checks the trail without trusting seatbelt's own binary. It shares only the
// byte rules with Node: canonical.ts (JCS), shape.ts (what a record is) and key-windows.ts.
// A test runs both over the same tamper matrix and requires the same findings.
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { canonicalize } from '../canonical.js';
import { keyValidityFindings, type KeyWindow } from '../key-windows.js';
import { shapeProblems } from '../shape.js';

ed.hashes.sha512 = sha512;

export const DOMAIN = 'seatbelt/v1/record\n';
const GENESIS_HASH = '0'.repeat(64);
const enc = new TextEncoder();
const DOMAIN_BYTES = enc.encode(DOMAIN);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface BrowserKey extends Partial<KeyWindow> {
  keyId: string;
  publicKey: Uint8Array;
}

export interface Finding {
  line: number;
  seq: number | null;
  class: string;
  detail: string;
}

export interface BrowserVerifyReport {
  ok: boolean;
  records: number;
  decisions: number;
  recoveries: number;
  findings: Finding[];
  lastHash: string | null;
  lastSeq: number | null;
  /** The parsed records of the chain, in file order, for the report's figures. */
  entries: { line: number; record: Record<string, unknown> }[];
  /** Key ids that signed at least one verified record. */
  keysUsed: string[];
}

interface Rec {
  v: number;
  type: string;
  seq: number;
  time: string;
  prev_hash: string;
  hash: string;
  key_id: string;
  sig: string;
  [k: string]: unknown;
}

interface Line {
  no: number;
  offset: number;
  bytes: Uint8Array;
  terminated: boolean;
  record?: Rec;
  problem?: Finding;
  integrity?: Finding;
  accounted?: boolean;
  trusted?: boolean;
}

// ---- bytes --------------------------------------------------------------------------------

export const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s.replace(/\s+/g, ''));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};

// ---- keys ---------------------------------------------------------------------------------

const SPKI_ED25519 = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

function sshString(b: Uint8Array): Uint8Array {
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, b.length);
  return concat(len, b);
}

/** OpenSSH `SHA256:<base64, no padding>` of the ssh-ed25519 wire blob: the key id seatbelt uses. */
export function keyIdOf(raw: Uint8Array): string {
  const blob = concat(sshString(enc.encode('ssh-ed25519')), sshString(raw));
  return `SHA256:${toBase64(sha256(blob)).replace(/=+$/, '')}`;
}

function rawFromPem(pem: string): Uint8Array {
  const m = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(pem);
  if (!m) throw new Error('no "BEGIN PUBLIC KEY" block');
  const der = fromBase64(m[1]!);
  if (der.length !== 44 || !SPKI_ED25519.every((b, i) => der[i] === b)) throw new Error('not an Ed25519 public key (SPKI)');
  return der.subarray(12);
}

function rawFromSsh(line: string): Uint8Array {
  const blob = fromBase64(line.trim().split(/\s+/)[1] ?? '');
  const head = sshString(enc.encode('ssh-ed25519'));
  if (blob.length !== head.length + 36 || !head.every((b, i) => blob[i] === b)) throw new Error('not an ssh-ed25519 key');
  return blob.subarray(head.length + 4);
}

/**
 * The keys in a dropped file: a keyring (`seatbelt keys export-pub`, with validity windows), one or
 * more PEM public keys, or ssh-ed25519 lines. Throws with a message saying what it is not.
 */
export function parseKeyFile(text: string): BrowserKey[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const json = JSON.parse(trimmed) as { keys?: unknown };
    if (!Array.isArray(json.keys)) throw new Error('a JSON key file must have a "keys" array (the output of seatbelt keys export-pub)');
    return json.keys.map((k: Record<string, unknown>, i: number) => {
      if (typeof k.public_key_pem !== 'string') throw new Error(`keys[${i}].public_key_pem: expected a PEM string`);
      const publicKey = rawFromPem(k.public_key_pem);
      const keyId = keyIdOf(publicKey);
      if (typeof k.key_id === 'string' && k.key_id !== keyId)
        throw new Error(`keys[${i}]: key_id ${k.key_id} is not the fingerprint of its public key (${keyId})`);
      const out: BrowserKey = { keyId, publicKey, key_id: keyId };
      if (typeof k.not_before === 'string') out.not_before = k.not_before;
      if (typeof k.not_after === 'string') out.not_after = k.not_after;
      return out;
    });
  }
  const keys: BrowserKey[] = [];
  for (const m of trimmed.matchAll(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g)) {
    const publicKey = rawFromPem(m[0]);
    keys.push({ keyId: keyIdOf(publicKey), publicKey });
  }
  for (const line of trimmed.split('\n')) {
    if (line.startsWith('ssh-ed25519 ')) {
      const publicKey = rawFromSsh(line);
      keys.push({ keyId: keyIdOf(publicKey), publicKey });
    }
  }
  if (keys.length === 0) throw new Error('no public key found (expected PEM, ssh-ed25519 or a seatbelt keyring)');
  return keys;
}

/** True when the text looks like a key file rather than a trail. */
export function looksLikeKeyFile(text: string): boolean {
  const t = text.trimStart();
  return (
    t.startsWith('-----BEGIN') ||
    t.startsWith('ssh-ed25519 ') ||
    (t.startsWith('{') && /"keys"\s*:/.test(t.slice(0, 4096)) && !/"prev_hash"/.test(t.slice(0, 4096)))
  );
}

// ---- the verifier -------------------------------------------------------------------------

export interface VerifyOptions {
  /** Called now and then with the number of lines checked, so the page can show progress. */
  onProgress?: (done: number, total: number) => void;
  /** Yield to the event loop every this many lines (keeps the page responsive). */
  chunk?: number;
}

export async function verifyTrailBytes(
  bytes: Uint8Array,
  keys: readonly BrowserKey[],
  o: VerifyOptions = {},
): Promise<BrowserVerifyReport> {
  const byId = new Map(keys.map((k) => [k.keyId, k]));
  const findings: Finding[] = [];
  const empty = { records: 0, decisions: 0, recoveries: 0, lastHash: null, lastSeq: null, entries: [], keysUsed: [] };
  if (bytes.length === 0) {
    findings.push({ line: 0, seq: null, class: 'EMPTY', detail: 'the file is empty: no records (a wiped trail looks the same)' });
    return { ok: false, findings, ...empty };
  }
  const lines = splitLines(bytes);
  const chunk = o.chunk ?? 200;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    parseLine(line);
    if (line.record) checkIntegrity(line, byId);
    if ((i + 1) % chunk === 0) {
      o.onProgress?.(i + 1, lines.length);
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  o.onProgress?.(lines.length, lines.length);
  const recoveries = accountFragments(lines, bytes, findings);
  const chain: Line[] = [];
  for (const line of lines) {
    if (line.accounted) continue;
    if (!line.terminated) {
      findings.push(tornTail(line));
      continue;
    }
    if (line.problem) findings.push(line.problem);
    if (line.integrity) findings.push(line.integrity);
    if (line.record) chain.push(line);
  }
  checkChain(lines, chain, findings);
  const windows = keys
    .filter((k): k is BrowserKey & KeyWindow => typeof k.not_before === 'string')
    .map((k) => ({ key_id: k.keyId, not_before: k.not_before, not_after: k.not_after ?? null }));
  findings.push(
    ...keyValidityFindings(
      chain.map((l) => ({
        line: l.no,
        seq: l.record!.seq,
        time: l.record!.time,
        type: l.record!.type,
        key_id: l.record!.key_id,
        trusted: l.trusted === true,
        ...(typeof (l.record!.new_key as { key_id?: unknown } | undefined)?.key_id === 'string'
          ? { new_key_id: (l.record!.new_key as { key_id: string }).key_id }
          : {}),
      })),
      windows,
    ),
  );
  findings.sort((a, b) => a.line - b.line);
  const last = chain.at(-1)?.record;
  return {
    ok: findings.length === 0,
    records: chain.length,
    decisions: chain.filter((l) => l.record!.type === 'decision').length,
    recoveries,
    findings,
    lastHash: last?.hash ?? null,
    lastSeq: last?.seq ?? null,
    entries: chain.map((l) => ({ line: l.no, record: l.record! })),
    keysUsed: [...new Set(chain.filter((l) => l.trusted).map((l) => l.record!.key_id))],
  };
}

function splitLines(bytes: Uint8Array): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    lines.push({ no: lines.length + 1, offset: start, bytes: bytes.subarray(start, end), terminated: nl !== -1 });
    start = end + 1;
  }
  return lines;
}

function parseLine(line: Line): void {
  const at = (cls: string, detail: string, seq: number | null = null) => {
    line.problem = { line: line.no, seq, class: cls, detail };
  };
  if (line.bytes.length === 0) return at('MALFORMED', 'empty line');
  let text: string;
  try {
    text = utf8.decode(line.bytes);
  } catch {
    return at('INVALID_UTF8', 'invalid UTF-8 in the line');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return at('MALFORMED', `not JSON (${(err as Error).message})`);
  }
  const problems = shapeProblems(json);
  const seqOf = (v: unknown) =>
    typeof v === 'object' && v !== null && Number.isSafeInteger((v as { seq?: unknown }).seq) ? (v as { seq: number }).seq : null;
  if (problems.length > 0) return at('MALFORMED', `not a v1 record: ${problems.join('; ')}`, seqOf(json));
  line.record = json as Rec;
  let canonical: string;
  try {
    canonical = canonicalize(json);
  } catch (err) {
    return at('MALFORMED', `cannot be canonicalized: ${(err as Error).message}`, line.record.seq);
  }
  if (canonical !== text)
    at('MALFORMED', 'the line is not the canonical (JCS) form of its record: it was re-serialised or edited', line.record.seq);
}

function checkIntegrity(line: Line, keys: Map<string, BrowserKey>): void {
  const r = line.record!;
  let canonical: Uint8Array;
  try {
    const { hash: _h, sig: _s, ...rest } = r;
    canonical = enc.encode(canonicalize(rest));
  } catch {
    return;
  }
  const key = keys.get(r.key_id);
  let sigOk: boolean | null = null;
  if (key) {
    try {
      sigOk = ed.verify(fromBase64(r.sig), concat(DOMAIN_BYTES, canonical), key.publicKey, { zip215: false });
    } catch {
      sigOk = false;
    }
  }
  const add = (cls: string, detail: string) => {
    line.integrity = { line: line.no, seq: r.seq, class: cls, detail };
  };
  const hash = toHex(sha256(concat(Uint8Array.of(0), DOMAIN_BYTES, canonical)));
  if (hash !== r.hash) {
    const note =
      sigOk === null
        ? `signed by unknown key ${r.key_id}`
        : sigOk
          ? 'the signature is valid: only the hash field was changed'
          : 'the signature fails too: the content was changed';
    add('HASH_MISMATCH', `the record hashes to ${hash.slice(0, 16)}…, not to its stored hash ${r.hash.slice(0, 16)}…; ${note}`);
  } else if (sigOk === null) {
    add('UNKNOWN_KEY', `signed by ${r.key_id}, which is not among the public keys you gave`);
  } else if (!sigOk) {
    add('BAD_SIGNATURE', `the signature does not verify under ${r.key_id}`);
  } else {
    line.trusted = true;
  }
}

function accountFragments(lines: Line[], bytes: Uint8Array, findings: Finding[]): number {
  let count = 0;
  const byOffset = new Map(lines.map((l, i) => [l.offset, i]));
  lines.forEach((line, i) => {
    const r = line.record;
    if (!r || r.type !== 'recovery' || !line.trusted) return;
    const at = r.at_offset as number;
    const len = r.fragment_length as number;
    const first = byOffset.get(at);
    const add = (detail: string) => findings.push({ line: line.no, seq: r.seq, class: 'CHAIN_BREAK', detail });
    if (first === undefined || first >= i || at + len + 1 !== line.offset) {
      add(`recovery record accounts for bytes ${at}..${at + len}, which are not the lines right before it`);
      return;
    }
    if (toHex(sha256(bytes.subarray(at, at + len))) !== r.fragment_sha256) {
      add(`recovery record's fragment digest does not match bytes ${at}..${at + len} (the fragment was changed)`);
      return;
    }
    for (let j = first; j < i; j++) lines[j]!.accounted = true;
    count++;
  });
  return count;
}

function tornTail(line: Line): Finding {
  const what = line.record ? 'a complete record whose newline was never written' : `${line.bytes.length} bytes of an unfinished line`;
  return {
    line: line.no,
    seq: line.record?.seq ?? null,
    class: 'TORN_TAIL',
    detail: `${what}: an interrupted write (a crash, not tampering)`,
  };
}

function checkChain(lines: Line[], chain: Line[], findings: Finding[]): void {
  const bySeq = new Map<number, Line[]>();
  for (const l of chain) {
    const list = bySeq.get(l.record!.seq) ?? [];
    list.push(l);
    bySeq.set(l.record!.seq, list);
  }
  const add = (l: Line, cls: string, detail: string) => findings.push({ line: l.no, seq: l.record!.seq, class: cls, detail });
  const unparsedBefore: number[] = [];
  let unparsed = 0;
  for (const l of lines) {
    unparsedBefore[l.no] = unparsed;
    if (!l.accounted && l.terminated && !l.record) unparsed++;
  }
  let maxSeq = -1;
  let maxLine: Line | null = null;
  let prev: Line | null = null;
  for (const l of chain) {
    const r = l.record!;
    const same = bySeq.get(r.seq)!;
    const earlier = same.slice(0, same.indexOf(l));
    const twin = earlier.find((e) => e.record!.hash === r.hash);
    if (twin) {
      add(l, 'DUPLICATE', `the same record as line ${twin.no} (seq ${r.seq} appears twice)`);
      prev = l;
      continue;
    }
    if (earlier.length > 0) {
      add(l, 'DUPLICATE', `fork: seq ${r.seq} is also line ${earlier[0]!.no}, a different record`);
    } else if (r.seq < maxSeq) {
      add(l, 'CHAIN_BREAK', `out of order: seq ${r.seq} comes after seq ${maxSeq} (line ${maxLine!.no}); records were moved`);
    } else if (r.seq > maxSeq + 1) {
      let missing = 0;
      for (let s = maxSeq + 1; s < r.seq; s++) if (!bySeq.has(s)) missing++;
      const explained = unparsedBefore[l.no]! - (prev ? unparsedBefore[prev.no]! : 0);
      if (missing > explained) {
        const range = r.seq - maxSeq - 1 === 1 ? `seq ${maxSeq + 1} is` : `seq ${maxSeq + 1}..${r.seq - 1} are`;
        add(l, 'SEQ_GAP', `${range} missing before this record: records were deleted`);
      }
    }
    if (r.seq === 0) {
      if (r.prev_hash !== GENESIS_HASH) add(l, 'CHAIN_BREAK', 'the first record (seq 0) must have the genesis prev_hash (64 zeros)');
    } else {
      const parents = bySeq.get(r.seq - 1);
      if (parents && !parents.some((p) => p.record!.hash === r.prev_hash)) {
        add(l, 'CHAIN_BREAK', `prev_hash does not match the hash of seq ${r.seq - 1} (line ${parents[0]!.no})`);
      }
    }
    if (r.seq > maxSeq) {
      maxSeq = r.seq;
      maxLine = l;
    }
    prev = l;
  }
}
