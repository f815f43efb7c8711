// audit export --otlp against a local OTLP/HTTP receiver that checks every payload against the
// official opentelemetry-proto schema: the JSON must round-trip unchanged through
// ExportLogsServiceRequest as compiled by the OpenTelemetry project (protobufjs, from
// @opentelemetry/otlp-proto-exporter-base), so an unknown or misspelt field, a 64-bit integer not
// written as a string, or a value of the wrong type fails the test.
import { execa } from 'execa';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, assertFreshBundle, seatbelt } from '../e2e/helpers.js';
import { signer } from '../audit/fixtures.js';
import { makeTrail, scratch, trailText } from './helpers.js';

const require = createRequire(import.meta.url);
const proto = require('@opentelemetry/otlp-proto-exporter-base/build/src/generated/root.js');
const Request = proto.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

interface Attr {
  key: string;
  value: Record<string, unknown>;
}
interface LogRecord {
  timeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: { stringValue: string };
  attributes: Attr[];
}

/** The payload as the official schema reads it, or throws. */
function throughSchema(json: unknown): unknown {
  const message = Request.fromObject(json);
  const err = Request.verify(message);
  if (err) throw new Error(err);
  return Request.toObject(Request.decode(Request.encode(message).finish()), { longs: String, enums: Number });
}

const s = scratch();
const home = path.join(s.dir, 'home');
const env = { SEATBELT_HOME: home, HOME: s.dir };
let server: http.Server;
let endpoint: string;
let received: LogRecord[] = [];
let invalid: string[] = [];
/** Status codes to answer the next requests with (then 200). */
let failNext: number[] = [];
let requests = 0;

beforeAll(async () => {
  mkdirSync(path.join(home, 'keys'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(home, 'keys', 'public-key.pem'), signer.publicKeyPem);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      if (req.url !== '/v1/logs' || req.method !== 'POST' || req.headers['content-type'] !== 'application/json') {
        invalid.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
        return void res.writeHead(404).end();
      }
      const status = failNext.shift();
      if (status) return void res.writeHead(status, { 'retry-after': '0' }).end('busy');
      try {
        const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        expect(throughSchema(json)).toEqual(json);
        for (const rl of json.resourceLogs) for (const sl of rl.scopeLogs) received.push(...sl.logRecords);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (err) {
        invalid.push(String(err));
        res.writeHead(400).end(String(err));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  expect(invalid).toEqual([]);
  received = [];
  invalid = [];
  failNext = [];
  requests = 0;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  s.done();
});

const attrs = (r: LogRecord) => Object.fromEntries(r.attributes.map((a) => [a.key, Object.values(a.value)[0]]));

describe('audit export --otlp', () => {
  it('sends every verified record as an OTLP log record the official schema reads; the body is the signed line', async () => {
    const t = makeTrail(30, 'otlp', { host: 'laptop-a' });
    const file = s.file('otlp.jsonl', t);
    const r = await seatbelt(['audit', 'export', '--audit', file, '--otlp', endpoint, '--batch', '7'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(requests).toBe(5);
    expect(received.map((x) => x.body.stringValue)).toEqual(t.map((x) => x.line));
    const blocked = received.find((x) => attrs(x)['seatbelt.decision'] === 'block')!;
    expect(blocked).toMatchObject({
      severityNumber: 13,
      severityText: 'WARN',
      timeUnixNano: `${Date.parse('2025-01-01T00:00:02Z')}000000`,
    });
    expect(attrs(blocked)).toMatchObject({
      'event.name': 'seatbelt.decision',
      'seatbelt.log_id': t[0]!.record.event_id,
      'seatbelt.seq': '2',
      'seatbelt.rule_ids': { values: [{ stringValue: 'filesystem.recursive_delete_root' }] },
      'host.name': 'laptop-a',
      'user.name': 'alice',
      'enduser.id': 'human:alice',
      'gen_ai.agent.name': 'cursor',
      'process.pid': '1',
    });
    const outcome = received.find((x) => attrs(x)['event.name'] === 'seatbelt.outcome')!;
    expect(attrs(outcome)).toMatchObject({ 'process.exit.code': '0', 'seatbelt.decision_event_id': t[0]!.record.event_id });
    expect(outcome.severityNumber).toBe(9);
  });

  it('the export filters apply; a batch the receiver could not take is retried, never sent twice', async () => {
    const t = makeTrail(30, 'otlp-filter');
    const file = s.file('otlp-filter.jsonl', t);
    failNext = [503, 429];
    const r = await seatbelt(['audit', 'export', '--audit', file, '--otlp', `${endpoint}/v1/logs`, '--decision', 'block'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    const blocked = t.filter((x) => x.record.decision === 'block').map((x) => x.line);
    expect(blocked.length).toBeGreaterThan(5);
    expect(received.map((x) => x.body.stringValue)).toEqual(blocked);
    expect(requests).toBe(3);
  });

  it('a line that does not verify is not sent, and the export says so (exit 1)', async () => {
    const t = makeTrail(12, 'otlp-damaged');
    const lines = trailText(t).split('\n');
    expect(lines[5]).toContain('"pid":1,');
    lines[5] = lines[5]!.replace('"pid":1,', '"pid":9,');
    const file = path.join(s.dir, 'otlp-damaged.jsonl');
    writeFileSync(file, lines.join('\n'));
    const r = await seatbelt(['audit', 'export', '--audit', file, '--otlp', endpoint], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/line 6 \(seq 5\) does not verify and was not sent: HASH_MISMATCH/);
    expect(received.map((x) => attrs(x)['seatbelt.seq'])).not.toContain('5');
    expect(received).toHaveLength(11);
  });

  it('--follow sends records as they are appended and stops on SIGTERM', async () => {
    const t = makeTrail(20, 'otlp-follow');
    const file = s.file('otlp-follow.jsonl', []);
    assertFreshBundle();
    const child = execa(BIN, ['audit', 'export', '--audit', file, '--otlp', endpoint, '--follow', '--interval', '100'], {
      env,
      reject: false,
    });
    const waitFor = async (n: number) => {
      for (let i = 0; i < 400 && received.length < n; i++) await new Promise((r) => setTimeout(r, 50));
      return received.length;
    };
    await new Promise((r) => setTimeout(r, 400));
    appendFileSync(file, trailText(t.slice(0, 8)));
    expect(await waitFor(8)).toBe(8);
    appendFileSync(file, trailText(t.slice(8)));
    expect(await waitFor(20)).toBe(20);
    child.kill('SIGTERM');
    expect((await child).exitCode).toBe(0);
    expect(received.map((x) => x.body.stringValue)).toEqual(t.map((x) => x.line));
    expect(new Set(received.map((x) => attrs(x)['seatbelt.log_id']))).toEqual(new Set([t[0]!.record.event_id]));
  }, 60_000);

  it('refuses what is not an OTLP/HTTP URL, and --follow without --otlp', async () => {
    const file = s.file('otlp-usage.jsonl', makeTrail(2, 'otlp-usage'));
    expect((await seatbelt(['audit', 'export', '--audit', file, '--otlp', 'grpc://collector:4317'], { env })).exitCode).toBe(64);
    expect((await seatbelt(['audit', 'export', '--audit', file, '--follow'], { env })).exitCode).toBe(64);
  });
});
