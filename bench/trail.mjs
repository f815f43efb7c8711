// Generates a valid trail of N records quickly for the verify benchmark: real decisions from the
// library, sealed with the library's own sealRecord and the home's key, chained exactly as
// appendRecord chains them — but written in large chunks without a lock or an fsync per record.
import { closeSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';

const ACTIONS = [
  { kind: 'shell', script: 'git status --short && npm test' },
  { kind: 'shell', script: 'rm -rf /' },
  { kind: 'argv', argv: ['ls', '-la', 'src'] },
  { kind: 'sql', sql: 'SELECT id FROM orders WHERE id = 7', dialect: 'postgresql' },
  { kind: 'sql', sql: 'DELETE FROM orders', dialect: 'postgresql' },
];

/** `version`: the record version to seal (default: the library's own, as appendRecord writes). */
export async function generateTrail(libPath, { home, file, records, version }) {
  const lib = await import(libPath);
  const { signer } = lib.keys.loadSigner({ home, autoCreate: true });
  const session = lib.openSession({ audit: file, autoKeys: true }, { ...process.env, SEATBELT_HOME: home });
  const decisions = [];
  for (const action of ACTIONS) decisions.push({ action, decision: await session.check(action) });
  const actor = { agent: 'bench', user: os.userInfo().username, host: os.hostname(), cwd: process.cwd(), pid: process.pid };

  const fd = openSync(file, 'w', 0o600);
  let link = { seq: 0, prevHash: lib.seal.GENESIS_HASH };
  let chunk = [];
  let lastDecisionId = null;
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 0; i < records; i++) {
    const time = new Date(t0 + i * 1000);
    const eventId = lib.uuid.uuidv7(time);
    let body;
    // An allowed decision is followed by its outcome, as exec writes them.
    if (lastDecisionId !== null) {
      body = lib.envelope.outcomeBody({ eventId, time, decisionEventId: lastDecisionId, exitCode: 0, signal: null, durationMs: 12 });
      lastDecisionId = null;
    } else {
      const d = decisions[i % decisions.length];
      body = lib.envelope.decisionBody({ eventId, time, action: d.action, decision: d.decision, actor, recordInput: false });
      if (d.decision.decision === 'allow') lastDecisionId = eventId;
    }
    const sealed = lib.seal.sealRecord(version === undefined ? body : { ...body, v: version }, link, signer);
    chunk.push(sealed.line);
    link = { seq: link.seq + 1, prevHash: sealed.record.hash };
    if (chunk.length === 2000) {
      writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  closeSync(fd);
}
