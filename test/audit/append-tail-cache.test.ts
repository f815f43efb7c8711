// appendRecord remembers what it last wrote to a trail so a long-lived writer (seatbelt serve) need
// not read the tail again; the memory must give way to anything else that touched the file: another
// writer's record, an edit in place of the same size.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { appendRecord } from '../../src/audit/append.js';
import { signerFromPrivateKey } from '../../src/audit/key-format.js';
import { eventStamp } from '../../src/audit/uuid.js';

const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const other = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function trail(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'seatbelt-tail-cache-'));
  dirs.push(d);
  return path.join(d, 'audit.jsonl');
}

const outcome = () => {
  const { eventId, time } = eventStamp();
  return {
    v: 3,
    type: 'outcome',
    event_id: eventId,
    time: time.toISOString(),
    governance_mode: 'deterministic',
    decision_event_id: eventId,
    exit_code: 0,
    signal: null,
    duration_ms: 1,
  };
};

describe('appendRecord: the remembered tail', () => {
  it('links each record to the one before, over many appends', () => {
    const file = trail();
    let prev = appendRecord(file, outcome(), signer, { createFolder: false });
    for (let i = 1; i < 20; i++) {
      const r = appendRecord(file, outcome(), signer, { createFolder: false });
      expect(r.record.seq).toBe(i);
      expect(r.record.prev_hash).toBe(prev.record.hash);
      prev = r;
    }
  });

  it('links to a record another writer appended in between (the file grew), not to its own last one', () => {
    const file = trail();
    appendRecord(file, outcome(), signer, { createFolder: false });
    // Another writer: its own record, sealed and appended the same way (here with the same code, from its own memory-less view).
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { seq: number; hash: string };
    const theirs = appendRecord(file, outcome(), other, { createFolder: false });
    expect(theirs.record.prev_hash).toBe(last.hash);
    fs.appendFileSync(file, ''); // nothing: the size alone tells
    const mine = appendRecord(file, outcome(), signer, { createFolder: false });
    expect(mine.record.seq).toBe(2);
    expect(mine.record.prev_hash).toBe(theirs.record.hash);
  });

  it('reads the tail again after an edit in place that keeps the size', () => {
    const file = trail();
    const first = appendRecord(file, outcome(), signer, { createFolder: false });
    const text = fs.readFileSync(file, 'utf8');
    // One hex digit of the record's hash changed: same length, another hash than the one remembered.
    const h = first.record.hash;
    const forged = h.slice(0, -1) + (h.endsWith('0') ? '1' : '0');
    const edited = text.replace(h, forged);
    expect(edited.length).toBe(text.length);
    fs.writeFileSync(file, edited);
    const next = appendRecord(file, outcome(), signer, { createFolder: false });
    // The writer read the edited line (it links to what the file says now; verify reports the edit), not its memory.
    expect(next.record.seq).toBe(1);
    expect(next.record.prev_hash).toBe(forged);
  });

  it('reads the tail again after a torn write by someone else (a fragment is accounted for)', () => {
    const file = trail();
    appendRecord(file, outcome(), signer, { createFolder: false });
    fs.appendFileSync(file, '{"v":3,"type":"outc');
    const r = appendRecord(file, outcome(), signer, { createFolder: false });
    expect(r.recovered?.record.type).toBe('recovery');
    expect(r.record.seq).toBe(2);
  });
});
