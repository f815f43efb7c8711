// Programs that run another program given in their arguments but that the IR builder does not
// unwrap: `runuser -u` and project runners (`npx`, `npm exec --`, `pnpm dlx`, `bundle exec`,
// `dotenv --`, …). The rules judge the program they launch as well, so `npx rimraf /` is judged as
// `rimraf /`. Tracers, sandboxes, privilege and environment launchers (`strace`, `firejail`,
// `pkexec`, `mise exec`, …) are catalogue specs, which the IR follows itself; the rules follow
// them here too (catalogueLaunched), so chains of both kinds count towards one bound.
// hidden-commands.ts turns what they launch into commands the rules judge.
import type { Assignment, SimpleCommand, Word } from '../../core/ir.js';
import { specFor } from '../../catalogue/index.js';
import { readInvocation } from '../../catalogue/read.js';
import { actionsFor } from '../../analyze/shell/programs.js';
import { parseOptions, type OptionSpec } from './options.js';
import { nameOf } from './programs.js';

interface Launcher {
  spec: OptionSpec;
  /** Operands before the command (a priority, a user, a profile, a folder). */
  skip?: number;
  /** Only these first operands launch a program (`npm exec`, `bundle exec`), then dropped. */
  verbs?: string[];
  /** Options that mean "no program is launched" (attach to a pid, list, help). */
  self?: string[];
  /** Options whose value is a shell script the launcher runs. */
  script?: string[];
  /** The operand at this index (after `skip`) is a shell script (`sg group 'cmd'`). */
  scriptOperand?: number;
}

const L = (spec: OptionSpec, extra: Omit<Launcher, 'spec'> = {}): Launcher => ({ spec: { stopAtOperand: true, ...spec }, ...extra });

const ANY: Launcher = L({});

const LAUNCHERS: Record<string, Launcher> = {
  runuser: L({ shortValue: 'ugGswc', longValue: ['user', 'group', 'supp-group', 'shell', 'whitelist-environment', 'command'] }),
  // Project and environment runners.
  npx: L({ shortValue: 'pc', longValue: ['package', 'call', 'cache', 'userconfig', 'registry'] }, { script: ['c', 'call'] }),
  bunx: L({ shortValue: 'p', longValue: ['package', 'bun'] }),
  pnpx: L({ longValue: ['package'] }),
  npm: L({ shortValue: 'cw', longValue: ['package', 'call', 'workspace', 'prefix'] }, { verbs: ['exec', 'x'], script: ['c', 'call'] }),
  pnpm: L({ shortValue: 'C', longValue: ['filter', 'dir', 'package'] }, { verbs: ['exec', 'dlx', 'x'], script: ['c', 'shell-mode'] }),
  yarn: L({ longValue: ['cwd', 'package'] }, { verbs: ['exec', 'dlx'] }),
  bun: L({ shortValue: 'p', longValue: ['package', 'cwd'] }, { verbs: ['x'] }),
  bundle: L({ longValue: ['gemfile'] }, { verbs: ['exec'] }),
  poetry: L({ shortValue: 'CP', longValue: ['directory', 'project'] }, { verbs: ['run'] }),
  pipenv: L({}, { verbs: ['run'] }),
  pdm: L({ shortValue: 'p', longValue: ['project'] }, { verbs: ['run'] }),
  hatch: L({ shortValue: 'e', longValue: ['env'] }, { verbs: ['run'] }),
  // uv run / uv tool run / uvx: followed by the IR itself (src/analyze/shell/project-runners.ts).
  pipx: L({ longValue: ['spec', 'python', 'pip-args'] }, { verbs: ['run'] }),
  conda: L({ shortValue: 'np', longValue: ['name', 'prefix', 'cwd'] }, { verbs: ['run'] }),
  mamba: L({ shortValue: 'np', longValue: ['name', 'prefix', 'cwd'] }, { verbs: ['run'] }),
  micromamba: L({ shortValue: 'np', longValue: ['name', 'prefix', 'cwd'] }, { verbs: ['run'] }),
  dotenv: L({ shortValue: 'ecv', longValue: [] }),
  'env-cmd': L({ shortValue: 'fre', longValue: ['file', 'environments', 'rc-file'] }),
  'cross-env': ANY,
  doppler: L({ shortValue: 'pc', longValue: ['project', 'config', 'token', 'name-transformer', 'mount'] }, { verbs: ['run'] }),
  op: L({ longValue: ['env-file', 'account'] }, { verbs: ['run'] }),
  infisical: L({ longValue: ['env', 'path', 'projectId', 'token'] }, { verbs: ['run'] }),
  'aws-vault': L({ shortValue: 'd', longValue: ['duration', 'region', 'mfa-token'] }, { verbs: ['exec'], skip: 1 }),
};

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export interface Launched {
  /** The words of the program the launcher runs (name first), with its leading assignments. */
  words?: Word[];
  assignments?: Assignment[];
  /** A shell script handed to the launcher (`npx -c '…'`), which the rules cannot read. */
  script?: Word;
  /** A catalogue launcher's command: the IR follows it too (when it reads the launcher itself). */
  followedByIr?: boolean;
}

