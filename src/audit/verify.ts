// Verifying a trail: re-derive every hash, check every signature, every link and every seq, and
// report every finding (never stopping at the first). Pure: bytes and trusted keys in, report out.
import { createHash, verify as edVerify, type KeyObject } from 'node:crypto';
import { canonicalize } from './canonical.js';
import { fingerprint, parsePublicKey } from './keys.js';
import { recordHash, signingInput } from './seal.js';
import { shapeProblems, type ChainFields } from './shape.js';
import { checkChain } from './verify-chain.js';
import { keyValidityFindings, type KeyWindow } from './key-windows.js';

export type FindingClass =
  | 'MALFORMED'
  | 'HASH_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'CHAIN_BREAK'
  | 'SEQ_GAP'
  | 'DUPLICATE'
  | 'UNKNOWN_KEY'
  | 'TORN_TAIL'
  | 'INVALID_UTF8'
  | 'EMPTY'
  | 'KEY_NOT_VALID_AT';

export interface Finding {
  /** 1-based line number; 0 for the file as a whole. */
  line: number;
  seq: number | null;
  class: FindingClass;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Records in the chain (decision, outcome and recovery). */
  records: number;
  decisions: number;
  /** Recovery records that account for a torn write. */
  recoveries: number;
  findings: Finding[];
  /** Hash and seq of the last record: keep them elsewhere to detect later truncation. */
  lastHash: string | null;
  lastSeq: number | null;
}

export const TRUNCATION_NOTE =
  'note: deleting the last records of a trail cannot be detected from the file alone; ' +
  'keep the last hash somewhere else (or, later, a signed checkpoint) and compare';

/** One line of the file, as the checks see it. */
export interface Line {
  no: number;
  offset: number;
  bytes: Uint8Array;
  terminated: boolean;
  record?: ChainFields;
  /** Set when the line is not a record: the finding to report unless a recovery accounts for it. */
  problem?: Finding;
  /** The canonical bytes (JCS without hash and sig), when the record could be canonicalized. */
  canonical?: string;
  /** The hash/signature finding, if any. */
  integrity?: Finding;
  accounted?: boolean;
  trusted?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface VerifyOptions {
  publicKeys: (string | KeyObject)[];
  /**
   * A signature result computed elsewhere (worker threads) for a 1-based line: true/false, or
   * undefined to have it checked here. Consulted only for records whose key is trusted.
   */
  signatureCheck?: (line: number) => boolean | undefined;
  /** Validity windows of the keys (a keyring): a record signed outside its key's window is KEY_NOT_VALID_AT. */
  keyWindows?: readonly KeyWindow[] | null;
}

export function verifyTrail(bytes: Uint8Array, o: VerifyOptions): VerifyReport {
  const keys = new Map<string, KeyObject>();
  o.publicKeys.forEach((k, i) => {
    const key = typeof k === 'string' ? parsePublicKey(k, `public key #${i + 1}`) : k;
    keys.set(fingerprint(key), key);
  });
  const findings: Finding[] = [];
  if (bytes.length === 0) {
    findings.push({ line: 0, seq: null, class: 'EMPTY', detail: 'the file is empty: no records (a wiped trail looks the same)' });
    return { ok: false, records: 0, decisions: 0, recoveries: 0, findings, lastHash: null, lastSeq: null };
  }
  const lines = splitLines(bytes);
  for (const line of lines) parseLine(line);
  for (const line of lines) if (line.record) checkIntegrity(line, keys, o.signatureCheck);
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
  // Which key may sign when: after a key_rotation record (and outside keyring windows) a key is retired.
  findings.push(...keyValidityFindings(chain.map(keyUse), o.keyWindows));
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
  };
}

function keyUse(l: Line) {
  const r = l.record!;
  const newKey = (r.new_key as { key_id?: unknown } | undefined)?.key_id;
  return {
    line: l.no,
    seq: r.seq,
    time: String(r.time),
    type: r.type,
    key_id: r.key_id,
    trusted: l.trusted === true,
    ...(typeof newKey === 'string' ? { new_key_id: newKey } : {}),
  };
}

function splitLines(bytes: Uint8Array): Line[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines: Line[] = [];
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl === -1 ? buf.length : nl;
    lines.push({ no: lines.length + 1, offset: start, bytes: buf.subarray(start, end), terminated: nl !== -1 });
    start = end + 1;
  }
  return lines;
}

