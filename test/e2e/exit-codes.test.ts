// Exit codes and errors that mean one thing: the one table (README, `seatbelt --help`, each
// command's --help), the usage errors for a script given as one argument and for empty input, a
// missing input that is 66 (not 74), a file that cannot be executed (126), a mistyped --audit
// folder (66, nothing created) and a lost private key beside its public key (78, nothing replaced).
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT } from '../../src/core/error.js';
import { buildProgram } from '../../src/adapters/cli/main.js';
import { EXIT_CODE_ROWS, PASS_THROUGH_NOTE, codesFor, exitCodeMarkdown } from '../../src/adapters/cli/exit-codes.js';
import { seatbelt, tempHome } from './helpers.js';

const made: string[] = [];
function home() {
  const t = tempHome();
  made.push(t.dir);
  return t;
}
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('one exit-code table', () => {
  it('every code in the EXIT map is in the table once, and the README shows the same table', () => {
    const codes = EXIT_CODE_ROWS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort((a, b) => a - b)).toEqual(
      Object.values(EXIT)
        .map(Number)
        .sort((a, b) => a - b),
    );
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const table = /<!-- exit-codes:start[^\n]*-->\n([\s\S]*?)\n<!-- exit-codes:end -->/.exec(readme)?.[1];
    expect(table).toBe(exitCodeMarkdown());
  });

  it('seatbelt --help shows the whole table; a command shows its own codes; seatbelt help <cmd> works', async () => {
    const t = home();
    const top = await seatbelt(['--help'], { env: t.env });
    expect(top.exitCode).toBe(0);
    for (const r of EXIT_CODE_ROWS) expect(top.stdout).toContain(`${String(r.code).padStart(3)}  ${r.meaning}`);
    const exec = await seatbelt(['exec', '--help'], { env: t.env });
    expect(exec.stdout).toMatch(/Exit codes:\n[\s\S]*126 {2}exec: the command was allowed but cannot be executed/);
    expect(exec.stdout).not.toMatch(/^ +1 {2}verify/m);
    expect(exec.stdout).toContain(PASS_THROUGH_NOTE);
    expect(top.stdout).toContain(PASS_THROUGH_NOTE);
    const verify = await seatbelt(['help', 'verify'], { env: t.env });
    expect(verify.exitCode).toBe(0);
    expect(verify.stdout).toMatch(/Usage: seatbelt verify/);
    expect(verify.stdout).toMatch(/^ {4}1 {2}verify, audit verify-export: integrity findings/m);
    expect(verify.stdout).not.toMatch(/^ +74 /m);
    expect(verify.stdout).not.toContain(PASS_THROUGH_NOTE);
    expect(codesFor('hook codex')).toEqual([EXIT.OK, EXIT.HOOK_BLOCK]);
  });

  it('help text is consistent: lower-case summaries, no "(default: [])", check --json on stdout', () => {
    const walk = (c: ReturnType<typeof buildProgram>, out: ReturnType<typeof buildProgram>[] = []) => {
      for (const s of c.commands) out.push(s, ...walk(s));
      return out;
    };
    const program = buildProgram();
    for (const c of walk(program)) {
      const summary = c.description();
      const properNoun = /^(Claude Code|Codex|Gemini CLI|Cursor) /.test(summary);
      if (!properNoun) expect(summary.charAt(0), `${c.name()}: "${summary}"`).toBe(summary.charAt(0).toLowerCase());
      expect(c.helpInformation(), c.name()).not.toContain('(default: [])');
    }
    const check = program.commands.find((c) => c.name() === 'check')!;
    expect(check.helpInformation()).toMatch(/--json +print the decision as JSON on stdout/);
    const exec = program.commands.find((c) => c.name() === 'exec')!;
    expect(exec.helpInformation()).toMatch(/--json +print the decision as JSON on stderr/);
  });
});

describe('errors carry the seatbelt: prefix and point to --help', () => {
  it('an unknown option, a missing argument and a usage error of our own', async () => {
    const t = home();
    const unknown = await seatbelt(['check', '--bogus'], { env: t.env });
    expect(unknown.exitCode).toBe(64);
    expect(unknown.stderr).toBe("seatbelt: unknown option '--bogus'\n(see: seatbelt check --help)");
    const nested = await seatbelt(['audit', 'verify-export'], { env: t.env });
    expect(nested.exitCode).toBe(64);
    expect(nested.stderr).toMatch(/^seatbelt: missing required argument 'file'\n\(see: seatbelt audit verify-export --help\)/);
    const ours = await seatbelt(['exec'], { env: t.env });
    expect(ours.exitCode).toBe(64);
    expect(ours.stderr).toMatch(/^seatbelt: nothing to run: .*\n\(see: seatbelt exec --help\)$/);
  });
});

