// The HTML report in a real headless Chromium (Debian's package, installed by
// scripts/test-browser.sh): a clean trail shows as intact, a tampered one names the broken line,
// the page's JCS matches Node's byte for byte, and the page makes no network request.
// No skipping: if Chromium cannot be set up, these tests fail.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';
import { exportPublicKeys } from '../../src/audit/keyring.js';
import { parseTrail } from '../../src/audit/read.js';
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

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts/test-browser.sh')], { stdio: 'inherit', timeout: 900_000 });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing after scripts/test-browser.sh`);
  ensureBuilt();

  const { dir, home, audit } = writeRichTrail();
  const keyring = path.join(dir, 'keys.json');
  fs.writeFileSync(keyring, JSON.stringify(exportPublicKeys(home, new Date()), null, 2));
  const { entries } = parseTrail(fs.readFileSync(audit));
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
  context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'seatbelt-chromium-')), {
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
});

const state = () => page.locator('#status').getAttribute('data-state');

describe('HTML report in Chromium', () => {
  it('opens unverified, with the figures seatbelt embedded', async () => {
    expect(await state()).toBe('unverified');
    expect(await page.locator('#status-title').textContent()).toBe('Not verified in this browser yet');
    expect(await page.locator('#tiles').textContent()).toContain('Blocked');
    expect(await page.locator('#by-rule .row').count()).toBe(4);
    expect(await page.locator('#by-actor .row').count()).toBe(3);
    expect(await page.locator('#timeline svg rect').count()).toBeGreaterThan(10);
    await page.screenshot({ path: path.join(SHOTS, 'report-unverified.png'), fullPage: true });
  });

  it('shows a clean trail as intact, verified in the page with the keyring', async () => {
    await page.setInputFiles('#files', [fx.audit, fx.keyring]);
    await page.waitForSelector('#status[data-state="intact"]', { timeout: 60_000 });
    const title = await page.locator('#status-title').textContent();
    expect(title).toMatch(/^Intact: \d+ records, every hash, link and signature checks out$/);
    expect(await page.locator('#status-detail').textContent()).toContain('the same last hash as the trail this report was made from');
    expect(await page.locator('#findings li').count()).toBe(0);
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
