// The start-up snapshot's warm-up (scripts/snapshot.mjs): V8 keeps the compiled code of every
// function a snapshot's builder ran, so running the hot path once while the snapshot is made spares
// each run compiling it (~25% of seatbelt's own instructions on `exec -- true`, measured). Pure: no
// file, clock, environment or key is touched (the builder forbids them), so nothing of the build
// machine can leak into a decision. It decides argv commands, plain scripts and plain PostgreSQL
// under a made-up folder and home, and builds and seals their records with a signer that signs
// nothing, then drops every result. The parsers (WebAssembly) cannot be in a snapshot: other
// scripts and SQL still load them at run time.
import { Command } from 'commander';
import { useCatalogueBytes } from '../../catalogue/index.js';
import type { Action, AnalyzeContext } from '../../core/types.js';
import { defaultAnalyzer } from '../../engine/default-engine.js';
import { decide } from '../../engine/govern.js';
import { decisionBody, outcomeBody } from '../../audit/envelope.js';
import { GENESIS_HASH, sealRecord, type Signer } from '../../audit/seal.js';
import { configProblems } from '../../policy/config.js';
import { loadPolicy } from '../../policy/policies.js';
import { decisionJson, refusalText } from './shared.js';

/** Commands an agent runs all day, and a few that are refused: each path through the rules once. */
const COMMANDS: readonly string[][] = [
  ['true'],
  ['git', 'status', '--short'],
  ['git', 'push', '--force', 'origin', 'main'],
  ['npm', 'test'],
  ['ls', '-la', 'src'],
  ['rm', '-rf', 'build'],
  ['rm', '-rf', '/'],
  ['sudo', 'env', 'FOO=1', 'make', 'install'],
  ['cat', 'README.md'],
  ['node', 'scripts/build.mjs'],
];

/**
 * Plain PostgreSQL (`sql`, the default dialect): read without libpg-query (analyze/sql/pg/plain-parse.ts).
 * Not MySQL's plain reader: it gained ~0.5 ms a MySQL run and cost every run ~0.2 ms of a larger heap.
 */
const QUERIES: readonly { sql: string; dialect: 'postgresql' }[] = [
  {
    sql: "SELECT o.id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'a@example.com' ORDER BY o.id DESC LIMIT 20",
    dialect: 'postgresql',
  },
  { sql: 'DELETE FROM sessions WHERE user_id = $1', dialect: 'postgresql' },
];

/** Plain scripts (`check --shell`, host hooks): read without tree-sitter (analyze/shell/plain-tree.ts). */
const SCRIPTS: readonly string[] = [
  'git status --short && npm test -- --watch=false 2>&1 | tail -n 40',
  'ls -la src; cat package.json | grep \'"version"\' > /dev/null',
  'rm -rf dist || echo failed',
];

const NO_SIGNER: Signer = {
  keyId: 'SHA256:warm-up',
  publicKeyPem: '',
  sign: () => new Uint8Array(64),
};

/** commander's parsing, on a throwaway tree shaped like ours (the real one is parsed once, at run time). */
function parseOnce(): void {
  const program = new Command('warm-up').enablePositionalOptions().exitOverride();
  program
    .command('exec')
    .argument('[command...]')
    .option('--shell <script>')
    .option('--policy <name>')
    .option('--json')
    .passThroughOptions()
    .action(() => {});
  program.parse(['exec', '--policy', 'safe_defaults', '--json', '--', 'git', 'status'], { from: 'user' });
}

/** Runs the hot path on made-up input; `catalogue`: the bytes of dist/catalogue.data (no file may be opened). */
export async function warmUp(catalogue: Uint8Array): Promise<void> {
  parseOnce();
  configProblems({ policy: 'safe_defaults', agent: 'claude-code' }, 'user');
  const release = useCatalogueBytes(catalogue);
  try {
    const home = '/seatbelt-snapshot/home';
    const ctx: AnalyzeContext = {
      cwd: '/seatbelt-snapshot/work',
      home,
      projectRoot: '/seatbelt-snapshot/work',
      guard: { paths: [{ path: `${home}/.seatbelt`, kind: 'seatbelt_home' }] },
      readFile: () => ({ refused: 'missing', reason: 'no file is read while the snapshot is made' }),
    };
    const policy = loadPolicy('safe_defaults');
    const time = new Date(0);
    const actor = { user: 'warm-up', host: 'warm-up', cwd: ctx.cwd, pid: 1 };
    const actions: Action[] = [
      ...COMMANDS.map((argv): Action => ({ kind: 'argv', argv })),
      ...SCRIPTS.map((script): Action => ({ kind: 'shell', script })),
      ...QUERIES.map(({ sql, dialect }): Action => ({ kind: 'sql', sql, dialect })),
    ];
    for (const action of actions) {
      const decision = await decide(action, { analyzer: defaultAnalyzer, policy, ctx });
      decisionJson(decision);
      if (decision.decision !== 'allow') refusalText(decision);
      const eventId = '00000000-0000-7000-8000-000000000000';
      const body = decisionBody({ eventId, time, action, decision, actor, recordInput: false });
      const sealed = sealRecord(body as Record<string, unknown>, { seq: 0, prevHash: GENESIS_HASH }, NO_SIGNER);
      const outcome = outcomeBody({ eventId, time, decisionEventId: eventId, exitCode: 0, signal: null, durationMs: 1 });
      sealRecord(outcome as Record<string, unknown>, { seq: 1, prevHash: sealed.record.hash }, NO_SIGNER);
    }
  } finally {
    release();
  }
}
