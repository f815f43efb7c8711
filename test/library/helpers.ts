// A scratch seatbelt home, audit file and working folder for in-process library tests, and the
// trail read back and verified with the library's own verifier.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readHomePublicKeys } from '../../src/audit/keys.js';
import { verifyTrail } from '../../src/audit/verify.js';

export interface Scratch {
  dir: string;
  home: string;
  audit: string;
  cwd: string;
  /** The guard options that keep everything inside `dir`. */
  options: { home: string; audit: string; cwd: string };
  records(): Record<string, unknown>[];
  verify(): { ok: boolean; records: number; decisions: number };
  remove(): void;
}

export function scratch(): Scratch {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-lib-'));
  const home = path.join(dir, 'home');
  const audit = path.join(dir, 'audit.jsonl');
  const cwd = path.join(dir, 'work');
  mkdirSync(cwd);
  return {
    dir,
    home,
    audit,
    cwd,
    options: { home, audit, cwd },
    records: () =>
      readFileSync(audit, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    verify: () => verifyTrail(readFileSync(audit), { publicKeys: readHomePublicKeys(home).map((k) => k.key) }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