describe('a script in one argument, and empty input, are usage errors', () => {
  it("check -- 'rm -rf /' is refused with a suggestion to use --shell; nothing is judged as a program named 'rm -rf /'", async () => {
    const t = home();
    const r = await seatbelt(['check', '--', 'rm -rf /'], { env: t.env, cwd: t.dir });
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain("seatbelt check --shell 'rm -rf /'");
    expect(r.stdout).toBe('');
    const e = await seatbelt(['exec', '--', 'echo hello'], { env: t.env, cwd: t.dir });
    expect(e.exitCode).toBe(64);
    expect(e.stderr).toContain("seatbelt exec --shell 'echo hello'");
    expect(existsSync(t.audit)).toBe(false);
    // Two arguments, or one without spaces, are a command and its arguments as before.
    expect((await seatbelt(['check', '--', 'ls', '-la'], { env: t.env, cwd: t.dir })).exitCode).toBe(0);
  });

  it('check --jsonl answers such lines with an error object (decision block), like every bad line', async () => {
    const t = home();
    const input = [
      JSON.stringify({ argv: ['rm -rf /'] }),
      JSON.stringify({ shell: '  ' }),
      JSON.stringify({ sql: '' }),
      JSON.stringify({ argv: ['ls', '-la'] }),
    ].join('\n');
    const r = await seatbelt(['check', '--jsonl'], { env: t.env, input, cwd: t.dir });
    expect(r.exitCode).toBe(0);
    const out = r.stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toMatchObject({ line: 1, decision: 'block' });
    expect(String(out[0]!.error)).toMatch(/"argv" is one element holding spaces .*send a script as \{"shell": …\}/);
    expect(out[1]).toMatchObject({ line: 2, decision: 'block', error: 'line 2: "shell" is empty: nothing to judge' });
    expect(out[2]).toMatchObject({ line: 3, decision: 'block', error: 'line 3: "sql" is empty: nothing to judge' });
    expect(out[3]!.decision).toBe('allow');
  });

  it('one argument with spaces that names an existing file is a program path, judged as usual', async () => {
    const t = home();
    mkdirSync(path.join(t.dir, 'my tools'));
    const prog = path.join(t.dir, 'my tools', 'hello');
    writeFileSync(prog, '#!/bin/sh\necho hello\n', { mode: 0o755 });
    const r = await seatbelt(['check', '--', prog], { env: t.env, cwd: t.dir });
    expect(r.exitCode).not.toBe(64);
    expect(r.stderr).not.toMatch(/one argument holding spaces/);
  });

  it("exec --shell '', sql '' and check --sql '  ' are usage errors and seal nothing", async () => {
    const t = home();
    for (const args of [
      ['exec', '--shell', ''],
      ['exec', '--shell', '  \n'],
      ['sql', ''],
      ['check', '--shell', ''],
      ['check', '--sql', '  '],
    ]) {
      const r = await seatbelt(args, { env: t.env, cwd: t.dir });
      expect(r.exitCode, args.join(' ')).toBe(64);
      expect(r.stderr, args.join(' ')).toMatch(/^seatbelt: .* is empty: nothing to judge/);
    }
    const file = path.join(t.dir, 'empty.sql');
    writeFileSync(file, '\n');
    const fromFile = await seatbelt(['sql', '--file', file], { env: t.env, cwd: t.dir });
    expect(fromFile.exitCode).toBe(64);
    expect(fromFile.stderr).toContain(`the query in ${file} is empty`);
    expect(existsSync(t.audit)).toBe(false);
  });
});

