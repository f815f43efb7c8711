// The HTML report in a real headless Chromium (Debian's package, installed by
// scripts/test-browser.sh): search, filters and paging over every decision, a clean trail shows as
// intact, a tampered one names the broken line, the page's JCS matches Node's byte for byte, and the
// page makes no network request. Screenshots go to .tmp/screenshots (looked at by people; the
// tests assert on the DOM). No skipping: if Chromium cannot be set up, these tests fail.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';
import { exportPublicKeys } from '../../src/audit/keyring.js';
import { parseTrail, type TrailRecord } from '../../src/audit/read.js';
import { renderReport } from '../../src/audit/report-html.js';
import { ensureBuilt } from './build.js';
import { writeRichTrail } from './trail.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, '.tmp', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';

let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];
let fx: { dir: string; home: string; audit: string; keyring: string; report: string; tampered: string; tamperedLine: number };
let profile: string;
/** The decisions of the trail, read here with plain JSON (not the page's code), newest first. */
let decisions: TrailRecord[];

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts/test-browser.sh')], { stdio: 'inherit', timeout: 900_000 });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing after scripts/test-browser.sh`);
  ensureBuilt();

  const { dir, home, audit } = writeRichTrail();
  const keyring = path.join(dir, 'keys.json');
  fs.writeFileSync(keyring, JSON.stringify(exportPublicKeys(home, new Date()), null, 2));
  const { entries } = parseTrail(fs.readFileSync(audit));
  decisions = entries
    .map((e) => e.record)
    .filter((r) => r.type === 'decision')
    .reverse();
  const last = entries.at(-1)!.record;
  const report = path.join(dir, 'report.html');
  fs.writeFileSync(
    report,
    renderReport({
      entries,
      source: 'audit.jsonl',
      generated: new Date('2025-03-05T09:00:00Z'),
      filters: {},
      unreadable: 0,
      verification: { ok: true, records: entries.length, findingCount: 0, findings: [], lastHash: String(last.hash) },
    }),
  );
  // Tamper: turn a block into an allow on line 12.
  const lines = fs.readFileSync(audit, 'utf8').split('\n');
  const tamperedLine = lines.findIndex((l, i) => i > 8 && l.includes('"decision":"block"')) + 1;
  lines[tamperedLine - 1] = lines[tamperedLine - 1]!.replace('"decision":"block"', '"decision":"allow"');
  const tampered = path.join(dir, 'tampered', 'audit.jsonl');
  fs.mkdirSync(path.dirname(tampered));
  fs.writeFileSync(tampered, lines.join('\n'));
  fx = { dir, home, audit, keyring, report, tampered, tamperedLine };

  fs.mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(path.join(tmpdir(), 'seatbelt-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1200, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`file://${fx.report}`);
}, 900_000);

