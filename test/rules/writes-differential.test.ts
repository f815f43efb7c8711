// The read_only policy's question, commandWrites, held still while its knowledge moves into the
// catalogue: every shell case the repository holds (the corpus, every rule and catalogue example,
// the red-team and writes tests' strings) is analysed, and what commandWrites says of each simple
// command is compared with a committed snapshot (writes-differential.json). A change must be listed
// in CHANGED with its reason. UPDATE_WRITES_SNAPSHOT=1 rewrites the snapshot (only after such a
// review). Commands are keyed by name and arguments; where the IR now lists a script's commands
// differently (another room's work), the script's answer as a whole is compared instead.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellIrFromScript } from '../../src/analyze/shell/index.js';
import { commandWrites, SHELL_RULES } from '../../src/rules/shell/index.js';
import { catalogue } from '../../src/catalogue/index.js';
import type { SimpleCommand } from '../../src/core/ir.js';
import { ctx } from './shell/helpers.js';

const SNAPSHOT = path.join(__dirname, 'writes-differential.json');
const ROOT = path.join(__dirname, '..', '..');

/**
 * Intentional changes, each with its reason: the scripts matching `scripts` may answer otherwise than
 * the snapshot, and each entry must cover at least one script that does. The snapshot keeps the old
 * answers, so each change stays written down here.
 */
