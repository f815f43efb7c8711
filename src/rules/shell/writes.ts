// Does a command change anything — files, a repository, packages, services, processes, cluster
// or cloud state? The read_only policy blocks what does. Unknown programs with a known read-only
// reading (`ls`, `cat`, `git log`) do not write; programs that run unknown code do.
import type { SimpleCommand } from '../../core/ir.js';
import { outputRedirects } from './links.js';
import { has, parseOptions, values } from './options.js';
import { nameOf, programSource } from './programs.js';
import { CURL_OPTS } from './targets.js';
import { gitCall, gitGrammar, gitOptions } from './git-call.js';
import { GIT_SPEC } from '../../catalogue/specs/core-tools.js';
import { hiddenCommandsOf } from './hidden-commands.js';
import { effectsOf } from './catalogue.js';
import { codeWrites } from './code-writes.js';

const HARMLESS_OUTPUT = /^\/dev\/(null|stdout|stderr|tty|fd\/[0-9]+)$/;

/**
 * Shell builtins that run what they are given (`eval`, `source`, `.`, `exec` with nothing to peel):
 * they are the shell's, not programs the catalogue describes.
 */
const RUNS_GIVEN_CODE = new Set(['exec', 'eval', 'source', '.']);

/** Read-only subcommands; any other subcommand of these programs writes. */
const READ_SUBCOMMANDS: Record<string, Set<string>> = {
  git: new Set([
    'status',
    'log',
    'diff',
    'show',
    'blame',
    'annotate',
    'grep',
    'ls-files',
    'ls-tree',
    'ls-remote',
    'rev-parse',
    'rev-list',
    'describe',
    'shortlog',
    'cat-file',
    'help',
    'version',
    'whatchanged',
    'name-rev',
    'merge-base',
    'for-each-ref',
    'count-objects',
    'check-ignore',
    'check-attr',
    'show-ref',
    'show-branch',
    'verify-commit',
    'verify-tag',
    'fsck',
    'var',
    'cherry',
    'range-diff',
    'diff-tree',
    'diff-files',
    'diff-index',
    'grep',
    'instaweb',
  ]),
};

/** Second-level read verbs (`docker image ls`, `git stash list`, `terraform state list`). */
const READ_VERBS = new Set([
  'ls',
  'list',
  'show',
  'inspect',
  'get',
  'view',
  'status',
  'history',
  'logs',
  'ps',
  'config',
  'top',
  'diff',
  'images',
  'version',
  'current-context',
  'get-contexts',
  'can-i',
  'whoami',
  'pull-request',
  'df',
  'info',
  'events',
  'port',
  '-v',
  '--verbose',
  'get-url',
  '-l',
  '--list',
  '--get',
  '--get-all',
  '--get-regexp',
  '-check',
  '--check',
]);