afterAll(async () => {
  await context?.close();
  for (const d of [profile, fx?.dir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

const state = () => page.locator('#status').getAttribute('data-state');

describe('HTML report in Chromium', () => {
  it('opens unverified, with the figures seatbelt embedded', async () => {
    expect(await state()).toBe('unverified');
    expect(await page.locator('#status-title').textContent()).toBe('Not verified in this browser yet');
    expect(await page.locator('#tiles').textContent()).toContain('Blocked');
    expect(await page.locator('#by-rule .row').count()).toBe(4);
    expect(await page.locator('#by-actor .row').count()).toBe(3);
    expect(await page.locator('#timeline svg rect.allow, #timeline svg rect.block').count()).toBeGreaterThan(10);
    // 60 decisions 47 minutes apart span two days: one bar per hour.
    expect(await page.locator('#timeline .legend').textContent()).toContain('one bar per hour (UTC)');
    await page.screenshot({ path: path.join(SHOTS, 'report-unverified.png'), fullPage: true });
    await page.screenshot({ path: path.join(SHOTS, 'report-top.png') });
  });

  it('lists every decision, newest first, 50 to a page, with the command when recorded, owner, session and folder', async () => {
    expect(decisions).toHaveLength(60);
    expect(await page.locator('#match-count').textContent()).toBe('60 decisions, newest first.');
    expect(await page.locator('#page-info').textContent()).toBe('1–50 of 60 · page 1 of 2');
    expect(await page.locator('#row-body tr').count()).toBe(50);
    expect(await page.locator('#page-prev').isDisabled()).toBe(true);
    const first = page.locator('#row-body tr').first();
    const newest = decisions[0]!;
    expect(await first.getAttribute('data-event')).toBe(newest.event_id);
    // Recorded input is shown as the command; a digest-only decision says it was not recorded.
    const recorded = decisions.find((d) => d.action?.input !== undefined && d.decision === 'block')!;
    const recordedRow = page.locator(`#row-body tr[data-event="${recorded.event_id}"]`);
    expect(await recordedRow.locator('code.input').textContent()).toBe(
      Array.isArray(recorded.action!.input)
        ? (recorded.action!.input as string[]).map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')
        : recorded.action!.input,
    );
    const bare = decisions.find((d) => d.action?.input === undefined)!;
    expect(await page.locator(`#row-body tr[data-event="${bare.event_id}"] td.cmd`).textContent()).toContain('command not recorded');
    const bob = decisions.find((d) => d.actor?.owner === 'human:bob')!;
    const bobRow = await page.locator(`#row-body tr[data-event="${bob.event_id}"]`).textContent();
    expect(bobRow).toContain('owner human:bob');
    expect(bobRow).toContain('session sess-bob-7');
    expect(bobRow).toContain('/src/api');
    expect(bobRow).toContain('bob@dev-2');

    await page.locator('#decisions').screenshot({ path: path.join(SHOTS, 'report-decisions.png') });
    await page.click('#page-next');
    expect(await page.locator('#page-info').textContent()).toBe('51–60 of 60 · page 2 of 2');
    await page.locator('#decisions').screenshot({ path: path.join(SHOTS, 'report-page-2.png') });
    expect(await page.locator('#row-body tr').count()).toBe(10);
    expect(await page.locator('#page-next').isDisabled()).toBe(true);
    expect(await page.locator('#row-body tr').last().getAttribute('data-event')).toBe(decisions.at(-1)!.event_id);
    await page.click('#page-prev');
    expect(await page.locator('#page-info').textContent()).toBe('1–50 of 60 · page 1 of 2');
    await page.selectOption('#page-size', '25');
    expect(await page.locator('#page-info').textContent()).toBe('1–25 of 60 · page 1 of 3');
    await page.selectOption('#page-size', '50');
  });

  const shownEvents = async () =>
    page.locator('#row-body tr[data-event]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-event')));
  const expectShown = async (want: TrailRecord[]) => {
    const n = want.length;
    expect(await page.locator('#match-count').textContent()).toBe(
      n === 60 ? '60 decisions, newest first.' : `${n} decision${n === 1 ? '' : 's'} of 60 match, newest first.`,
    );
    expect(await shownEvents()).toEqual(want.slice(0, 50).map((d) => d.event_id));
  };

  it('searches every decision as the auditor types (all words, any field)', async () => {
    await page.fill('#q', 'origin main');
    await page.waitForFunction(() => document.querySelector('#match-count')?.textContent?.includes('match'));
    // The recorded command is searched: only force-pushes recorded with their input name the remote and branch.
    const pushes = decisions.filter((d) => JSON.stringify(d.action?.input ?? '').includes('origin main'));
    expect(pushes.length).toBeGreaterThan(0);
    await expectShown(pushes);
    // Words are found in any field: the rule id and the command of the others.
    await page.fill('#q', 'git push');
    await page.waitForTimeout(300);
    await expectShown(decisions.filter((d) => d.rules!.some((r) => r.id === 'git.force_push_protected')));
    await page.fill('#q', 'SESS-BOB-7');
    await page.waitForTimeout(300);
    await expectShown(decisions.filter((d) => d.actor?.session === 'sess-bob-7'));
    // The figures follow the search.
    expect(await page.locator('#by-actor .row').count()).toBe(1);
    expect(await page.locator('#figures-origin').textContent()).toContain('match the search and filters');
    await page.screenshot({ path: path.join(SHOTS, 'report-search.png'), fullPage: true });
    await page.fill('#q', 'no such thing anywhere');
    await page.waitForTimeout(300);
    expect(await page.locator('#row-body').textContent()).toBe('No decision matches the search and filters.');
    await page.click('#f-clear');
    await page.waitForTimeout(50);
    await expectShown(decisions);
  });

  it('filters by decision, rule, risk, actor, owner and time range, together', async () => {
    await page.selectOption('#f-decision', 'block');
    await expectShown(decisions.filter((d) => d.decision === 'block'));
    expect(await page.locator('#f-rule option').allTextContents()).toEqual([
      'Any rule',
      'filesystem.recursive_delete_root',
      'git.force_push_protected',
      'remote_code.pipe_to_shell',
      'sql.delete_without_where',
    ]);
    await page.selectOption('#f-risk', 'HIGH');
    await expectShown(decisions.filter((d) => d.decision === 'block' && d.rules!.some((r) => r.risk === 'HIGH')));
    await page.selectOption('#f-risk', '');
    await page.selectOption('#f-rule', 'remote_code.pipe_to_shell');
    await expectShown(decisions.filter((d) => d.rules!.some((r) => r.id === 'remote_code.pipe_to_shell')));
    await page.selectOption('#f-rule', '');
    await page.selectOption('#f-decision', '');

    await page.selectOption('#f-actor', 'ci-bot');
    await expectShown(decisions.filter((d) => d.actor?.agent === 'ci-bot'));
    await page.selectOption('#f-actor', '');
    expect(await page.locator('#f-owner option').allTextContents()).toEqual(['Any owner', 'human:alice', 'human:bob', 'No owner']);
    await page.selectOption('#f-owner', 'human:alice');
    await expectShown(decisions.filter((d) => d.actor?.owner === 'human:alice'));
    await page.selectOption('#f-owner', '(no owner)');
    await expectShown(decisions.filter((d) => d.actor?.owner === undefined));
    await page.selectOption('#f-owner', '');

    // From/to are UTC minutes, both ends inclusive.
    await page.fill('#f-from', '2025-03-03T20:00');
    await page.fill('#f-to', '2025-03-04T06:00');
    await page.locator('#f-to').dispatchEvent('change');
    const inRange = (d: TrailRecord) => d.time! >= '2025-03-03T20:00:00.000Z' && d.time! <= '2025-03-04T06:00:59.999Z';
    await expectShown(decisions.filter(inRange));
    await page.selectOption('#f-decision', 'allow');
    await expectShown(decisions.filter((d) => inRange(d) && d.decision === 'allow'));
    expect(await page.locator('#timeline .legend').textContent()).toMatch(/one bar per (15 minutes|hour) \(UTC\)/);
    await page.screenshot({ path: path.join(SHOTS, 'report-filtered.png'), fullPage: true });
    await page.locator('#decisions').screenshot({ path: path.join(SHOTS, 'report-filtered-decisions.png') });
    await page.click('#f-clear');
    await page.waitForTimeout(50);
    await expectShown(decisions);
  });

  it('a click on a bar of the timeline shows the decisions of its hour', async () => {
    const bar = page.locator('#timeline g.bucket').nth(5);
    const start = (await bar.getAttribute('data-start'))!;
    await bar.click();
    const from = Date.parse(start);
    const want = decisions.filter((d) => Date.parse(d.time!) >= from && Date.parse(d.time!) < from + 3_600_000);
    expect(await page.locator('#f-from').inputValue()).toBe(start.slice(0, 16));
    await expectShown(want);
    await page.click('#f-clear');
    await page.waitForTimeout(50);
  });

  it('shows a clean trail as intact, verified in the page with the keyring', async () => {
    await page.setInputFiles('#files', [fx.audit, fx.keyring]);
    await page.waitForSelector('#status[data-state="intact"]', { timeout: 60_000 });
    const title = await page.locator('#status-title').textContent();
    expect(title).toMatch(/^Intact: \d+ records, every hash, link and signature checks out$/);
    expect(await page.locator('#status-detail').textContent()).toContain('the same last hash as the trail this report was made from');
    expect(await page.locator('#findings li').count()).toBe(0);
    expect(await page.locator('#match-count').textContent()).toBe('60 decisions, newest first.');
    expect(await page.locator('#figures-origin').textContent()).toContain('as verified in this browser');
    await page.screenshot({ path: path.join(SHOTS, 'report-intact.png'), fullPage: true });
  });

  it('names the broken line of a tampered trail', async () => {
    await page.setInputFiles('#files', [fx.tampered]);
    await page.waitForSelector('#status[data-state="broken"]', { timeout: 60_000 });
    const title = await page.locator('#status-title').textContent();
    expect(title).toContain(`line ${fx.tamperedLine}`);
    const first = page.locator('#findings li').first();
    expect(await first.textContent()).toContain(`line ${fx.tamperedLine}`);
    expect(await first.textContent()).toContain('HASH_MISMATCH');
    // Only records that verify are listed: the tampered line's decision is not.
    expect(await page.locator(`#row-body tr[data-line="${fx.tamperedLine}"]`).count()).toBe(0);
    expect(await page.locator('#match-count').textContent()).toBe('59 decisions, newest first.');
    await page.screenshot({ path: path.join(SHOTS, 'report-broken.png'), fullPage: true });
  });

  it('takes files dropped on the page too (keys first, then the trail)', async () => {
    await page.reload();
    const drop = async (name: string, text: string) =>
      page.evaluate(
        ([n, t]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([t!], n!));
          document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        [name, text],
      );
    await drop('keys.json', fs.readFileSync(fx.keyring, 'utf8'));
    await page.waitForSelector('#status[data-state="waiting"]');
    expect(await page.locator('#status-title').textContent()).toBe('Now add the audit file');
    await drop('audit.jsonl', fs.readFileSync(fx.audit, 'utf8'));
    await page.waitForSelector('#status[data-state="intact"]', { timeout: 60_000 });
  });

  it('refuses a trail checked against the wrong key', async () => {
    await page.reload();
    const other = path.join(fx.dir, 'other.pem');
    const { generateKeyPairSync } = await import('node:crypto');
    fs.writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }));
    await page.setInputFiles('#files', [fx.audit, other]);
    await page.waitForSelector('#status[data-state="broken"]', { timeout: 60_000 });
    expect(await page.locator('#findings').textContent()).toContain('UNKNOWN_KEY');
    expect(await page.locator('#status-title').textContent()).toBe('Not verified: the records are signed by keys you did not give');
    await page.screenshot({ path: path.join(SHOTS, 'report-unknown-key.png') });
  });

  it('canonicalizes (JCS) byte for byte like Node, on vectors and on every record', async () => {
    const vectors: unknown[] = [
      { b: 1, a: 2, '\u20ac': 3, '\ud83d\ude00': 4, '\u00e9': 5, A: 6, '': 7 },
      [1e21, 1e-7, 0.1 + 0.2, -0, 5e-324, 1.7976931348623157e308, 123456789012345680000, 4.5, -1.5e-10],
      'tab\t nl\n quote" backslash\\ ctl\u0001 del\u007f emoji\ud83d\ude00 \u2028',
      { nested: { z: [true, false, null], y: { x: 'ü' } } },
      ...fs
        .readFileSync(fx.audit, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ];
    const inPage = await page.evaluate(
      (vs) =>
        vs.map((v) => (globalThis as unknown as { seatbeltReport: { canonicalize(v: unknown): string } }).seatbeltReport.canonicalize(v)),
      vectors,
    );
    expect(inPage).toEqual(vectors.map((v) => canonicalize(v)));
    // and the lines of the file are exactly their records' JCS
    const lines = fs.readFileSync(fx.audit, 'utf8').trim().split('\n');
    expect(inPage.slice(4)).toEqual(lines);
  });

  it('raised no script error', () => {
    expect(pageErrors).toEqual([]);
  });

  it('made no network request, and forbids them by policy', async () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    const html = fs.readFileSync(fx.report, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link|<img|<iframe|@import|url\(/i);
    // The only URL in the file is the SVG namespace name (an identifier, never fetched).
    expect([...new Set([...html.matchAll(/https?:\/\/[^\s"'`)]+/g)].map((m) => m[0]))]).toEqual(['http://www.w3.org/2000/svg']);
  });
});
