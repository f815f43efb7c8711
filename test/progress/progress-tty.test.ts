// The progress bar through the real binary: under a pseudo-terminal (util-linux `script`) verify,
// audit export, audit report and scan draw it on stderr and erase it; on a pipe, and for --json
// going to a file, nothing of it is written. SEATBELT_PROGRESS=on shows it at once (the default
// waits half a second, which a small scratch trail never takes).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initKeys, loadSigner } from '../../src/audit/keys.js';
import { chain } from '../audit/fixtures.js';
import { assertFreshBundle, BIN, seatbelt } from '../e2e/helpers.js';

let dir: string;
let env: Record<string, string>;
let audit: string;
const ERASE = '\r\x1b[K';
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs bin/seatbelt with `args` under a pseudo-terminal; what the terminal showed (stdout and stderr). */
function underTerminal(args: string[], redirect = ''): { status: number | null; screen: string } {
  // A wide terminal, so the whole bar line fits (it is cut to the terminal's width).
  const cmd = `stty cols 200; ${[BIN, ...args].map(q).join(' ')}${redirect}`;
  const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], {
    cwd: dir,
    env: { PATH: process.env.PATH!, TERM: 'xterm', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, screen: r.stdout };
}

beforeAll(() => {
  assertFreshBundle();
  if (spawnSync('script', ['--version']).status !== 0) throw new Error('util-linux `script` is needed to give the binary a terminal');
  dir = fs.mkdtempSync(path.join(tmpdir(), 'seatbelt-progress-'));
  const home = path.join(dir, 'seatbelt-home');
  audit = path.join(dir, 'audit.jsonl');
  initKeys({ home, force: false });
  // Over 2 MiB: verify hands signatures to a worker thread, and the readers read it in several reads.
  const { signer } = loadSigner({ home, autoCreate: false });
  fs.writeFileSync(
    audit,
    chain(3000, signer)
      .map((r) => `${r.line}\n`)
      .join(''),
  );
  env = { SEATBELT_HOME: home, SEATBELT_AUDIT: audit, HOME: dir, SEATBELT_PROGRESS: 'on' };
  const project = path.join(dir, 'project');
  fs.mkdirSync(path.join(project, 'scripts'), { recursive: true });
  for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(project, 'scripts', `step-${i}.sh`), `#!/bin/sh\necho step ${i}\nls -la\n`);
  execFileSync('bash', ['-n', path.join(project, 'scripts', 'step-0.sh')]);
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('progress under a terminal', () => {
  it('verify draws records done, rate and a bar, then erases it before the verdict', () => {
    const r = underTerminal(['verify']);
    expect(r.status).toBe(0);
    expect(r.screen).toMatch(/\rverify audit\.jsonl \[[#.]{24}\] +\d+% [\d.]+ (KiB|MiB) of [\d.]+ (KiB|MiB)/);
    expect(r.screen).toContain('lines');
    const erased = r.screen.lastIndexOf(ERASE);
    expect(erased).toBeGreaterThan(-1);
    expect(r.screen.indexOf(': 3000 records')).toBeGreaterThan(erased);
  });

  it('audit export verifies with a bar and writes the CSV of every record', () => {
    const out = path.join(dir, 'export.csv');
    const r = underTerminal(['audit', 'export', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.screen).toMatch(/\rexport audit\.jsonl \[[#.]{24}\]/);
    expect(r.screen).toContain(ERASE);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3001);
  });

  it('audit report reads with a bar and prints the path it wrote', () => {
    const r = underTerminal(['audit', 'report', '--html']);
    expect(r.status).toBe(0);
    expect(r.screen).toMatch(/\rreport audit\.jsonl \[[#.]{24}\]/);
    const written = r.screen.match(/(\/\S+seatbelt-report-\d{4}-\d{2}-\d{2}\.html)/)?.[1];
    expect(written).toBeDefined();
    expect(fs.readFileSync(written!, 'utf8')).toMatch(/^<!doctype html>/);
    expect(r.screen).not.toContain('<!doctype');
  });

  it('scan counts files read, then files judged', () => {
    const r = underTerminal(['scan', 'project']);
    expect(r.status).toBe(0);
    expect(r.screen).toMatch(/\rscan: reading \[[#.]{24}\] +\d+% \d+ of 12 files/);
    expect(r.screen).toMatch(/\rscan: judging \[[#.]{24}\] +\d+% \d+ of 12 files/);
    expect(r.screen).toMatch(/seatbelt scan: \d+ commands in 12 files/);
  });

  it('no bar for --json going to a file, even with stderr on the terminal', () => {
    const r = underTerminal(['verify', '--json'], ` > ${q(path.join(dir, 'v.json'))}`);
    expect(r.status).toBe(0);
    expect(r.screen).not.toContain('verify audit.jsonl [');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'v.json'), 'utf8')).ok).toBe(true);
    const s = underTerminal(['scan', '--format', 'sarif', 'project'], ` > ${q(path.join(dir, 's.sarif'))}`);
    expect(s.screen).not.toContain('scan: ');
  });

  it('SEATBELT_PROGRESS=off: none on the terminal either', () => {
    const saved = env.SEATBELT_PROGRESS;
    env.SEATBELT_PROGRESS = 'off';
    try {
      const r = underTerminal(['verify']);
      expect(r.status).toBe(0);
      expect(r.screen).not.toContain('verify audit.jsonl [');
      expect(r.screen).not.toContain('\x1b[');
    } finally {
      env.SEATBELT_PROGRESS = saved!;
    }
  });
});

describe('progress on a pipe', () => {
  it('writes nothing of it to a piped stderr, for each command', async () => {
    const runs = [
      await seatbelt(['verify'], { env }),
      await seatbelt(['audit', 'export', '--out', path.join(dir, 'piped.csv')], { env }),
      await seatbelt(['audit', 'report', '--html', '--out', path.join(dir, 'piped.html')], { env }),
      await seatbelt(['scan', 'project'], { env, cwd: dir }),
    ];
    for (const r of runs) {
      expect(r.exitCode).toBe(0);
      expect(r.stderr).not.toMatch(/\[[#.]{24}\]|\r|\x1b\[/);
      expect(r.stdout).not.toMatch(/\[[#.]{24}\]|\r|\x1b\[/);
    }
  });
});
