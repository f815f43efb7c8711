// The one implementation of verify's line and chain rules, shared by `seatbelt verify` (Node), the
// readers (only records that verify are read) and the HTML report's in-browser verifier. Pure: the
// crypto (SHA-256, Ed25519, PEM keys) is injected, so Node uses node:crypto and the browser @noble.
//
// It streams: lines are pushed one at a time in file order and only small per-record state is kept
// (an 8-byte hash prefix and a line number per seq), so memory stays flat however long the trail.
//
// Signatures (docs/audit-format.md, "What verify checks"): a v1 or v2 record's signature is checked
// on every record, its hash does not cover it. A v3 record's hash covers its signature, so the next
// record's prev_hash commits to every byte of it: in a run of v3 records linked one to the next under
// one trusted key, one valid signature on the last (the anchor) proves them all. Anchors: every
// key_rotation, the last record of a run (the next line does not commit to it: another key, a broken
// link, a damaged line, the end of the file), and every RUN_MAX-th record. Lines wait in a short queue
// until their anchor is checked; when it fails, each is checked on its own, so the findings are those
// of checking every signature (--every-signature does that throughout).
//
// Damage is reported once, on the line that caused it. A line that is not a record, or a record
// whose hash or signature fails, is left out of the chain checks, so the seq it hid and the link the
// next record makes to it are not reported again (they are counted in `followOn`). A record out of
// place is one CHAIN_BREAK where it stands (a record that jumps ahead and is followed by the seq it
// skipped was moved there; a jump followed by its own successor is a gap).
import { canonicalize } from './canonical.js';
import { KeyValidity, KEY_ROTATION, type KeyWindow } from './key-windows.js';
import { shapeProblems, type ChainFields } from './shape.js';

export const DOMAIN = 'seatbelt/v1/record\n';
export const GENESIS_HASH = '0'.repeat(64);

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

/** Findings that do not make the record on their line unreadable: it is authentic and in its place. */
export const READABLE_DESPITE: ReadonlySet<FindingClass> = new Set(['SEQ_GAP', 'TORN_TAIL']);

export interface VerifyCrypto {
  sha256(...parts: Uint8Array[]): Uint8Array;
  /** Ed25519 (RFC 8032) over `message` with a key handle from `keyFromPem` (or given by the caller). */
  verify(sig: Uint8Array, message: Uint8Array, key: unknown): boolean;
  /** A key handle and its key id (`SHA256:…`) from an SPKI PEM; throws when it is not an Ed25519 public key. */
  keyFromPem(pem: string): { keyId: string; key: unknown };
  fromBase64(s: string): Uint8Array;
  /** SHA-256 of one buffer as lowercase hex, when the platform has a cheaper way than sha256 + hex. */
  sha256Hex?(data: Uint8Array): string;
  /** Decodes base64 into `into` at `at`, returning the byte count, when the platform can without allocating. */
  base64Into?(s: string, into: Uint8Array, at: number): number;
}

/** A Merkle tree kept leaf by leaf (src/audit/merkle.ts `builder()`): the root goes in the report. */
export interface LeafSink {
  push(leaf: Uint8Array): void;
  root(): Uint8Array;
  readonly size: number;
}

export interface VerifyReport {
  ok: boolean;
  /** Records in the chain (every type). */
  records: number;
  decisions: number;
  /** Recovery records that account for a torn write. */
  recoveries: number;
  findings: Finding[];
  /** Findings past the number kept (`findings` is then the first ones by line). */
  findingsOmitted?: number;
  /** Hash and seq of the last record: keep them elsewhere to detect later truncation. */
  lastHash: string | null;
  lastSeq: number | null;
  /** Effects of a damaged line that are not reported again: links to it, seqs it hid. */
  followOn: { unlinked: number; hiddenSeqs: number };
  /** Key ids that signed at least one verified record (learned ones included). */
  keysUsed: string[];
  /** RFC 6962 root (hex) over the hashes of the chain's records in file order, when a tree was given. */
  merkleRoot?: string;
  treeSize?: number;
  /**
   * Signatures checked, and records whose signature was not checked because their bytes are committed
   * by the hash chain to a later record whose signature was (v3: the hash covers the signature).
   */
  signatures: { checked: number; committed: number };
}

export const TRUNCATION_NOTE =
  'note: deleting the last records of a trail cannot be detected from the file alone; ' +
  'keep the last hash somewhere else (or a signed checkpoint: seatbelt checkpoint) and compare';

/** One line as pushed: its bytes without the newline. */
export interface LineInput {
  no: number;
  offset: number;
  bytes: Uint8Array;
  terminated: boolean;
}