function parseLine(line: Line): void {
  const at = (cls: Finding['class'], detail: string, seq: number | null = null) => {
    line.problem = { line: line.no, seq, class: cls, detail };
  };
  if (line.bytes.length === 0) return at('MALFORMED', 'empty line');
  let text: string;
  try {
    text = utf8.decode(line.bytes);
  } catch {
    return at('INVALID_UTF8', `invalid UTF-8 at byte ${firstInvalidUtf8(line.bytes)} of the line`);
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
  line.record = json as ChainFields;
  let forms: { full: string; unsigned: string };
  try {
    forms = canonicalForms(line.record);
  } catch (err) {
    return at('MALFORMED', `cannot be canonicalized: ${(err as Error).message}`, line.record.seq);
  }
  line.canonical = forms.unsigned;
  // Lines are written in JCS form; anything else (reformatting, duplicate keys, number
  // spellings) means the bytes were changed even if the values still verify.
  if (forms.full !== text)
    at('MALFORMED', 'the line is not the canonical (JCS) form of its record: it was re-serialised or edited', line.record.seq);
}

/** JCS of the whole record and of the record without hash and sig, canonicalizing each member once. */
function canonicalForms(r: Record<string, unknown>): { full: string; unsigned: string } {
  const full: string[] = [];
  const unsigned: string[] = [];
  for (const key of Object.keys(r).sort()) {
    if (r[key] === undefined) continue;
    const member = `${canonicalize(key)}:${canonicalize(r[key])}`;
    full.push(member);
    if (key !== 'hash' && key !== 'sig') unsigned.push(member);
  }
  return { full: `{${full.join(',')}}`, unsigned: `{${unsigned.join(',')}}` };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const reencoded = Buffer.from(Buffer.from(bytes).toString('utf8'), 'utf8');
  let i = 0;
  while (i < bytes.length && bytes[i] === reencoded[i]) i++;
  return i + 1;
}

function checkIntegrity(line: Line, keys: Map<string, KeyObject>, precomputed?: VerifyOptions['signatureCheck']): void {
  const r = line.record!;
  const canonical = line.canonical;
  if (canonical === undefined) return; // reported as MALFORMED by parseLine
  const key = keys.get(r.key_id);
  const sigOk = key ? (precomputed?.(line.no) ?? edVerify(null, signingInput(canonical), key, Buffer.from(r.sig, 'base64'))) : null;
  const add = (cls: Finding['class'], detail: string) => {
    line.integrity = { line: line.no, seq: r.seq, class: cls, detail };
  };
  const hash = recordHash(canonical);
  if (hash !== r.hash) {
    const sigNote =
      sigOk === null
        ? `signed by unknown key ${r.key_id}`
        : sigOk
          ? 'the signature is valid: only the hash field was changed'
          : 'the signature fails too: the content was changed';
    add('HASH_MISMATCH', `the record hashes to ${hash.slice(0, 16)}…, not to its stored hash ${r.hash.slice(0, 16)}…; ${sigNote}`);
  } else if (sigOk === null) {
    add('UNKNOWN_KEY', `signed by ${r.key_id}, which is not among the trusted public keys`);
  } else if (!sigOk) {
    add('BAD_SIGNATURE', `the signature does not verify under ${r.key_id}`);
  } else {
    line.trusted = true;
  }
}

/** Marks fragments accounted for by a trusted recovery record right after them. */
function accountFragments(lines: Line[], bytes: Uint8Array, findings: Finding[]): number {
  let count = 0;
  const byOffset = new Map(lines.map((l, i) => [l.offset, i]));
  lines.forEach((line, i) => {
    const r = line.record;
    if (!r || r.type !== 'recovery' || !line.trusted || !line.terminated) return;
    const at = r.at_offset as number;
    const len = r.fragment_length as number;
    const first = byOffset.get(at);
    const add = (detail: string) => findings.push({ line: line.no, seq: r.seq, class: 'CHAIN_BREAK', detail });
    if (first === undefined || first >= i || at + len + 1 !== line.offset) {
      add(`recovery record accounts for bytes ${at}..${at + len}, which are not the lines right before it`);
      return;
    }
    const digest = createHash('sha256')
      .update(bytes.subarray(at, at + len))
      .digest('hex');
    if (digest !== r.fragment_sha256) {
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
    detail: `${what}: an interrupted write (a crash, not tampering); it was never acknowledged, and the next append records a recovery for it`,
  };
}
