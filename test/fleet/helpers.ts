// Shared material for the ledger tests: a throwaway PostgreSQL (scripts/test-db.sh, never skipped),
// psql for checks made behind seatbelt's back, and trails signed with the fixed test key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decisionBody, outcomeBody, type Actor } from '../../src/audit/envelope.js';
import { GENESIS_HASH, sealRecord, type SealedRecord } from '../../src/audit/seal.js';
import { uuidv7 } from '../../src/audit/uuid.js';
import type { Action } from '../../src/core/types.js';
import { at, decisionFor, rnd, signer } from '../audit/fixtures.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/test-db.sh');

export interface Pg {
  PGHOST: string;
  PGPORT: string;
  PGDIR: string;
  PSQL: string;
}

export function startPg(): Pg {
  const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 540_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const kv = Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s, 2) as [string, string]),
  );
  for (const k of ['PGHOST', 'PGPORT', 'PGDIR', 'PSQL']) if (!kv[k]) throw new Error(`test-db.sh printed no ${k}:\n${out}`);
  return kv as unknown as Pg;
}

export function stopPg(db: Pg | undefined): void {
  if (db?.PGDIR) execFileSync('bash', [SCRIPT, 'stop', db.PGDIR], { stdio: 'ignore', timeout: 60_000 });
}

/** Runs SQL with psql as `user` (default: the superuser); throws with psql's message on an error. */
export function psql(db: Pg, database: string, sql: string, user = 'postgres'): string {
  return execFileSync(
    db.PSQL,
    ['-h', db.PGHOST, '-p', db.PGPORT, '-U', user, '-d', database, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ).trim();
}

/** psql's error message, or null when the SQL ran. */
export function psqlError(db: Pg, database: string, sql: string, user = 'postgres'): string | null {
  try {
    psql(db, database, sql, user);
    return null;
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  }
}

export const url = (db: Pg, database: string, user = 'postgres') => `postgres://${user}@${db.PGHOST}:${db.PGPORT}/${database}`;

const AGENTS = ['claude-code', 'codex', 'cursor'];

/**
 * A trail of `n` records signed with the test key: decisions (a third blocked) by several agents,
 * an outcome after each allowed one. `label` makes its event ids (and so its log id) its own;
 * `forkAt` switches to another label from that seq on (the same history up to it, then another);
 * `v` seals the records in that format version (default: the one new records are written in).
 */
export function makeTrail(n: number, label: string, o: { forkAt?: number; host?: string; v?: number } = {}): SealedRecord[] {
  const out: SealedRecord[] = [];
  let prevHash = GENESIS_HASH;
  let lastAllowed: string | null = null;
  for (let i = 0; i < n; i++) {
    const tag = o.forkAt !== undefined && i >= o.forkAt ? `${label}/fork` : label;
    const eventId = uuidv7(at(i), rnd(`${tag} ${i}`));
    let body;
    if (lastAllowed) {
      body = outcomeBody({ eventId, time: at(i), decisionEventId: lastAllowed, exitCode: 0, signal: null, durationMs: 5 });
      lastAllowed = null;
    } else {
      const blocked = i % 3 === 2;
      const action: Action = blocked ? { kind: 'argv', argv: ['rm', '-rf', '/'] } : { kind: 'argv', argv: ['echo', `${tag} ${i}`] };
      const actor: Actor = {
        agent: AGENTS[i % AGENTS.length]!,
        owner: 'human:alice',
        user: 'alice',
        host: o.host ?? 'build-1',
        cwd: '/work',
        pid: 1,
      };
      body = decisionBody({ eventId, time: at(i), action, decision: decisionFor(action, blocked), actor, recordInput: false });
      if (!blocked) lastAllowed = eventId;
    }
    const sealed = sealRecord(o.v === undefined ? body : { ...body, v: o.v }, { seq: i, prevHash }, signer);
    out.push(sealed);
    prevHash = sealed.record.hash;
  }
  return out;
}

export const trailText = (records: SealedRecord[]) => records.map((r) => `${r.line}\n`).join('');

/** A scratch folder with the test key's public key, removed by `done()`. */
export function scratch(): { dir: string; pubkey: string; file: (name: string, records: SealedRecord[]) => string; done: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-fleet-'));
  const pubkey = path.join(dir, 'test-key.pub.pem');
  writeFileSync(pubkey, signer.publicKeyPem);
  return {
    dir,
    pubkey,
    file: (name, records) => {
      const p = path.join(dir, name);
      writeFileSync(p, trailText(records));
      return p;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}