/** A line after parsing and the integrity checks. */
export interface Line extends LineInput {
  record?: ChainFields;
  /** Set when the line is not a record: the finding to report unless a recovery accounts for it. */
  problem?: Finding;
  /** The canonical text (JCS without hash and sig); its UTF-8 bytes are made only when a signature is checked (`canonicalOf`). */
  canonicalText?: string;
  canonical?: Uint8Array;
  /** The hash the record's bytes give (hex), and whether it is the stored one. */
  computedHash?: string;
  hashOk?: boolean;
  /** The signature's verdict once decided: checked here, or committed by a later record whose signature held. */
  sigOk?: boolean;
  /** The hash/signature finding, if any. */
  integrity?: Finding;
  trusted?: boolean;
}

const enc = new TextEncoder();
// ignoreBOM: a BOM is kept as a character (and then fails JSON.parse), never silently dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const DOMAIN_BYTES = enc.encode(DOMAIN);
const LEAF_PREFIX = Uint8Array.of(0);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
}

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;

/** Bytes of a lowercase hex string (a hash the shape check already found to be 64 hex chars). */
function fromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (NIBBLE[s.charCodeAt(2 * i)]! << 4) | NIBBLE[s.charCodeAt(2 * i + 1)]!;
  return out;
}

/**
 * The record hash (hex), an RFC 6962 leaf hash: SHA-256(0x00 ‖ DOMAIN ‖ canonical) for v1 and v2;
 * SHA-256(0x00 ‖ DOMAIN ‖ canonical ‖ raw signature bytes) for v3 (`sig` given), so the next
 * record's prev_hash commits to the signature too.
 */
export const recordHashOf = (c: VerifyCrypto, canonical: Uint8Array, sig?: Uint8Array): string =>
  toHex(sig ? c.sha256(LEAF_PREFIX, DOMAIN_BYTES, canonical, sig) : c.sha256(LEAF_PREFIX, DOMAIN_BYTES, canonical));

/** v3 on: the hash covers the signature. */
export const hashCoversSignature = (v: unknown): boolean => typeof v === 'number' && v >= 3;

/** The canonical bytes of a parsed record line (UTF-8), made once when first asked for. */
export function canonicalOf(line: Line): Uint8Array {
  return (line.canonical ??= enc.encode(line.canonicalText!));
}

// One buffer reused for every record hash: 0x00 ‖ DOMAIN ‖ canonical ‖ signature, written in place
// (no allocation per line: at a million lines the garbage is what costs memory).
let scratch = new Uint8Array(64 << 10);

/** The record hash of a line's canonical text (and, v3, its base64 signature's bytes), built in the scratch buffer. */
function lineHash(c: VerifyCrypto, text: string, sig: string | undefined): string {
  const need = 1 + DOMAIN_BYTES.length + text.length * 3 + (sig?.length ?? 0);
  if (scratch.length < need) scratch = new Uint8Array(need * 2);
  scratch[0] = 0;
  scratch.set(DOMAIN_BYTES, 1);
  let n = 1 + DOMAIN_BYTES.length + enc.encodeInto(text, scratch.subarray(1 + DOMAIN_BYTES.length)).written;
  if (sig !== undefined) {
    if (c.base64Into) n += c.base64Into(sig, scratch, n);
    else {
      const bytes = c.fromBase64(sig);
      scratch.set(bytes, n);
      n += bytes.length;
    }
  }
  const data = scratch.subarray(0, n);
  return c.sha256Hex ? c.sha256Hex(data) : toHex(c.sha256(data));
}

/** The bytes a record signature covers: DOMAIN ‖ canonical. */
export function signedBytes(canonical: Uint8Array): Uint8Array {
  const out = new Uint8Array(DOMAIN_BYTES.length + canonical.length);
  out.set(DOMAIN_BYTES, 0);
  out.set(canonical, DOMAIN_BYTES.length);
  return out;
}

/** Splits a whole file into lines (for callers holding the bytes); `verifyBytes` streams the same lines. */
export function splitLines(bytes: Uint8Array): LineInput[] {
  const lines: LineInput[] = [];
  let start = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    lines.push({ no: lines.length + 1, offset: start, bytes: bytes.subarray(start, end), terminated: nl !== -1 });
    start = end + 1;
  }
  return lines;
}

/**
 * JCS of a value JSON.parse made: members sorted by UTF-16 code units, and JSON.stringify for
 * strings and numbers, which is exactly RFC 8785's serialisation of them. (The general
 * canonicalize() also guards against what JSON.parse cannot produce: undefined, cycles, NaN.)
 */