function subcommandWrites(cmd: SimpleCommand, n: string): boolean {
  if (n === 'git') {
    const g = gitCall(cmd);
    if (!g) return false;
    const reads = READ_SUBCOMMANDS['git']!;
    if (reads.has(g.sub)) return false;
    // The first operand after the subcommand's options (their values left out where git's spec has its grammar).
    const sub2 = (
      Object.hasOwn(GIT_SPEC.subcommands ?? {}, g.sub)
        ? gitOptions(g, gitGrammar(g.sub)).operands
        : g.args.filter((w) => !w.value.startsWith('-'))
    )[0]?.value;
    const flags = g.args.map((w) => w.value);
    switch (g.sub) {
      // The options given, read with git's grammar (an option's value is not an option: `--sort -committerdate`).
      case 'branch': {
        const p = gitOptions(g, gitGrammar('branch'));
        if (
          has(
            p,
            'd',
            'D',
            'm',
            'M',
            'c',
            'C',
            'f',
            'u',
            'delete',
            'move',
            'copy',
            'force',
            'set-upstream-to',
            'set-upstream',
            'unset-upstream',
            'edit-description',
          )
        )
          return true;
        return (
          sub2 !== undefined &&
          !has(
            p,
            'l',
            'list',
            'a',
            'all',
            'r',
            'remotes',
            'v',
            'verbose',
            'contains',
            'no-contains',
            'merged',
            'no-merged',
            'points-at',
            'show-current',
          )
        );
      }
      case 'tag': {
        const p = gitOptions(g, gitGrammar('tag'));
        if (has(p, 'd', 'f', 'delete', 'force')) return true;
        return (
          sub2 !== undefined && !has(p, 'l', 'list', 'n', 'contains', 'no-contains', 'merged', 'no-merged', 'points-at', 'v', 'verify')
        );
      }
      case 'stash':
        return !['list', 'show'].includes(sub2 ?? 'push');
      case 'remote':
        return sub2 !== undefined && !['show', 'get-url'].includes(sub2);
      case 'config':
        return !flags.some((f) => READ_VERBS.has(f)) && g.args.filter((w) => !w.value.startsWith('-')).length >= 2;
      case 'reflog':
        return ['expire', 'delete'].includes(sub2 ?? '');
      case 'worktree':
      case 'submodule':
      case 'notes':
      case 'sparse-checkout':
      case 'bisect':
      case 'lfs':
        return sub2 !== undefined && !['list', 'status', 'show', 'log', 'ls-files', 'env', 'version'].includes(sub2);
      default:
        return true;
    }
  }
  if (n === 'redis-cli') {
    const op = parseOptions(cmd.args, { shortValue: 'hpsaunrideDt', stopAtOperand: true }).operands[0]?.value.toLowerCase();
    return op === undefined
      ? !cmd.args.some((w) => /^--(scan|bigkeys|memkeys|stat|latency)/.test(w.value))
      : !/^(get|mget|keys|scan|info|ping|ttl|pttl|type|exists|strlen|hget|hgetall|hkeys|hvals|hlen|hexists|lrange|llen|lindex|smembers|scard|sismember|zrange|zcard|zscore|zrangebyscore|dbsize|time|echo|memory|object|client|config|slowlog|xrange|xlen|xinfo|pubsub|monitor|lastsave|role)$/.test(
          op,
        );
  }
  if (n === 'mongo' || n === 'mongosh') {
    const evals =
      cmd.args
        .filter((_, i) => cmd.args[i - 1]?.value === '--eval')
        .map((w) => w.value)
        .join(' ') +
      cmd.args
        .filter((w) => w.value.startsWith('--eval='))
        .map((w) => w.value)
        .join(' ');
    if (cmd.args.some((w) => /^--(version|help)$/.test(w.value))) return false;
    return (
      evals === '' ||
      /\.(insert|update|delete|drop|remove|create|rename|replace|bulkWrite|findOneAnd|save)\w*\s*\(|dropDatabase|createCollection|createIndex/.test(
        evals,
      )
    );
  }
  if (n === 'awk' || n === 'gawk')
    return cmd.args.some((w) => /inplace/.test(w.value)) || cmd.args.some((w) => /system\s*\(|>\s*"|print\s*>/.test(w.value));
  return false;
}

/** True when the command may change files, repositories, packages, services or remote state. */
export function commandWrites(cmd: SimpleCommand): boolean {
  if (!cmd.name.static) return true;
  // What a launcher (`strace rm x`, `npx rimraf dist`) runs writes if it writes.
  if (hiddenCommandsOf(cmd).some((c) => c.name.value !== nameOf(cmd) && commandWrites(c))) return true;
  if (outputRedirects(cmd).some((r) => !HARMLESS_OUTPUT.test(r.target.value))) return true;
  const n = nameOf(cmd);
  if (RUNS_GIVEN_CODE.has(n)) return !cmd.args.some((w) => w.value === '--version' || w.value === '--help');
  if (n === 'find') return cmd.args.some((w) => /^-(delete|fprint0?|fprintf|fls)$/.test(w.value));
  if (invocationWrites(cmd)) return true;
  const src = programSource(cmd);
  if (src && !['source', '.', 'eval'].includes(n)) {
    if (cmd.args.length === 1 && /^(--?version|-V|--help|-h)$/.test(cmd.args[0]!.value)) return false;
    // A script file or stdin runs unknown code; inline code is judged by what it calls.
    if (src.file || src.fromStdin) return true;
    return src.inline.some((w) => !w.static || codeWrites(cmd, w.value));
  }
  return subcommandWrites(cmd, n);
}

/**
 * What the catalogue reads in the command changes something: a verb with an effect other than `read`,
 * or a path it writes, deletes or makes (`tee out`, `sort -o out`, `wget -O page`); none when a harmless
 * option is given (`--help`).
 */
function invocationWrites(cmd: SimpleCommand): boolean {
  const inv = cmd.invocation;
  if (!inv || inv.harmless) return false;
  if (effectsOf(inv).some((e) => e !== 'read')) return true;
  return inv.roles.some(
    (r) => r.role.kind === 'path' && r.role.access !== 'read' && r.word.value !== '-' && !HARMLESS_OUTPUT.test(r.word.value),
  );
}