/**
 * The command a program the catalogue knows runs in place (`xvfb-run …`, `strace -f …`), as the IR
 * runs it; undefined when it runs none, its arguments cannot be read (the IR blocks those), or it
 * runs it elsewhere (a container, another host: their own modules say so).
 */
export function catalogueLaunched(name: string, args: readonly Word[]): Word[] | undefined {
  const spec = specFor(name);
  if (!spec) return undefined;
  const inv = readInvocation(spec, args);
  const words = inv.undecidable ? undefined : inv.commands[0];
  if (!words?.length) return undefined;
  const same = (ws: Word[]) => ws.length === words.length && ws.every((w, i) => w.value === words[i]!.value);
  return actionsFor(name, [...args], '').some((a) => a.kind === 'spawn' && a.where !== 'unknown' && same(a.words)) ? words : undefined;
}

/** What a launcher runs, or undefined when the command is not a launcher (or launches nothing). */
export function launched(cmd: SimpleCommand): Launched | undefined {
  const n = nameOf(cmd);
  const l = Object.hasOwn(LAUNCHERS, n) ? LAUNCHERS[n] : undefined;
  if (!cmd.name.static) return undefined;
  if (!l) {
    const words = catalogueLaunched(n, cmd.args);
    return words?.length ? { words, assignments: [], followedByIr: true } : undefined;
  }
  let args = cmd.args;
  if (l.verbs) {
    // `npm exec …`: global options may come first; the verb is the first operand.
    const at = args.findIndex((w) => !w.value.startsWith('-'));
    if (at < 0 || !l.verbs.includes(args[at]!.value)) return undefined;
    args = [...args.slice(0, at), ...args.slice(at + 1)];
  }
  const p = parseOptions(args, l.spec);
  for (const name of l.script ?? []) {
    const v = p.opts.get(name)?.find((x): x is string => x !== true);
    if (v !== undefined) return { script: args.find((w) => w.value === v || w.value.endsWith(v)) ?? { value: v, static: true, raw: v } };
  }
  if (l.self?.some((o) => p.opts.has(o))) return undefined;
  // `runuser user -c '…'` is a nested script the IR reads; only `runuser -u user cmd` launches here.
  if (n === 'runuser' && !p.opts.has('u') && !p.opts.has('user')) return undefined;
  if (l.scriptOperand !== undefined) {
    const w = p.operands[l.scriptOperand];
    return w ? { script: w } : undefined;
  }
  let ops = p.operands.slice(l.skip ?? 0);
  // `mise x node@20 -- node -v`: the tools come before `--`.
  const dd = ops.findIndex((w) => w.static && w.value === '--');
  if (dd >= 0 && (dd === 0 || n === 'mise')) ops = ops.slice(dd + 1);
  const assignments: Assignment[] = [];
  while (ops.length && ops[0]!.static && ASSIGNMENT.test(ops[0]!.value)) {
    const w = ops.shift()!;
    const eq = w.value.indexOf('=');
    assignments.push({ name: w.value.slice(0, eq), value: { value: w.value.slice(eq + 1), static: true, raw: w.raw } });
  }
  return ops.length ? { words: ops, assignments } : undefined;
}