function jcsOfParsed(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + jcsOfParsed(v[i]);
    return out + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += (i ? ',' : '') + JSON.stringify(keys[i]) + ':' + jcsOfParsed(o[keys[i]!]);
  return out + '}';
}

/**
 * The JCS text without its top-level `hash` and `sig` members, cut out of the line (each is
 * followed by another member: key_id, time). Inside a string a quote is escaped, so `,"hash":"` is
 * a key; it is checked to be the record's own before it is cut. Null when not found as expected.
 */
function withoutMembers(text: string, r: ChainFields): string | null {
  const h = text.indexOf(',"hash":"');
  const s = text.indexOf(',"sig":"', h);
  const hashEnd = h + 9 + r.hash.length + 1;
  const sigEnd = s + 8 + r.sig.length + 1;
  if (h === -1 || s === -1 || text.slice(h + 9, hashEnd - 1) !== r.hash || text[hashEnd] !== ',') return null;
  if (text.slice(s + 8, sigEnd - 1) !== r.sig || text[sigEnd] !== ',') return null;
  return text.slice(0, h) + text.slice(hashEnd, s) + text.slice(sigEnd);
}

/** Whether every object's members are in JCS order (by UTF-16 code units), at every depth, as iterated. */
function membersSorted(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!membersSorted(v[i])) return false;
    return true;
  }
  let prev: string | null = null;
  for (const k in v as Record<string, unknown>) {
    if (prev !== null && !(prev < k)) return false;
    prev = k;
    if (!membersSorted((v as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** JCS of the whole record and of the record without hash and sig, canonicalizing each member once. */
function canonicalForms(r: Record<string, unknown>, text: string): { full: string; unsigned: string } {
  // A lone surrogate is outside I-JSON: the general canonicalize() refuses it with its path.
  const surrogate = /\\u[dD][89a-fA-F]/.test(text);
  // Fast path, exact whenever it accepts: members already in JCS order serialise to their JCS with
  // JSON.stringify (same strings and numbers), so a line equal to that is in JCS form. Anything
  // else (re-ordered, duplicate keys, other spellings) takes the general path below to say so.
  if (!surrogate && membersSorted(r)) {
    const full = JSON.stringify(r);
    if (full === text) {
      const unsigned = withoutMembers(text, r as ChainFields);
      if (unsigned !== null) return { full, unsigned };
      const { hash: _h, sig: _s, ...rest } = r;
      return { full, unsigned: JSON.stringify(rest) };
    }
  }
  const canon = surrogate ? canonicalize : jcsOfParsed;
  let full = '{';
  let unsigned = '{';
  for (const key of Object.keys(r).sort()) {
    const member = `${JSON.stringify(key)}:${canon(r[key])}`;
    full += (full.length > 1 ? ',' : '') + member;
    if (key !== 'hash' && key !== 'sig') unsigned += (unsigned.length > 1 ? ',' : '') + member;
  }
  return { full: `${full}}`, unsigned: `${unsigned}}` };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // The offset of the first byte a fatal decoder rejects: decode growing prefixes by code point.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i + 1;
    try {
      utf8.decode(bytes.subarray(i, i + n));
    } catch {
      return i + 1;
    }
    i += n;
  }
  return i + 1;
}

const seqOf = (v: unknown) =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as { seq?: unknown }).seq) ? (v as { seq: number }).seq : null;

/**
 * Whether the line is a record, byte for byte: valid UTF-8 (a BOM is not stripped), JSON, the
 * shape of its type and version, `new_key.key_id` the fingerprint of its PEM, and exactly the JCS
 * form of its value. The writer asks the same question before it links to a line.
 */
export function parseLine(line: Line, crypto: Pick<VerifyCrypto, 'keyFromPem'>): void {
  const at = (cls: FindingClass, detail: string, seq: number | null = null) => {
    line.problem = { line: line.no, seq, class: cls, detail };
  };
  if (line.bytes.length === 0) return at('MALFORMED', 'empty line');
  let text: string;
  try {
    text = utf8.decode(line.bytes);
  } catch {
    return at('INVALID_UTF8', `invalid UTF-8 at byte ${firstInvalidUtf8(line.bytes)} of the line`);
  }
  if (text.charCodeAt(0) === 0xfeff) return at('MALFORMED', 'the line starts with a byte order mark (U+FEFF): a record starts with {');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return at('MALFORMED', `not JSON (${(err as Error).message})`);
  }
  const problems = shapeProblems(json);
  const r = json as ChainFields;
  if (problems.length === 0 && r.type === KEY_ROTATION) {
    const nk = r.new_key as { key_id: string; public_key_pem: string };
    try {
      const { keyId } = crypto.keyFromPem(nk.public_key_pem);
      if (keyId !== nk.key_id) problems.push(`"new_key.key_id" is ${nk.key_id}, but its public key's fingerprint is ${keyId}`);
    } catch (err) {
      problems.push(`"new_key.public_key_pem": ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) return at('MALFORMED', `not a v${r.v === 2 || r.v === 3 ? r.v : 1} record: ${problems.join('; ')}`, seqOf(json));
  let forms: { full: string; unsigned: string };
  try {
    forms = canonicalForms(r, text);
  } catch (err) {
    return at('MALFORMED', `cannot be canonicalized: ${(err as Error).message}`, r.seq);
  }
  // Lines are written in JCS form; anything else (reformatting, duplicate keys, number
  // spellings) means the bytes were changed even if the values still verify.
  if (forms.full !== text)
    return at('MALFORMED', 'the line is not the canonical (JCS) form of its record: it was re-serialised or edited', r.seq);
  line.record = r;
  line.canonicalText = forms.unsigned;
}

/** The stateless half of the integrity check: the hash the record's bytes give (v3: its signature's too). */
export function hashLine(line: Line, crypto: Pick<VerifyCrypto, 'sha256' | 'fromBase64' | 'sha256Hex' | 'base64Into'>): void {
  const r = line.record!;
  // parseLine let only canonical base64 of 64 bytes through: it decodes.
  line.computedHash = lineHash(crypto as VerifyCrypto, line.canonicalText!, hashCoversSignature(r.v) ? r.sig : undefined);
  line.hashOk = line.computedHash === r.hash;
}

function verifySignature(crypto: VerifyCrypto, line: Line, key: unknown): boolean {
  try {
    return crypto.verify(crypto.fromBase64(line.record!.sig), signedBytes(canonicalOf(line)), key);
  } catch {
    return false;
  }
}

/** The integrity finding of a hashed record, given its signature's verdict (null: its key is not trusted). */
function judgeIntegrity(line: Line, sigOk: boolean | null): void {
  const r = line.record!;
  const add = (cls: FindingClass, detail: string) => {
    line.integrity = { line: line.no, seq: r.seq, class: cls, detail };
  };
  if (!line.hashOk) {
    const hash = line.computedHash!;
    const changed = hashCoversSignature(r.v) ? "the record's content or its signature was changed" : 'the content was changed';
    const sigNote =
      sigOk === null
        ? `signed by unknown key ${r.key_id}`
        : sigOk
          ? 'the signature is valid: only the hash field was changed'
          : `the signature fails too: ${changed}`;
    add('HASH_MISMATCH', `the record hashes to ${hash.slice(0, 16)}…, not to its stored hash ${r.hash.slice(0, 16)}…; ${sigNote}`);
  } else if (sigOk === null) {
    add('UNKNOWN_KEY', `signed by ${r.key_id}, which is not among the trusted public keys`);
  } else if (!sigOk) {
    add('BAD_SIGNATURE', `the signature does not verify under ${r.key_id}`);
  } else {
    line.trusted = true;
  }
}

/** Hash, then signature under the record's key when it is trusted: one record checked on its own, whatever its version. */
export function checkIntegrity(line: Line, keys: ReadonlyMap<string, unknown>, crypto: VerifyCrypto, precomputed?: boolean): void {
  if (line.hashOk === undefined) hashLine(line, crypto);
  const key = keys.get(line.record!.key_id);
  judgeIntegrity(line, key === undefined ? null : (precomputed ?? verifySignature(crypto, line, key)));
}

/**
 * seq → (line, first 8 bytes of the hash) of the chain's records: 12 bytes a record, in pages of
 * 65,536 seqs allocated as they fill (no doubling copies), so memory follows the trail's length
 * exactly. Only authentic records are indexed, so a prefix can only be matched by the key holder.
 */
class SeqIndex {
  private static readonly PAGE_BITS = 16;
  private static readonly PAGE = 1 << SeqIndex.PAGE_BITS;
  private pages: { lines: Int32Array; hashes: Uint32Array }[] = [];
  private sparse = new Map<number, { line: number; a: number; b: number }>();

  private static words(hash: string): [number, number] {
    return [parseInt(hash.slice(0, 8), 16) >>> 0, parseInt(hash.slice(8, 16), 16) >>> 0];
  }

  private page(seq: number, create: boolean) {
    if (seq >= 1 << 26) return null; // far beyond any real trail: kept in the map
    const n = seq >>> SeqIndex.PAGE_BITS;
    let p = this.pages[n];
    if (!p && create) {
      p = { lines: new Int32Array(SeqIndex.PAGE), hashes: new Uint32Array(SeqIndex.PAGE * 2) };
      this.pages[n] = p;
    }
    return p ?? null;
  }

  get(seq: number): { line: number; matches(hash: string): boolean } | null {
    const p = this.page(seq, false);
    if (p) {
      const i = seq & (SeqIndex.PAGE - 1);
      if (p.lines[i] === 0) return null;
      const a = p.hashes[2 * i]!;
      const b = p.hashes[2 * i + 1]!;
      return { line: p.lines[i]!, matches: (h) => SeqIndex.words(h)[0] === a && SeqIndex.words(h)[1] === b };
    }
    const e = seq >= 1 << 26 ? this.sparse.get(seq) : undefined;
    return e ? { line: e.line, matches: (h) => SeqIndex.words(h)[0] === e.a && SeqIndex.words(h)[1] === e.b } : null;
  }

  has(seq: number): boolean {
    return this.get(seq) !== null;
  }

  set(seq: number, line: number, hash: string): void {
    const [a, b] = SeqIndex.words(hash);
    const p = this.page(seq, true);
    if (!p) return void this.sparse.set(seq, { line, a, b });
    const i = seq & (SeqIndex.PAGE - 1);
    p.lines[i] = line;
    p.hashes[2 * i] = a;
    p.hashes[2 * i + 1] = b;
  }
}

interface ChainRef {
  line: number;
  seq: number;
  hash: string;
  prevHash: string;
}

export interface CoreOptions {
  crypto: VerifyCrypto;
  /** Trusted keys: key id → handle for `crypto.verify`. Keys introduced by trusted key_rotation records are added. */
  keys: Map<string, unknown>;
  /** Validity windows of the keys (a keyring): a record signed outside its key's window is KEY_NOT_VALID_AT. */
  keyWindows?: readonly KeyWindow[] | null;
  /** A signature result computed elsewhere (worker threads) for a 1-based line; undefined: check here. */
  signatureCheck?: (line: number) => boolean | undefined;
  /** Every record that is a candidate for the chain (authentic), in file order: readers keep the ones with no finding. */
  onRecord?: (line: number, record: ChainFields) => void;
  /** Receives the hash of every record of the chain, in file order (the Merkle root of verify --json). */
  tree?: LeafSink;
  /** Every finding as it is made (tail -f reports them as they come). */
  onFinding?: (f: Finding) => void;
  /** Most findings kept in the report (the rest are counted). */
  maxFindings?: number;
  /** Check every record's signature, v3 ones too (verify --every-signature), instead of one per run. */
  everySignature?: boolean;
}

/**
 * Most v3 records one signature check vouches for. Runs are cut this short so the lines waiting for
 * their anchor stay few (a bounded queue, never the trail) and a failed anchor costs at most this
 * many checks to place the damage.
 */
export const RUN_MAX = 1024;

/**
 * The streaming verifier. Push every line in file order (`push`), then `finish()`. Lines are
 * judged one by one; a line that is not a record is held until the next line says whether a
 * recovery record accounts for it, and a record whose seq jumps ahead is held until the next record
 * says whether it was moved or records were deleted.
 */
export class TrailVerifier {
  private readonly c: VerifyCrypto;
  private readonly keys: Map<string, unknown>;
  private readonly validity: KeyValidity;
  private readonly maxFindings: number;
  private findings: Finding[] = [];
  private omitted = 0;
  private records = 0;
  private decisions = 0;
  private recoveries = 0;
  private lastRef: ChainRef | null = null;
  private keysUsed = new Set<string>();
  private sawLine = false;
  private lines = 0;
  /** A terminated line that is not a record, waiting for the next line (a recovery may account for it). */
  private held: Line | null = null;
  // Chain order.
  private index = new SeqIndex();
  private expected = 0;
  private lastInPlace: ChainRef | null = null;
  private damaged = 0;
  private pending: { ref: ChainRef; damaged: number } | null = null;
  private gaps: { line: number; seq: number; from: number; to: number; explained: number }[] = [];
  private deferredLinks: ChainRef[] = [];
  private followOn = { unlinked: 0, hiddenSeqs: 0 };
  /** Lines waiting for the anchor of their run: v3 records each committed to by the next, then the last one. */
  private run: Line[] = [];
  private signatures = { checked: 0, committed: 0 };

  constructor(private readonly o: CoreOptions) {
    this.c = o.crypto;
    this.keys = o.keys;
    this.validity = new KeyValidity(o.keyWindows);
    this.maxFindings = o.maxFindings ?? 100_000;
  }

  private add(f: Finding): void {
    this.o.onFinding?.(f);
    if (this.findings.length < this.maxFindings) this.findings.push(f);
    else this.omitted++;
  }

  /** Lines pushed so far. */
  get linesSeen(): number {
    return this.lines;
  }

  push(input: LineInput): void {
    this.sawLine = true;
    this.lines++;
    const line: Line = input;
    parseLine(line, this.c);
    if (line.record) hashLine(line, this.c);
    // Judged later (with its run): the bytes may live in a read buffer that is about to be reused.
    else line.bytes = line.bytes.slice();
    const last = this.run[this.run.length - 1];
    if (last && this.run.length < RUN_MAX && this.commits(line, last)) {
      this.run.push(line);
      return;
    }
    this.settle();
    this.run.push(line);
  }

  /**
   * Whether `next` commits to every byte of `prev`, so that a valid signature on `next` (or on the
   * record that commits to it, and so on: the run's anchor) proves `prev` too: both v3 (the hash
   * covers the signature), both hash to their stored hash, the same trusted key, `next` links to
   * `prev`. A key_rotation is always an anchor: the key it hands over is trusted only once its own
   * signature is checked.
   */
  private commits(next: Line, prev: Line): boolean {
    const a = prev.record;
    const b = next.record;
    return (
      !this.o.everySignature &&
      a !== undefined &&
      b !== undefined &&
      hashCoversSignature(a.v) &&
      hashCoversSignature(b.v) &&
      a.type !== KEY_ROTATION &&
      prev.hashOk === true &&
      next.hashOk === true &&
      b.key_id === a.key_id &&
      b.prev_hash === a.hash &&
      b.seq === a.seq + 1 &&
      this.keys.has(a.key_id)
    );
  }

  /**
   * Decides the lines waiting for their anchor, as if the file ended here (the anchor is the last
   * of them), and judges them in order. When the anchor's signature holds, the records before it
   * are proved by it; when it fails, each is checked on its own, so the findings are exactly those
   * of checking every signature. (tail -f calls this after each read.)
   */
  settle(): void {
    const run = this.run;
    if (run.length === 0) return;
    this.run = [];
    const anchor = run[run.length - 1]!;
    let committed = false;
    if (run.length > 1) {
      anchor.sigOk = this.signature(anchor, this.keys.get(anchor.record!.key_id));
      committed = anchor.sigOk;
    }
    for (const line of run) {
      if (committed && line !== anchor) {
        line.sigOk = true;
        this.signatures.committed++;
      }
      this.judge(line);
    }
  }

  /** One signature checked here (or by a worker thread, when it has the result). */
  private signature(line: Line, key: unknown): boolean {
    this.signatures.checked++;
    return this.o.signatureCheck?.(line.no) ?? verifySignature(this.c, line, key);
  }

  private judge(line: Line): void {
    if (line.record) {
      const key = this.keys.get(line.record.key_id);
      judgeIntegrity(line, key === undefined ? null : (line.sigOk ?? this.signature(line, key)));
    }
    const r = line.record;
    const authentic = r !== undefined && line.trusted === true;
    let validityFinding: Finding | null = null;
    if (authentic) {
      validityFinding = this.validity.check({
        line: line.no,
        seq: r.seq,
        time: r.time,
        type: r.type,
        key_id: r.key_id,
        trusted: true,
        ...(r.type === KEY_ROTATION ? { new_key_id: (r.new_key as { key_id: string }).key_id } : {}),
      });
      // The handover is the proof: a rotation signed by a trusted key, valid at that point, makes
      // its new key trusted from there on (a third party needs only the first key).
      if (!validityFinding && r.type === KEY_ROTATION) {
        const nk = r.new_key as { key_id: string; public_key_pem: string };
        if (!this.keys.has(nk.key_id)) this.keys.set(nk.key_id, this.c.keyFromPem(nk.public_key_pem).key);
      }
    }

    // The line before: accounted for by this line, if it is a recovery record for exactly it.
    const isRecovery = authentic && line.terminated && r.type === 'recovery';
    const held = this.held;
    this.held = null;
    if (held) {
      const why = isRecovery ? this.accounts(held, line) : 'no';
      if (why === null) this.recoveries++;
      else {
        this.damage(held.problem!);
        if (isRecovery) this.add({ line: line.no, seq: r.seq, class: 'CHAIN_BREAK', detail: why });
      }
    } else if (isRecovery) {
      this.add({
        line: line.no,
        seq: r.seq,
        class: 'CHAIN_BREAK',
        detail: 'recovery record with no unfinished line right before it to account for (a recovery covers exactly one unfinished line)',
      });
    }

    if (!line.terminated) {
      // The end of the file. A complete, authentic record that lost its newline is still a record
      // of the chain (the next append completes it); anything else is an unfinished write.
      if (authentic) {
        this.add({
          line: line.no,
          seq: r.seq,
          class: 'TORN_TAIL',
          detail: 'a complete record whose final newline is missing: the next append completes it (its command may have run)',
        });
        if (validityFinding) this.add(validityFinding);
        this.chainRecord(line);
      } else if (line.integrity) this.damage(line.integrity);
      else
        this.add({
          line: line.no,
          seq: line.problem?.seq ?? null,
          class: 'TORN_TAIL',
          detail: `${line.bytes.length} bytes of an unfinished line: an interrupted write (a crash, not tampering); it was never acknowledged, and the next append records a recovery for it`,
        });
      return;
    }
    if (line.problem) {
      this.held = line; // its bytes were copied when it was pushed
      return;
    }
    if (line.integrity) return this.damage(line.integrity);
    if (validityFinding) this.add(validityFinding);
    this.chainRecord(line);
  }

  /** null when `rec` (a trusted recovery right after `held`) accounts for exactly that line; else why not. */
  private accounts(held: Line, rec: Line): string | null {
    const r = rec.record!;
    const at = r.at_offset as number;
    const len = r.fragment_length as number;
    if (at !== held.offset || len !== held.bytes.length || held.offset + held.bytes.length + 1 !== rec.offset)
      return `recovery record accounts for bytes ${at}..${at + len}, which are not exactly the line right before it (bytes ${held.offset}..${held.offset + held.bytes.length}): a recovery covers one unfinished line, never complete lines`;
    if (toHex(this.c.sha256(held.bytes)) !== r.fragment_sha256)
      return `recovery record's fragment digest does not match bytes ${at}..${at + len} (the fragment was changed)`;
    return null;
  }

  private damage(f: Finding): void {
    this.add(f);
    this.damaged++;
  }

  private chainRecord(line: Line): void {
    const r = line.record!;
    this.records++;
    if (r.type === 'decision') this.decisions++;
    this.keysUsed.add(r.key_id);
    this.o.tree?.push(fromHex(r.hash));
    this.o.onRecord?.(line.no, r);
    const ref: ChainRef = { line: line.no, seq: r.seq, hash: r.hash, prevHash: r.prev_hash };
    this.lastRef = ref;
    if (this.pending) this.resolvePending(ref);
    this.place(ref);
  }

  private place(c: ChainRef): void {
    const twin = this.index.get(c.seq);
    if (twin) {
      const detail = twin.matches(c.hash)
        ? `the same record as line ${twin.line} (seq ${c.seq} appears twice)`
        : `fork: seq ${c.seq} is also line ${twin.line}, a different record`;
      return this.add({ line: c.line, seq: c.seq, class: 'DUPLICATE', detail });
    }
    if (c.seq === this.expected) return this.inPlace(c);
    if (c.seq < this.expected) {
      const after = this.lastInPlace;
      this.add({
        line: c.line,
        seq: c.seq,
        class: 'CHAIN_BREAK',
        detail: `out of order: seq ${c.seq} comes after seq ${this.expected - 1}${after ? ` (line ${after.line})` : ''}; records were moved`,
      });
      this.index.set(c.seq, c.line, c.hash);
      this.link(c);
      return;
    }
    this.pending = { ref: c, damaged: this.damaged };
  }

  /** A record that jumped ahead: moved here (the next record continues the old run) or after a gap. */
  private resolvePending(next: ChainRef | null): void {
    const p = this.pending!;
    this.pending = null;
    if (next && next.seq >= this.expected && next.seq < p.ref.seq && !this.index.has(next.seq)) {
      this.add({
        line: p.ref.line,
        seq: p.ref.seq,
        class: 'CHAIN_BREAK',
        detail: `out of order: seq ${p.ref.seq} comes before seq ${next.seq} (line ${next.line}); records were moved`,
      });
      this.index.set(p.ref.seq, p.ref.line, p.ref.hash);
      this.link(p.ref);
      return;
    }
    this.gaps.push({ line: p.ref.line, seq: p.ref.seq, from: this.expected, to: p.ref.seq - 1, explained: p.damaged });
    this.inPlace(p.ref);
  }

  private inPlace(c: ChainRef): void {
    this.link(c);
    this.index.set(c.seq, c.line, c.hash);
    this.expected = c.seq + 1;
    this.lastInPlace = c;
    this.damaged = 0;
  }

  private link(c: ChainRef): void {
    if (c.seq === 0) {
      if (c.prevHash !== GENESIS_HASH)
        this.add({
          line: c.line,
          seq: 0,
          class: 'CHAIN_BREAK',
          detail: 'the first record (seq 0) must have the genesis prev_hash (64 zeros)',
        });
      return;
    }
    const parent = this.index.get(c.seq - 1);
    if (!parent) return void this.deferredLinks.push(c);
    if (!parent.matches(c.prevHash))
      this.add({
        line: c.line,
        seq: c.seq,
        class: 'CHAIN_BREAK',
        detail: `prev_hash does not match the hash of seq ${c.seq - 1} (line ${parent.line})`,
      });
  }

  finish(): VerifyReport {
    this.settle();
    if (this.held) {
      this.damage(this.held.problem!);
      this.held = null;
    }
    if (this.pending) this.resolvePending(null);
    for (const c of this.deferredLinks) {
      const parent = this.index.get(c.seq - 1);
      if (!parent) this.followOn.unlinked++;
      else if (!parent.matches(c.prevHash))
        this.add({
          line: c.line,
          seq: c.seq,
          class: 'CHAIN_BREAK',
          detail: `prev_hash does not match the hash of seq ${c.seq - 1} (line ${parent.line})`,
        });
    }
    for (const g of this.gaps) {
      let missing = 0;
      const span = g.to - g.from + 1;
      if (span > 10_000_000)
        missing = span; // far more than any index holds
      else for (let s = g.from; s <= g.to; s++) if (!this.index.has(s)) missing++;
      if (missing > g.explained) {
        const range = g.from === g.to ? `seq ${g.from} is` : `seq ${g.from}..${g.to} are`;
        this.add({ line: g.line, seq: g.seq, class: 'SEQ_GAP', detail: `${range} missing before this record: records were deleted` });
      } else this.followOn.hiddenSeqs += missing;
    }
    if (!this.sawLine)
      this.add({ line: 0, seq: null, class: 'EMPTY', detail: 'the file is empty: no records (a wiped trail looks the same)' });
    this.findings.sort((a, b) => a.line - b.line);
    const total = this.findings.length + this.omitted;
    return {
      ok: total === 0,
      records: this.records,
      decisions: this.decisions,
      recoveries: this.recoveries,
      findings: this.findings,
      ...(this.omitted ? { findingsOmitted: this.omitted } : {}),
      lastHash: this.lastRef?.hash ?? null,
      lastSeq: this.lastRef?.seq ?? null,
      followOn: this.followOn,
      keysUsed: [...this.keysUsed],
      ...(this.o.tree ? { merkleRoot: toHex(this.o.tree.root()), treeSize: this.o.tree.size } : {}),
      signatures: { ...this.signatures },
    };
  }
}

/** Verifies a whole trail held in memory. */
export function verifyBytes(bytes: Uint8Array, o: CoreOptions): VerifyReport {
  const v = new TrailVerifier(o);
  let start = 0;
  let no = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    v.push({ no: ++no, offset: start, bytes: bytes.subarray(start, end), terminated: nl !== -1 });
    start = end + 1;
  }
  return v.finish();
}

/**
 * Cuts a stream of chunks into lines, in order: `feed` each chunk, then `end`. A line split across
 * chunks is joined; at most one line is held between chunks.
 */
export class LineSplitter {
  private carry: Uint8Array | null = null;
  private offset = 0;
  private no = 0;

  constructor(private readonly emit: (line: LineInput) => void) {}

  feed(chunk: Uint8Array): void {
    let buf = chunk;
    let base = this.offset;
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry, 0);
      joined.set(chunk, this.carry.length);
      base -= this.carry.length;
      buf = joined;
      this.carry = null;
    }
    this.offset += chunk.length;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl === -1) break;
      this.emit({ no: ++this.no, offset: base + start, bytes: buf.subarray(start, nl), terminated: true });
      start = nl + 1;
    }
    // A copy: the caller may reuse `chunk` for its next read (a Buffer's slice would share its memory).
    if (start < buf.length) this.carry = new Uint8Array(buf.subarray(start));
  }

  end(): void {
    if (this.carry) this.emit({ no: ++this.no, offset: this.offset - this.carry.length, bytes: this.carry, terminated: false });
    this.carry = null;
  }
}