const CHANGED: { scripts: RegExp; reason: string; upcoming?: true }[] = [
  {
    scripts: /^\S+ -- --(help|version)$/,
    reason: 'after `--`, `--help` is an operand, not an option (`rm -- --help` removes a file of that name)',
  },
  {
    scripts:
      /^(bunzip2|bzip2|gunzip|gzip|unxz|xz|unzstd|zstd|crontab|fdisk|sfdisk|gdisk|sgdisk|parted|kill|unzip|wget|wget2|ssh-keygen)( x)? --(help|version)( x)?$/,
    reason: "--help and --version print and exit: the catalogue's harmless options (the old table skipped them for these programs)",
  },
  {
    scripts: /^(at|batch|npx|bunx|pnpx) x --help$|^(npx|bunx|pnpx) --(help|version)$/,
    reason: 'an option after the command a launcher runs belongs to that command, not to the launcher',
  },
  {
    scripts: /^(at|batch) -(c|l|lv|dc) ?(x|12)?$/,
    reason: 'at -l lists the queue and at -c prints a job: nothing is queued or removed (at -d and -r still write)',
  },
  {
    scripts: /^(crontab|kill|fdisk|sfdisk|gdisk|sgdisk|parted|ssh-add|ssh-keygen|gradle|gradlew|zip) -(lv|dc)( x)?$/,
    reason: 'a cluster of short options is read letter by letter: one of them only prints (-l lists), which the old table missed',
  },
  {
    scripts:
      /^(ssh-add -[lL]( x)?|ssh-keygen -L|ssh-keygen -lf .*|zip -[vL]|make -[nv]|gmake -v|mvn -v|gradlew? -v|rsync (--dry-run|-n) a b|iptables -C .*|nft -v|sudo nft -c .*|ssh-copy-id -n .*|\.\/gradlew publish --dry-run)$/,
    reason: "options that only print, list or rehearse (--dry-run, -n, -v, -l) are the specs' harmless options",
  },
  { scripts: /^etcdctl (get|endpoint health)/, reason: "etcdctl get and endpoint health read the cluster: the spec's read verbs" },
  {
    scripts:
      /^(docker|podman) (buildx|compose|container|context|image|manifest|network|system|volume) \S+( --check| --get-all| -l| -v)?$|^gh (checks|diff|list|view|watch)( .*)?$/,
    reason:
      'a subcommand the program does not have (docker image whoami, gh list) is not taken for a read because the old shared list of read words named it: an unknown subcommand changes something',
  },
  {
    scripts:
      /^(oc (adm top|auth|policy who-can|status|whoami)|podman (generate kube|machine list|pod ps)|kubectl (auth|config (view|current-context)|rollout status)|docker stack ls)( .*)?$/,
    reason: "read subcommands the program's spec names that the old per-program list of reads missed",
  },
  {
    scripts:
      /^((terraform|tofu) fmt --help|helm uninstall web --dry-run|kubectl apply --prune --dry-run=client .*|gh api --method=GET repos\/x)$/,
    reason: '--help and --dry-run change nothing; gh api --method=GET reads (the old check took --method=GET for a method that writes)',
  },
  {
    scripts:
      /^(npm|pnpm|yarn) (--version|-v)( .*)?$|^(npm|pnpm|yarn) config( --check| --get-all| --help| -l| -v)?$|^(npm|pnpm) (ci|publish|-r publish) --dry-run$|^npm (dist-tag ls|owner ls|token list) |^npm token list$|^yarn npm info /,
    reason:
      "--version, --dry-run and the specs' read subcommands (npm owner ls, npm token list, yarn npm info) change nothing; npm config alone prints its usage",
  },
  {
    scripts: /^(aws ec2 run-instances .* --dry-run|aws logs tail .*|az rest --url \S+|gcloud logging read .*|gsutil acl get .*)$/,
    reason: "the cloud specs' read verbs and --dry-run: tailing or reading logs, a GET through az rest, reading an ACL change nothing",
  },
  {
    scripts: /^(pg_dumpall .*-f \S+|python -m venv \S+)$/,
    reason: 'a file an option names for output (pg_dumpall -f) and a module that makes files (python -m venv) are writes',
    upcoming: true,
  },
  {
    scripts: /^ssh -o ProxyCommand=/,
    reason: 'the IR lists the command an ssh ProxyCommand runs on this machine, and judges what it writes',
    upcoming: true,
  },
  { scripts: /^mail -s /, reason: 'mail with recipients sends an email: the operations spec says it publishes, which read_only refuses' },
  {
    scripts:
      /^((cargo|poetry|uv) publish --dry-run|cargo owner --list \S+|cargo release minor|dotnet nuget list source|uv pip list|brew doctor|pacman -(Qi|Si|Ss) \S+)$/,
    reason:
      "the package managers' specs: a dry run, listing owners or sources, cargo release without --execute (it only shows), brew doctor (it checks) and pacman's queries (-Q, -Ss, -Si) change nothing",
  },
  {
    scripts: /^git config (alias\.st status|(--global )?--unset \S+)$/,
    reason:
      'git config KEY VALUE sets a setting whatever the value (the old check took the value `status` for a reading word), and --unset removes one (the old check counted only operands)',
  },
  {
    scripts: /^redis-cli( --version| --scan --pattern .*)?$/,
    reason:
      "redis-cli's spec: --version prints, --scan lists keys (the old check took --pattern's value for a command), and redis-cli alone runs no command (what its stdin feeds it is judged as its commands)",
  },
  { scripts: /^nohup -- /, reason: "the IR reads nohup's `--` now: the command it runs (rm) is listed and writes" },
  { scripts: /^\.\/mvnw /, reason: 'mvnw is Maven (one spec): it builds and writes like mvn' },
  {
    scripts: /^(hyperfine --export-json|lckdo |perf record .* -o |psql -f report\.sql -o |valgrind .*--log-file=)/,
    reason: 'an option or operand whose value is a path the program writes (an export, a lock file, a log) is a write',
  },
];

const listed = (script: string): boolean => CHANGED.some((c) => c.scripts.test(script));

/** Quoted string literals of a TypeScript test file (cases are written as literals there). */
function literalsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)) {
    const body = m[1] ?? m[2] ?? '';
    let value: string;
    try {
      value = JSON.parse(`"${body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"')}"`) as string;
    } catch {
      continue;
    }
    // Something that reads like a command line: a program name, then something.
    if (/^[A-Za-z_./~$(][^\n]*\s\S/.test(value) && value.length < 400) out.push(value);
  }
  return out;
}

