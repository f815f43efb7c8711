// `seatbelt audit report` through the binary: the HTML goes to a file, never onto the terminal —
// seatbelt-report-<date>.html in the working folder by default (its path printed, a second report
// of the day beside it, never over it), --out FILE, or stdout only when asked with --out -. The
// page's data carries every verified decision with its command (when recorded), owner, folder and
// outcome (sessions: report-browser.test.ts); a forged line is left out.
import * as fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReportName } from '../../src/adapters/cli/audit-report.js';
import type { DecisionRow } from '../../src/audit/browser/summary.js';
import { seatbelt, tempHome } from '../e2e/helpers.js';

let t: ReturnType<typeof tempHome>;
let cwd: string;
const run = (args: string[], env: Record<string, string> = {}) =>
  seatbelt(args, { env: { ...t.env, PATH: process.env.PATH!, ...env }, cwd });
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const dataOf = <T>(html: string, id: string): T =>
  JSON.parse(html.match(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's'))![1]!) as T;

beforeAll(async () => {
  t = tempHome();
  cwd = path.join(t.dir, 'work');
  fs.mkdirSync(cwd);
  const who = ['--agent', 'agent-a', '--owner', 'human:alice'];
  expect((await run(['exec', ...who, '--record-input', '--', 'echo', 'hello world'])).exitCode).toBe(0);
  expect((await run(['exec', ...who, '--', 'true'])).exitCode).toBe(0);
  expect((await run(['exec', '--agent', 'agent-b', '--record-input', '--', 'rm', '-rf', '/'])).exitCode).toBe(77);
}, 120_000);

afterAll(() => {
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

describe('audit report --html', () => {
  it('without --out: writes seatbelt-report-<date>.html here, prints its path, and no HTML', async () => {
    const r = await run(['audit', 'report', '--html']);
    expect(r.exitCode).toBe(0);
    const file = path.join(cwd, `seatbelt-report-${today()}.html`);
    expect(r.stdout).toBe(file);
    expect(r.stderr).toMatch(/^wrote .*seatbelt-report-.*\.html \([\d,]+ bytes, 5 verified records\): open it in a browser/);
    expect(r.stdout + r.stderr).not.toContain('<html');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('a second report of the day goes beside the first, never over it', async () => {
    const first = path.join(cwd, `seatbelt-report-${today()}.html`);
    const before = fs.readFileSync(first);
    const r = await run(['audit', 'report', '--html', '--title', 'second']);
    expect(r.stdout).toBe(path.join(cwd, `seatbelt-report-${today()}-2.html`));
    expect(fs.readFileSync(first)).toEqual(before);
    expect(fs.readFileSync(r.stdout, 'utf8')).toContain('<title>second</title>');
    expect(
      defaultReportName(new Date(2025, 2, 5), (n) => ['seatbelt-report-2025-03-05.html', 'seatbelt-report-2025-03-05-2.html'].includes(n)),
    ).toBe('seatbelt-report-2025-03-05-3.html');
  });

  it('--out FILE writes there (nothing on stdout); --out - writes the HTML to stdout when asked', async () => {
    const out = path.join(t.dir, 'r.html');
    const r = await run(['audit', 'report', '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
    const s = await run(['audit', 'report', '--out', '-']);
    expect(s.exitCode).toBe(0);
    expect(s.stdout).toMatch(/^<!doctype html>[\s\S]*<\/html>$/);
  });

  it('the page carries every decision: the command when recorded, owner, folder and outcome', async () => {
    const s = await run(['audit', 'report', '--out', '-']);
    const rows = dataOf<DecisionRow[]>(s.stdout, 'seatbelt-rows');
    expect(rows.map((r) => [r.decision, r.actor, r.input])).toEqual([
      ['allow', 'agent-a', "echo 'hello world'"],
      ['allow', 'agent-a', null],
      ['block', 'agent-b', 'rm -rf /'],
    ]);
    expect(rows[0]!.owner).toBe('human:alice');
    expect(rows[0]!.cwd).toBe(cwd);
    expect(rows[0]!.outcome).toMatchObject({ exitCode: 0 });
    expect(rows[1]!.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[2]!.rules.map((x) => x.id)).toContain('filesystem.recursive_delete_root');
    expect(rows[2]!.outcome).toBeNull();
  });

  it('leaves out a line that does not verify, and says so', async () => {
    const lines = fs.readFileSync(t.audit, 'utf8').trim().split('\n');
    const forged = lines.find((l) => l.includes('"decision":"block"'))!.replace('"decision":"block"', '"decision":"allow"');
    const copy = path.join(t.dir, 'forged.jsonl');
    fs.writeFileSync(copy, [...lines, forged].join('\n') + '\n');
    const s = await run(['audit', 'report', '--audit', copy, '--out', '-']);
    expect(s.exitCode).toBe(0);
    expect(s.stderr).toMatch(/skipped 1 line\(s\) of .*forged\.jsonl that do not verify/);
    expect(dataOf<DecisionRow[]>(s.stdout, 'seatbelt-rows')).toHaveLength(3);
  });

  it('a report that cannot be written is exit 73', async () => {
    const r = await run(['audit', 'report', '--out', path.join(t.dir, 'no', 'such', 'dir', 'r.html')]);
    expect(r.exitCode).toBe(73);
    expect(r.stderr).toMatch(/^seatbelt: cannot write/);
  });
});
