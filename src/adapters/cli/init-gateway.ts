// `seatbelt init --gateway`: scaffold what `seatbelt serve` needs — a serve config with an owner
// policy, a tool registry, and a runnable client example with the official `openai` SDK pointed at
// the gateway — and create a signing key when there is none. Never overwrites an existing file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SeatbeltError } from '../../core/error.js';
import { loadSigner } from '../../audit/keys.js';
import { seatbeltHome } from '../../audit/paths.js';

export const GATEWAY_CONFIG = 'seatbelt-gateway.json';
export const GATEWAY_REGISTRY = 'seatbelt-tools.json';
export const GATEWAY_CLIENT = 'gateway-client.mjs';

export function gatewayConfig(policy: string): Record<string, unknown> {
  return {
    upstream: 'https://api.openai.com',
    host: '127.0.0.1',
    port: 8443,
    policy,
    owners: ['human:*', 'service:*'],
    registry: GATEWAY_REGISTRY,
    limits: { maxBodyBytes: 8388608, requestsPerMinute: 600, tokensPerMinute: 2000000 },
    inspection: { action: 'redact' },
  };
}

export const GATEWAY_TOOLS = {
  version: 1,
  defaults: true,
  tools: [
    { name: 'deploy_production', action: 'tier', risk: 'MEDIUM', approval: 'required' },
    { name: 'send_email', action: 'tier', risk: 'MEDIUM', approval: 'required' },
    { name: 'read_file', action: 'tier', risk: 'LOW' },
    { name: 'run_migration', action: 'sql', pointer: '/sql', dialect: 'postgresql' },
    { name: 'run_in_container', action: 'argv', pointer: '/argv' },
  ],
};

export function clientExample(owner: string): string {
  return `// A client of the seatbelt gateway with the official openai SDK: the only change from calling
// OpenAI directly is the base URL (and the owner header). Run \`seatbelt serve --config ${GATEWAY_CONFIG}\`
// first, then: npm install openai && OPENAI_API_KEY=… node ${GATEWAY_CLIENT}
// The gateway decides every tool call the model emits; this example prints the calls, it runs none.
import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: process.env.SEATBELT_GATEWAY ?? 'http://127.0.0.1:8443/v1',
  apiKey: process.env.OPENAI_API_KEY, // forwarded upstream untouched, never logged by the gateway
  defaultHeaders: { 'X-Commit-Owner': ${JSON.stringify(owner)}, 'X-Agent-Id': 'gateway-example' },
});

const tools = [
  {
    type: 'function',
    function: {
      name: 'bash',
      description: 'Run a shell command in the project',
      parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
    },
  },
];

const { data, response } = await client.chat.completions
  .create({
    model: process.env.MODEL ?? 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Show me the files in this folder, then delete the build folder.' }],
    tools,
  })
  .withResponse();

const choice = data.choices[0];
console.log('status:', response.status, '(202: a call awaits approval; see data.seatbelt)');
console.log('finish_reason:', choice.finish_reason);
if (choice.message.content) console.log('assistant:', choice.message.content);
for (const call of choice.message.tool_calls ?? []) console.log('allowed tool call:', call.function.name, call.function.arguments);
console.log('receipt (verify with seatbelt receipt verify):', response.headers.get('x-seatbelt-receipt'));
`;
}

export function initGateway(cwd: string, flags: { policy: string; keys?: boolean }, env: NodeJS.ProcessEnv): string {
  const out: string[] = [];
  const write = (name: string, text: string) => {
    const file = path.join(cwd, name);
    try {
      fs.writeFileSync(file, text, { flag: 'wx' });
      out.push(`wrote ${file}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new SeatbeltError('OUTPUT', `cannot write ${file}: ${(err as Error).message}`);
      out.push(`${file} already exists: left unchanged`);
    }
  };
  write(GATEWAY_CONFIG, JSON.stringify(gatewayConfig(flags.policy), null, 2) + '\n');
  write(GATEWAY_REGISTRY, JSON.stringify(GATEWAY_TOOLS, null, 2) + '\n');
  write(GATEWAY_CLIENT, clientExample(`human:${safeUser()}`));
  const home = seatbeltHome(env);
  if (flags.keys === false) out.push('no signing key created (--no-keys); the gateway needs one: seatbelt keys init');
  else {
    const { created, privateKeyPath } = loadSigner({ home, autoCreate: true });
    out.push(created ? `created a signing key at ${privateKeyPath}` : `signing key found at ${privateKeyPath}: left unchanged`);
  }
  out.push(
    '',
    'Next steps:',
    `  seatbelt serve --config ${GATEWAY_CONFIG}                  the gateway on 127.0.0.1:8443, in front of ${String(gatewayConfig(flags.policy).upstream)}`,
    `  npm install openai && OPENAI_API_KEY=… node ${GATEWAY_CLIENT}   a client through it (base URL http://127.0.0.1:8443/v1)`,
    '  seatbelt serve --upstream URL --dev                     or try it with an ephemeral key and ./audit.jsonl',
    '',
    `Edit "owners" in ${GATEWAY_CONFIG} (who may call: the X-Commit-Owner header, asserted by the caller) and the tools in ${GATEWAY_REGISTRY}; see docs/gateway.md.`,
  );
  return out.join('\n') + '\n';
}

function safeUser(): string {
  try {
    const u = os.userInfo().username.replace(/[^A-Za-z0-9._@+-]/g, '');
    return u || 'me';
  } catch {
    return 'me';
  }
}