function inputs(): string[] {
  const all = new Set<string>();
  for (const line of readFileSync(path.join(ROOT, 'test/corpus/shell.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { input?: unknown };
    if (typeof c.input === 'string') all.add(c.input);
  }
  for (const r of SHELL_RULES) for (const s of [...r.examples.block, ...r.examples.allow]) all.add(s);
  for (const s of catalogue()) for (const e of [...s.examples.block, ...s.examples.allow]) all.add(e);
  const files = [
    ...readdirSync(path.join(ROOT, 'test/redteam')).map((f) => `test/redteam/${f}`),
    'test/rules/shell/writes.test.ts',
    'test/rules/shell/operand-reading.test.ts',
    'test/policy/apply-matrix.test.ts',
  ];
  for (const f of files) if (f.endsWith('.ts')) for (const s of literalsOf(path.join(ROOT, f))) all.add(s);
  // The programs and subcommands the writes tables knew, with the options that turned a write into a read.
  for (const line of readFileSync(path.join(__dirname, 'writes-cases.txt'), 'utf8').split('\n'))
    if (line && !line.startsWith('#')) all.add(line);
  return [...all].sort();
}

/** A command's key: its name and arguments as the IR reads them. */
const keyOf = (c: SimpleCommand): string => [c.name.value, ...c.args.map((a) => a.value)].join(' ');

/** Script → command key (`.` when the command is the whole script) → 1 when it writes, else 0. */
type Snapshot = Record<string, Record<string, 0 | 1>>;

async function current(scripts: string[]): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const s of scripts) {
    const ir = await shellIrFromScript(s, ctx);
    const per: Record<string, 0 | 1> = {};
    for (const c of ir.commands) {
      const k = keyOf(c) === s ? '.' : keyOf(c);
      per[k] = per[k] || commandWrites(c) ? 1 : 0;
    }
    out[s] = per;
  }
  return out;
}

describe('commandWrites: no change of behaviour against the snapshot', () => {
  it('every command of every case answers as recorded', { timeout: 300_000 }, async () => {
    const scripts = inputs();
    expect(scripts.length).toBeGreaterThan(12000);
    const now = await current(scripts);
    if (process.env['UPDATE_WRITES_SNAPSHOT'] === '1') {
      writeFileSync(SNAPSHOT, JSON.stringify(now, null, 2) + '\n');
      return;
    }
    expect(existsSync(SNAPSHOT), 'run with UPDATE_WRITES_SNAPSHOT=1 once to record the snapshot').toBe(true);
    const before = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot;
    const diffs: string[] = [];
    const moved: string[] = [];
    let compared = 0;
    const any = (x: Record<string, 0 | 1>): 0 | 1 => (Object.values(x).some((v) => v === 1) ? 1 : 0);
    for (const [script, was] of Object.entries(before)) {
      const is = now[script];
      if (!is) continue; // a case removed from the repository
      const found: string[] = [];
      if (Object.keys(was).sort().join('\n') !== Object.keys(is).sort().join('\n')) {
        // The IR lists this script's commands differently now (a launcher's command listed on its own):
        // the script as a whole must answer as before.
        compared++;
        if (any(is) !== any(was)) found.push(`${JSON.stringify(script)}: was ${any(was)}, now ${any(is)}`);
      } else
        for (const [key, w] of Object.entries(was)) {
          compared++;
          if (is[key] !== w) found.push(`${JSON.stringify(script)} [${key}]: was ${w}, now ${is[key]}`);
        }
      if (!found.length) continue;
      if (listed(script)) moved.push(script);
      else diffs.push(...found);
    }
    expect(compared).toBeGreaterThan(14000);
    expect(diffs).toEqual([]);
    // Each listed change still covers a case that changed, so the list cannot grow stale (`upcoming`:
    // a change another piece of work in flight brings, listed ahead of it).
    for (const c of CHANGED.filter((x) => !x.upcoming))
      expect(
        moved.some((s) => c.scripts.test(s)),
        c.reason,
      ).toBe(true);
  });
});
