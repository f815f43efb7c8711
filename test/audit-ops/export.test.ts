// Signed CSV exports: RFC 4180 text, a detached signature over the exact bytes, and a check that
// fails on any changed byte of the CSV or of the signature file.
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, parseCsv, toCsv } from '../../src/audit/csv.js';
import { EXPORT_DOMAIN, sigFileText, signExport, signingBytes, verifyExport, type ExportSignature } from '../../src/audit/export.js';
import { parseTrail } from '../../src/audit/read.js';
import { chain, otherSigner, signer, toBytes } from '../audit/fixtures.js';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { PUBLIC } from '../audit/fixtures.js';

ed.hashes.sha512 = sha512;

const trail = chain(9);
const entries = parseTrail(toBytes(trail.map((s) => s.line))).entries;
const source = { records: 9, last_seq: 8, last_hash: trail[8]!.record.hash, findings: 0 };
const csv = Buffer.from(toCsv(entries), 'utf8');
const created = new Date('2025-02-01T00:00:00.000Z');
const sig = signExport(csv, signer, { created, mediaType: 'text/csv', rows: entries.length, source });
const sigBytes = Buffer.from(sigFileText(sig));
const keys = [createPublicKey(signer.publicKeyPem)];

describe('CSV', () => {
  it('has a header and one row per record, CRLF line ends', () => {
    const text = csv.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(10);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    expect(rows[3]![col('decision')]).toBe('block');
    expect(rows[3]![col('rules')]).toBe('filesystem.recursive_delete_root (CRITICAL)');
    expect(rows[9]![col('hash')]).toBe(trail[8]!.record.hash);
    expect(rows[2]![col('prev_hash')]).toBe(trail[0]!.record.hash);
    expect(rows[1]![col('key_id')]).toBe(signer.keyId);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    [' padded ', '" padded "'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-rf', "'-rf"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['', ''],
  ])('quotes %j as %j (RFC 4180, formulas defused)', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('round-trips awkward values through a real RFC 4180 reader', () => {
    const awkward = structuredClone(entries[0]!);
    awkward.record.actor = { agent: 'a,"b"\r\nc', user: 'u', host: 'h', cwd: '/tmp/x y' };
    const rows = parseCsv(toCsv([awkward]));
    expect(rows[1]![CSV_COLUMNS.indexOf('actor_agent')]).toBe('a,"b"\r\nc');
    expect(rows[1]![CSV_COLUMNS.indexOf('actor_cwd')]).toBe('/tmp/x y');
  });
});

describe('detached signature', () => {
  it('verifies, and binds the digest, size, rows and source trail', () => {
    const v = verifyExport(csv, sigBytes, keys);
    expect(v).toMatchObject({ ok: true, problems: [] });
    expect(v.signature).toMatchObject({ key_id: signer.keyId, size: csv.length, rows: 9, source, domain: EXPORT_DOMAIN });
  });

  it('is an Ed25519 signature over the domain and the JCS statement, checkable with @noble/ed25519', () => {
    const { sig: s, ...statement } = sig;
    expect(signingBytes(statement).subarray(0, EXPORT_DOMAIN.length).toString()).toBe('seatbelt/v1/export\n');
    expect(ed.verify(Buffer.from(s, 'base64'), signingBytes(statement), PUBLIC)).toBe(true);
  });

  it('fails when any single byte of the CSV changes', () => {
    // Every byte of a small export (header, a decision, an outcome, a block: every column kind).
    const small = Buffer.from(toCsv(entries.slice(0, 3)), 'utf8');
    const smallSig = Buffer.from(sigFileText(signExport(small, signer, { created, mediaType: 'text/csv', rows: 3, source })));
    expect(verifyExport(small, smallSig, keys).ok).toBe(true);
    const passed: number[] = [];
    const changed = Buffer.from(small);
    for (let i = 0; i < small.length; i++) {
      changed[i] = changed[i]! ^ 0x01;
      const v = verifyExport(changed, smallSig, keys);
      if (v.ok || v.problems.map((p) => p.class).join() !== 'DIGEST_MISMATCH') passed.push(i);
      changed[i] = changed[i]! ^ 0x01;
    }
    expect(passed).toEqual([]);
  });

  it('fails when a byte is added or removed', () => {
    expect(verifyExport(Buffer.concat([csv, Buffer.from('x')]), sigBytes, keys).problems.map((p) => p.class)).toEqual([
      'SIZE_MISMATCH',
      'DIGEST_MISMATCH',
    ]);
    expect(verifyExport(csv.subarray(1), sigBytes, keys).ok).toBe(false);
  });

  it('fails when any single byte of the signature file changes (any bit)', () => {
    const passed: string[] = [];
    for (let i = 0; i < sigBytes.length; i++) {
      for (const bit of [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80]) {
        const changed = Buffer.from(sigBytes);
        changed[i] = changed[i]! ^ bit;
        if (verifyExport(csv, changed, keys).ok) passed.push(`byte ${i} bit ${bit}`);
      }
    }
    expect(passed).toEqual([]);
  });

  it('names what is wrong: an edited statement, another key, an unknown key, garbage', () => {
    const edit = (f: (s: ExportSignature) => void) => {
      const s = structuredClone(sig);
      f(s);
      return Buffer.from(sigFileText(s));
    };
    expect(
      verifyExport(
        csv,
        edit((s) => (s.rows = 8)),
        keys,
      ).problems.map((p) => p.class),
    ).toEqual(['BAD_SIGNATURE']);
    expect(
      verifyExport(
        csv,
        edit((s) => (s.created = '2030-01-01T00:00:00.000Z')),
        keys,
      ).problems.map((p) => p.class),
    ).toEqual(['BAD_SIGNATURE']);
    const forged = Buffer.from(sigFileText(signExport(csv, otherSigner, { created, mediaType: 'text/csv', rows: 9, source })));
    expect(verifyExport(csv, forged, keys).problems.map((p) => p.class)).toEqual(['UNKNOWN_KEY']);
    expect(verifyExport(csv, forged, [otherSigner.publicKeyPem]).ok).toBe(true);
    expect(verifyExport(csv, Buffer.from('not json'), keys).problems.map((p) => p.class)).toEqual(['MALFORMED_SIGNATURE']);
    expect(verifyExport(csv, Buffer.from('[]'), keys).problems.map((p) => p.class)).toEqual(['MALFORMED_SIGNATURE']);
    expect(
      verifyExport(
        csv,
        edit((s) => ((s as { domain: string }).domain = 'seatbelt/v1/record\n')),
        keys,
      ).problems[0]!.detail,
    ).toMatch(/"domain" expected/);
  });

  it('is refused when made by a key outside its validity window', () => {
    const windows = [{ key_id: signer.keyId, not_before: '2024-01-01T00:00:00.000Z', not_after: '2025-01-15T00:00:00.000Z' }];
    const v = verifyExport(csv, sigBytes, keys, { windows });
    expect(v.problems.map((p) => p.class)).toEqual(['KEY_NOT_VALID_AT']);
    expect(verifyExport(csv, sigBytes, keys, { windows: [{ ...windows[0]!, not_after: null }] }).ok).toBe(true);
  });
});

describe('docs/audit-format.md', () => {
  it('its by-hand recipe for checking an export works, and fails on a changed byte', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const doc = readFileSync(path.join(import.meta.dirname, '../../docs/audit-format.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### The signature file'));
    const code = /```js\n([\s\S]*?)```/.exec(section)![1]!;
    const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-doc-'));
    try {
      writeFileSync(path.join(dir, 'public-key.pem'), signer.publicKeyPem);
      writeFileSync(path.join(dir, 'export.csv.sig'), sigBytes);
      const run = () => execFileSync(process.execPath, ['-e', `${code}\nconsole.log(ok)`], { cwd: dir, encoding: 'utf8' }).trim();
      writeFileSync(path.join(dir, 'export.csv'), csv);
      expect(run()).toBe('true');
      const changed = Buffer.from(csv);
      changed[10] = changed[10]! ^ 1;
      writeFileSync(path.join(dir, 'export.csv'), changed);
      expect(run()).toBe('false');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