describe('input missing is 66, not 74', () => {
  it('sql --file, a trail, an export and a scan path that do not exist', async () => {
    const t = home();
    const sql = await seatbelt(['sql', '--file', path.join(t.dir, 'nope.sql')], { env: t.env });
    expect(sql.exitCode).toBe(66);
    expect(sql.stderr).toMatch(/^seatbelt: cannot read --file .*nope\.sql: no such file/);
    const verify = await seatbelt(['verify', path.join(t.dir, 'nope.jsonl')], { env: t.env });
    expect(verify.exitCode).toBe(66);
    const exported = await seatbelt(['audit', 'verify-export', path.join(t.dir, 'nope.csv')], { env: t.env });
    expect(exported.exitCode).toBe(66);
    const scanned = await seatbelt(['scan', path.join(t.dir, 'no-such-folder')], { env: t.env, cwd: t.dir });
    expect(scanned.exitCode).toBe(66);
    expect(scanned.stderr).toMatch(/^seatbelt: .*no-such-folder/);
    expect(existsSync(t.audit)).toBe(false);
  });

  it('a mistyped --audit folder is an error (66) and no folder tree is created; the default home is created on first use', async () => {
    const t = home();
    const typo = path.join(t.dir, 'no', 'such', 'dir', 'a.jsonl');
    const marker = path.join(t.dir, 'ran');
    const r = await seatbelt(['exec', '--audit', typo, '--', 'touch', marker], { env: t.env, cwd: t.dir });
    expect(r.exitCode).toBe(66);
    expect(r.stderr).toMatch(/^seatbelt: the folder of the audit file .*a\.jsonl does not exist/);
    expect(existsSync(path.join(t.dir, 'no'))).toBe(false);
    expect(existsSync(marker)).toBe(false);
    const viaEnv = await seatbelt(['exec', '--', 'touch', marker], { env: { ...t.env, SEATBELT_AUDIT: typo }, cwd: t.dir });
    expect(viaEnv.exitCode).toBe(66);
    expect(existsSync(marker)).toBe(false);
    // The default: $SEATBELT_HOME/audit.jsonl, home created on first use.
    const { SEATBELT_AUDIT: _, ...env } = t.env;
    expect(existsSync(t.home)).toBe(false);
    const first = await seatbelt(['exec', '--', 'true'], { env, cwd: t.dir });
    expect(first.exitCode).toBe(0);
    expect(existsSync(path.join(t.home, 'audit.jsonl'))).toBe(true);
  });
});

describe('exec of a file that cannot be executed', () => {
  it('is 126 (allowed, sealed, then the spawn fails), and a missing program is 127', async () => {
    const t = home();
    const script = path.join(t.dir, 'build.sh');
    writeFileSync(script, '#!/bin/sh\necho built\n');
    chmodSync(script, 0o644);
    const r = await seatbelt(['exec', '--', './build.sh'], { env: t.env, cwd: t.dir });
    expect(r.exitCode).toBe(126);
    expect(r.stderr).toMatch(/\.\/build\.sh: cannot execute: permission denied/);
    const trail = readFileSync(t.audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(trail.map((x) => x.type)).toEqual(['decision', 'outcome']);
    expect(trail[1]).toMatchObject({ exit_code: 126 });
    const missing = await seatbelt(['exec', '--', './no-such-program'], { env: t.env, cwd: t.dir });
    expect(missing.exitCode).toBe(127);
  });
});

describe('a lost private key beside its public key', () => {
  it('is refused with 78 and never silently replaced: the public key stays, and restoring the private key makes the trail verify', async () => {
    const t = home();
    expect((await seatbelt(['exec', '--', 'true'], { env: t.env, cwd: t.dir })).exitCode).toBe(0);
    const priv = path.join(t.home, 'keys', 'private-key.pem');
    const pub = path.join(t.home, 'keys', 'public-key.pem');
    const privBytes = readFileSync(priv);
    const pubBytes = readFileSync(pub);
    unlinkSync(priv);
    const marker = path.join(t.dir, 'ran');
    const r = await seatbelt(['exec', '--', 'touch', marker], { env: t.env, cwd: t.dir });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/^seatbelt: the signing key .*private-key\.pem is missing but its public key .* is there/);
    expect(r.stderr).toMatch(/Restore the private key from your backup/);
    expect(r.stderr).toMatch(/seatbelt keys init --force/);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(priv)).toBe(false);
    expect(readFileSync(pub)).toEqual(pubBytes);
    // keys init without --force refuses too.
    const init = await seatbelt(['keys', 'init'], { env: t.env });
    expect(init.exitCode).toBe(78);
    expect(readFileSync(pub)).toEqual(pubBytes);
    // Restored: the trail verifies and the next command runs.
    writeFileSync(priv, privBytes, { mode: 0o600 });
    expect((await seatbelt(['exec', '--', 'true'], { env: t.env, cwd: t.dir })).exitCode).toBe(0);
    expect((await seatbelt(['verify'], { env: t.env })).exitCode).toBe(0);
  });

  it('keys init --force starts a new key and keeps the old public key, so the older records still verify', async () => {
    const t = home();
    expect((await seatbelt(['exec', '--', 'true'], { env: t.env, cwd: t.dir })).exitCode).toBe(0);
    unlinkSync(path.join(t.home, 'keys', 'private-key.pem'));
    expect((await seatbelt(['keys', 'init', '--force'], { env: t.env })).exitCode).toBe(0);
    expect((await seatbelt(['exec', '--', 'true'], { env: t.env, cwd: t.dir })).exitCode).toBe(0);
    const v = await seatbelt(['verify'], { env: t.env });
    expect(v.stdout).toMatch(/intact/);
    expect(v.exitCode).toBe(0);
  });
});
