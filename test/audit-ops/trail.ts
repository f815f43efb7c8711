// A realistic trail for the report and CLI tests: three agents over two days, allowed commands with
// their outcomes, blocks by several rules, and a key rotation half-way.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Action, Decision, RuleMatch } from '../../src/core/types.js';
import { appendRecord } from '../../src/audit/append.js';
import { decisionBody, outcomeBody, type Actor } from '../../src/audit/envelope.js';
import { initKeys, loadSigner } from '../../src/audit/keys.js';
import { rotateKeys } from '../../src/audit/rotate.js';
import { uuidv7 } from '../../src/audit/uuid.js';
import { rnd } from '../audit/fixtures.js';

const RULES: RuleMatch[] = [
  {
    class: 'rule',
    ruleId: 'filesystem.recursive_delete_root',
    risk: 'CRITICAL',
    reason: 'recursively deletes the root folder',
    remediation: 'name the folder inside your project',
    evidence: 'rm -rf /',
  },
  {
    class: 'rule',
    ruleId: 'git.force_push_protected',
    risk: 'HIGH',
    reason: 'force-pushes a protected branch',
    remediation: 'push to a feature branch',
    evidence: 'git push -f origin main',
  },
  {
    class: 'rule',
    ruleId: 'remote_code.pipe_to_shell',
    risk: 'CRITICAL',
    reason: 'runs code downloaded from the network',
    remediation: 'download, review, then run',
    evidence: 'curl x | sh',
  },
  {
    class: 'rule',
    ruleId: 'sql.delete_without_where',
    risk: 'HIGH',
    reason: 'deletes every row of a table',
    remediation: 'add a WHERE clause',
    evidence: 'DELETE FROM users',
  },
];

const AGENTS: Actor[] = [
  { agent: 'claude-code', owner: 'human:alice', user: 'alice', host: 'dev-1', cwd: '/src/app', pid: 101, session: 'sess-alice-1' },
  { agent: 'codex', owner: 'human:bob', user: 'bob', host: 'dev-2', cwd: '/src/api', pid: 202, session: 'sess-bob-7' },
  { agent: 'ci-bot', user: 'ci', host: 'runner-7', cwd: '/build', pid: 303 },
];

function decision(action: Action, match: RuleMatch | null): Decision {
  const matches = match ? [match] : [];
  return {
    decision: match ? 'block' : 'allow',
    matches,
    blocking: matches,
    reason: match ? match.reason : 'no rule matched',
    remediation: match ? match.remediation : '',
    policy: { name: 'safe_defaults', version: '1' },
    analysis: { action, matches, writes: false },
  };
}

export const START = Date.parse('2025-03-03T08:00:00.000Z');

/**
 * Writes the trail; returns where. Four decisions in five are recorded with their input
 * (--record-input), the others with its digest only.
 */
export function writeRichTrail(count = 60): { dir: string; home: string; audit: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatbelt-report-'));
  const home = path.join(dir, 'home');
  const audit = path.join(dir, 'audit.jsonl');
  initKeys({ home, force: false });
  let rotated = false;
  for (let i = 0; i < count; i++) {
    const t = new Date(START + i * 47 * 60_000);
    if (!rotated && i >= count / 2) {
      rotateKeys({
        home,
        audit,
        actor: { user: 'alice', host: 'dev-1', cwd: '/src/app', pid: 1 },
        now: () => t,
        reason: 'scheduled rotation',
      });
      rotated = true;
    }
    const actor = AGENTS[i % 3]!;
    const match = i % 4 === 1 ? RULES[(i >> 2) % RULES.length]! : null;
    const action: Action = match?.ruleId.startsWith('sql')
      ? { kind: 'sql', sql: 'DELETE FROM users', dialect: 'postgresql' }
      : { kind: 'argv', argv: match ? ['sh', '-c', match.evidence] : ['npm', 'test', String(i)] };
    const eventId = uuidv7(t, rnd(`rich ${i}`));
    const signer = loadSigner({ home, autoCreate: false }).signer;
    appendRecord(
      audit,
      decisionBody({ eventId, time: t, action, decision: decision(action, match), actor, recordInput: i % 5 !== 2 }),
      signer,
    );
    if (!match) {
      const end = new Date(t.getTime() + 1500);
      appendRecord(
        audit,
        outcomeBody({
          eventId: uuidv7(end, rnd(`rich out ${i}`)),
          time: end,
          decisionEventId: eventId,
          exitCode: i % 7 === 0 ? 1 : 0,
          signal: null,
          durationMs: 1500,
        }),
        signer,
      );
    }
  }
  return { dir, home, audit };
}
