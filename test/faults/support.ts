// Shared pieces of the fault tests: a private home with a key, writer processes, reading acks,
// and verifying a trail with the library's own verifier.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSigner, readHomePublicKeys } from '../../src/audit/keys.js';
import { verifyTrail, type VerifyReport } from '../../src/audit/verify.js';
import { WRITER } from './library.js';
import { scratchDir } from '../setup/scratch.js';

export interface Home {
  dir: string;
  home: string;
  audit: string;
  env: NodeJS.ProcessEnv;
}

export function keyedHome(): Home {
  const dir = scratchDir('seatbelt-faults-');
  const home = path.join(dir, 'home');
  loadSigner({ home, autoCreate: true });
  return { dir, home, audit: path.join(dir, 'audit.jsonl'), env: { ...process.env, SEATBELT_HOME: home, HOME: dir } };
}

export interface Ack {
  eventId: string;
  decision: string;
  seq: number;
}

export interface Writer {
  child: ChildProcess;
  acks: Ack[];
  stderr: string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a writer process; its acks are collected line by line as they arrive. */
export function startWriter(lib: string, h: Home, count: number, seed: number): Writer {
  const child = spawn(process.execPath, [WRITER, lib, h.audit, String(count), String(seed)], {
    env: h.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: Writer = { child, acks: [], stderr: '', done: undefined as never };
  let buf = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    buf += s;
    let nl: number;
    while ((nl = buf.indexOf('\n')) !== -1) {
      const [tag, eventId, decision, seq] = buf.slice(0, nl).split(' ');
      buf = buf.slice(nl + 1);
      if (tag === 'ack') w.acks.push({ eventId: eventId!, decision: decision!, seq: Number(seq) });
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (w.stderr += s));
  w.done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return w;
}

export function verifyFile(h: Home): VerifyReport {
  return verifyTrail(readFileSync(h.audit), { publicKeys: readHomePublicKeys(h.home).map((k) => k.key) });
}

/** Every record of the trail that parses, by event id. */
export function recordsById(file: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    try {
      const r = JSON.parse(line) as Record<string, unknown>;
      if (typeof r.event_id === 'string') out.set(r.event_id, r);
    } catch {
      // a torn fragment: accounted for by a recovery record, checked by verify
    }
  }
  return out;
}
