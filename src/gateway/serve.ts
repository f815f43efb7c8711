// `seatbelt serve`: binds the configuration to a session (policy, role, key, trail), the gate
// (registry + engine), the three API adapters and the HTTP server. Loaded only by `serve`.
//
// Without --dev the operator must have a signing key and an owner policy (`owners` in --config):
// the gateway refuses to start otherwise (exit 78). --dev makes an ephemeral key in a temporary
// folder (its public key is written beside the trail so the trail can be verified after), writes
// the trail to ./audit.jsonl, listens on localhost only, and takes `human:dev` as the owner of a
// request without the header.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SeatbeltError } from '../core/error.js';
import { keyPaths, loadSigner } from '../audit/keys.js';
import { seatbeltHome } from '../audit/paths.js';
import { openSession } from '../adapters/session.js';
import { shipWhileServing } from '../adapters/ledger/background.js';
import { openGate } from './commit.js';
import { defaultRegistry, readRegistry, validateRegistry, type ToolRegistry } from './registry.js';
import type { ServeConfig } from './config.js';
import { GatewayMetrics } from './metrics.js';
import { createGateway, type Gateway } from './http/server.js';
import { openaiChat } from './apis/openai-chat.js';
import { openaiResponses } from './apis/openai-responses.js';
import { anthropicMessages } from './apis/anthropic-messages.js';

export const DEV_OWNER = 'human:dev';

export interface RunningGateway {
  url: string;
  port: number;
  gateway: Gateway;
  /** Lines to print at start: where it listens, the trail, the key, the owner policy. */
  banner: string[];
  /** Drain and stop; removes --dev's ephemeral key folder. */
  close(): Promise<void>;
}

export async function startGateway(
  config: ServeConfig,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<RunningGateway> {
  const banner: string[] = [];
  let devHome: string | undefined;
  let home: string;
  let audit: string | undefined = config.audit;
  if (config.dev) {
    devHome = fs.mkdtempSync(path.join(os.tmpdir(), 'seatbelt-dev-key-'));
    home = devHome;
    audit = path.resolve(cwd, audit ?? 'audit.jsonl');
  } else {
    home = seatbeltHome(env);
    if (!fs.existsSync(keyPaths(home).privateKeyPath))
      throw new SeatbeltError(
        'CONFIG',
        `no signing key at ${keyPaths(home).privateKeyPath}: create one with \`seatbelt keys init\` (or run with --dev)`,
      );
    if (!config.owners)
      throw new SeatbeltError(
        'CONFIG',
        `no owner policy: list the owners allowed to call in the config's "owners" (e.g. ["human:*"]); scaffold one with \`seatbelt init --gateway\` (or run with --dev)`,
      );
  }
  try {
    const registry = loadRegistry(config);
    const session = openSession(
      {
        ...(config.policy ? { policy: config.policy } : {}),
        ...(config.role ? { role: config.role } : {}),
        ...(audit ? { audit } : {}),
        agent: 'gateway',
        autoKeys: config.dev,
        home,
        cwd,
      },
      env,
    );
    const signer = loadSigner({ home, autoCreate: config.dev }).signer;
    if (config.dev) {
      const pub = path.join(path.dirname(session.auditPath), `${path.basename(session.auditPath)}.dev-${stamp()}.pub`);
      fs.writeFileSync(pub, signer.publicKeyPem);
      banner.push(
        `dev mode: ephemeral signing key ${signer.keyId} (public key: ${pub}); trail ${session.auditPath}`,
        `  verify with: seatbelt verify ${session.auditPath} --pubkey ${pub}`,
        `  owner: requests without X-Commit-Owner are recorded as ${DEV_OWNER}`,
        `  approvals: SEATBELT_HOME=${home} seatbelt approve ID --audit ${session.auditPath}  (the dev home goes away when the gateway stops)`,
      );
    } else {
      banner.push(`trail ${session.auditPath}, signed by ${signer.keyId}; owners allowed: ${config.owners!.join(', ')}`);
    }
    const gate = openGate({ session, registry });
    // The operator's ledger, kept up to date by a detached shipper while the gateway serves (docs/fleet.md).
    const stopShipping = shipWhileServing({ ledger: session.resolved.ship, home, trail: session.auditPath });
    const metrics = new GatewayMetrics();
    const gateway = createGateway({
      config,
      gate,
      apis: [openaiChat, openaiResponses, anthropicMessages],
      metrics,
      receipt: (records, requestId) => gate.receipt(records, { requestId }),
      log: (line) => process.stderr.write(JSON.stringify({ time: new Date().toISOString(), ...line }) + '\n'),
      ...(config.dev ? { defaultOwner: DEV_OWNER } : {}),
    });
    gateway.server.listen(config.port, config.host);
    await new Promise<void>((resolve, reject) => {
      gateway.server.once('listening', resolve);
      gateway.server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new SeatbeltError('CONFIG', `cannot listen on ${config.host}:${config.port}: ${err.code ?? err.message}`)),
      );
    });
    const port = (gateway.server.address() as AddressInfo).port;
    const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}`;
    const d = session.resolved.settings;
    banner.unshift(
      `seatbelt gateway listening on ${url} (upstream ${config.upstream}; policy ${d.policy}${d.role ? `, role ${d.role}` : ''})`,
    );
    for (const n of session.notices) banner.push(n);
    return {
      url,
      port,
      gateway,
      banner,
      close: async () => {
        stopShipping();
        await gateway.drain();
        if (devHome) fs.rmSync(devHome, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (devHome) fs.rmSync(devHome, { recursive: true, force: true });
    throw err;
  }
}

function loadRegistry(config: ServeConfig): ToolRegistry {
  if (config.registry === undefined) return defaultRegistry();
  return typeof config.registry === 'string' ? readRegistry(config.registry) : validateRegistry(config.registry);
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
}
