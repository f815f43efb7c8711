// Verifying a trail: re-derive every hash, check every signature, every link and every seq, and
// report every finding (never stopping at the first). Pure: bytes and trusted keys in, report out.
import { createHash, verify as edVerify, type KeyObject } from 'node:crypto';
import { canonicalize } from './canonical.js';
import { fingerprint, parsePublicKey } from './keys.js';
import { canonicalBytes, GENESIS_HASH, recordHash, signingInput } from './seal.js';
import { shapeProblems, type ChainFields } from './shape.js';

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
  | 'EMPTY';

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

interface Line {
  no: number;
  offset: number;
  bytes: Uint8Array;
  terminated: boolean;
  record?: ChainFields;
  /** Set when the line is not a record: the finding to report unless a recovery accounts for it. */
  problem?: Finding;
  /** The hash/signature finding, if any. */
  integrity?: Finding;
  accounted?: boolean;
  trusted?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function verifyTrail(bytes: Uint8Array, o: { publicKeys: (string | KeyObject)[] }): VerifyReport {
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
  for (const line of lines) if (line.record) checkIntegrity(line, keys);
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
  const seqOf = (v: unknown) => (typeof v === 'object' && v !== null && Number.isSafeInteger((v as { seq?: unknown }).seq) ? ((v as { seq: number }).seq) : null);
  if (problems.length > 0) return at('MALFORMED', `not a v1 record: ${problems.join('; ')}`, seqOf(json));
  line.record = json as ChainFields;
  let canonical: string | null = null;
  try {
    canonical = canonicalize(json);
  } catch (err) {
    return at('MALFORMED', `cannot be canonicalized: ${(err as Error).message}`, line.record.seq);
  }
  // Lines are written in JCS form; anything else (reformatting, duplicate keys, number
  // spellings) means the bytes were changed even if the values still verify.
  if (canonical !== text) at('MALFORMED', 'the line is not the canonical (JCS) form of its record: it was re-serialised or edited', line.record.seq);
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const reencoded = Buffer.from(Buffer.from(bytes).toString('utf8'), 'utf8');
  let i = 0;
  while (i < bytes.length && bytes[i] === reencoded[i]) i++;
  return i + 1;
}

function checkIntegrity(line: Line, keys: Map<string, KeyObject>): void {
  const r = line.record!;
  let canonical: string;
  try {
    canonical = canonicalBytes(r);
  } catch {
    return; // reported as MALFORMED by parseLine
  }
  const key = keys.get(r.key_id);
  const sigOk = key ? edVerify(null, signingInput(canonical), key, Buffer.from(r.sig, 'base64')) : null;
  const add = (cls: Finding['class'], detail: string) => {
    line.integrity = { line: line.no, seq: r.seq, class: cls, detail };
  };
  const hash = recordHash(canonical);
  if (hash !== r.hash) {
    const sigNote =
      sigOk === null ? `signed by unknown key ${r.key_id}` : sigOk ? 'the signature is valid: only the hash field was changed' : 'the signature fails too: the content was changed';
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
    if (!r || r.type !== 'recovery' || !line.trusted) return;
    const at = r.at_offset as number;
    const len = r.fragment_length as number;
    const first = byOffset.get(at);
    const add = (detail: string) => findings.push({ line: line.no, seq: r.seq, class: 'CHAIN_BREAK', detail });
    if (first === undefined || first >= i || at + len + 1 !== line.offset) {
      add(`recovery record accounts for bytes ${at}..${at + len}, which are not the lines right before it`);
      return;
    }
    const digest = createHash('sha256').update(bytes.subarray(at, at + len)).digest('hex');
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

function checkChain(lines: Line[], chain: Line[], findings: Finding[]): void {
  const bySeq = new Map<number, Line[]>();
  for (const l of chain) {
    const list = bySeq.get(l.record!.seq) ?? [];
    list.push(l);
    bySeq.set(l.record!.seq, list);
  }
  const add = (l: Line, cls: Finding['class'], detail: string) => findings.push({ line: l.no, seq: l.record!.seq, class: cls, detail });
  // Lines that are not records (and not accounted for) explain missing seqs next to them.
  const unparsedBefore: number[] = [];
  let unparsed = 0;
  for (const l of lines) {
    unparsedBefore[l.no] = unparsed;
    if (!l.accounted && l.terminated && !l.record) unparsed++;
  }
  let maxSeq = -1;
  let maxLine: Line | null = null;
  let prevChainLine: Line | null = null;
  for (const l of chain) {
    const r = l.record!;
    const same = bySeq.get(r.seq)!;
    const earlier = same.slice(0, same.indexOf(l));
    const twin = earlier.find((e) => e.record!.hash === r.hash);
    if (twin) {
      add(l, 'DUPLICATE', `the same record as line ${twin.no} (seq ${r.seq} appears twice)`);
      prevChainLine = l;
      continue;
    }
    if (earlier.length > 0) {
      add(l, 'DUPLICATE', `fork: seq ${r.seq} is also line ${earlier[0]!.no}, a different record${earlier[0]!.record!.prev_hash === r.prev_hash ? ' with the same prev_hash' : ''}`);
    } else if (r.seq < maxSeq) {
      add(l, 'CHAIN_BREAK', `out of order: seq ${r.seq} comes after seq ${maxSeq} (line ${maxLine!.no}); records were moved`);
    } else if (r.seq > maxSeq + 1) {
      let missing = 0;
      for (let s = maxSeq + 1; s < r.seq; s++) if (!bySeq.has(s)) missing++;
      const explained = unparsedBefore[l.no]! - (prevChainLine ? unparsedBefore[prevChainLine.no]! : 0);
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
    prevChainLine = l;
  }
}
