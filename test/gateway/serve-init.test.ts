// `seatbelt init --gateway` through the binary: the files it scaffolds are valid, the gateway starts
// from them without --dev (the key init made, the owner policy in the config), and the client
// example — the official openai SDK, unchanged but for the base URL — runs against it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { seatbelt, tempHome } from '../e2e/helpers.js';
import { validateServeConfig } from '../../src/gateway/config.js';
import { validateRegistry } from '../../src/gateway/registry.js';
import { startFakeUpstream, type FakeUpstream } from './e2e-upstream.js';
import { serve, type Served } from './e2e-serve.js';

let t: ReturnType<typeof tempHome>;
let cwd: string;
let up: FakeUpstream;
let gw: Served | undefined;

beforeAll(async () => {
  t = tempHome();
  cwd = path.join(t.dir, 'project');
  fs.mkdirSync(cwd);
  up = await startFakeUpstream();
});

afterAll(async () => {
  await gw?.stop();
  await up?.close();
  fs.rmSync(t.dir, { recursive: true, force: true });
});

describe('seatbelt init --gateway', () => {
  it('scaffolds a valid config, registry and client, and a key; never overwrites', async () => {
    const r = await seatbelt(['init', '--gateway'], { env: t.env, cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('seatbelt serve --config seatbelt-gateway.json');
    const config = JSON.parse(fs.readFileSync(path.join(cwd, 'seatbelt-gateway.json'), 'utf8'));
    expect(validateServeConfig(config).owners).toEqual(['human:*', 'service:*']);
    expect(
      validateRegistry(JSON.parse(fs.readFileSync(path.join(cwd, 'seatbelt-tools.json'), 'utf8'))).tools.get('send_email')?.approval,
    ).toBe('required');
    expect(fs.existsSync(path.join(t.home, 'keys', 'private-key.pem'))).toBe(true);
    fs.writeFileSync(path.join(cwd, 'gateway-client.mjs'), fs.readFileSync(path.join(cwd, 'gateway-client.mjs'), 'utf8') + '\n// mine\n');
    const again = await seatbelt(['init', '--gateway'], { env: t.env, cwd });
    expect(again.stdout).toContain('already exists: left unchanged');
    expect(fs.readFileSync(path.join(cwd, 'gateway-client.mjs'), 'utf8')).toContain('// mine');
  });

  it('serves from the scaffold without --dev, and the openai client example runs through it', async () => {
    gw = await serve(['--config', 'seatbelt-gateway.json', '--upstream', up.url, '--port', '0'], { env: t.env, cwd });
    // The example imports 'openai': let it resolve the repository's copy.
    fs.symlinkSync(path.resolve(import.meta.dirname, '../../node_modules'), path.join(cwd, 'node_modules'));
    const { stdout } = await promisify(execFile)(process.execPath, ['gateway-client.mjs'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        SEATBELT_GATEWAY: `${gw.url}/v1`,
        OPENAI_API_KEY: 'sk-test-example-key-000000000000',
        MODEL: 'mixed',
      },
    });
    expect(stdout).toContain('status: 200');
    expect(stdout).toContain('allowed tool call: bash {"command":"ls -la"}');
    expect(stdout).toMatch(/seatbelt refused the tool call bash \(call_bad\)/);
    expect(stdout).toMatch(/receipt .*: v1\./);
    expect(gw.stderr()).toContain('owners allowed: human:*, service:*');
    expect(await gw.stop()).toBe(0);
    gw = undefined;
  });
});
