// A reader that goes away early (`seatbelt check --jsonl … | head -1`) is not an error of ours:
// seatbelt stops quietly with the exit code it had, never a stack trace (cli/program.ts).
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertFreshBundle, BIN, seatbelt, tempHome } from './helpers.js';

describe('a closed output pipe', () => {
  it('check --jsonl | head -1: exit 0, nothing on stderr', async () => {
    assertFreshBundle();
    const t = tempHome();
    const script = `i=0; while [ $i -lt 5000 ]; do echo '{"shell":"ls -la"}'; i=$((i+1)); done | "$BIN" check --jsonl 2>"$ERR" | head -1; echo "\${PIPESTATUS[1]}"`;
    const err = `${t.dir}/stderr.txt`;
    const r = await execa('bash', ['-c', script], { env: { ...t.env, BIN, ERR: err }, reject: false });
    expect(r.stdout.split('\n')[0]).toContain('"decision":"allow"');
    expect(r.stdout.split('\n').at(-1)).toBe('0');
    expect(readFileSync(err, 'utf8')).toBe('');
  });

  it('a host hook whose reader is gone before the answer (written straight to fd 1): exit 0, nothing on stderr, the decision sealed', async () => {
    assertFreshBundle();
    const t = tempHome();
    expect((await seatbelt(['keys', 'init'], { env: t.env })).exitCode).toBe(0);
    const err = `${t.dir}/stderr.txt`;
    const payload = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls -la' }, cwd: t.dir });
    // The reader exits before seatbelt answers: the answer meets a closed pipe (EPIPE).
    const script = `printf '%s' "$PAYLOAD" | "$BIN" hook claude-code 2>"$ERR" | (exec 0<&-; sleep 0); echo "\${PIPESTATUS[1]}"`;
    const r = await execa('bash', ['-c', script], { env: { ...t.env, BIN, ERR: err, PAYLOAD: payload }, cwd: t.dir, reject: false });
    expect(r.stdout.trim()).toBe('0');
    expect(readFileSync(err, 'utf8')).toBe('');
    expect(readFileSync(t.audit, 'utf8')).toContain('"decision":"allow"');
  });
});
