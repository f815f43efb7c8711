// Does one simple command satisfy one command allow rule? Written against the IR: the command name
// after unwrapping, its words after quote removal, the wrappers peeled off, its assignments and
// redirections. Returns null when it does, else one line saying why not.
import type { Redirect, SimpleCommand, Word } from '../../core/ir.js';
import type { CommandAllowRule } from './role.js';
import { isAllowed, isForbidden, readArgs } from './args.js';
import { isUrl, pathInside, resolveWordPath, urlInside, type PathContext } from './paths.js';
import { valueOptionsFor } from '../value-options.js';

/** Wrappers that change neither who runs the command nor where: allowed unless a rule lists its own. */
export const DEFAULT_WRAPPERS: readonly string[] = [
  'env',
  'command',
  'builtin',
  'exec',
  'nice',
  'ionice',
  'timeout',
  'time',
  'stdbuf',
  'nohup',
  'setsid',
  'xargs',
  'parallel',
  'watch',
  'find',
  'busybox',
];
/** Assignment prefixes allowed unless a rule lists its own (`PATH=`, `LD_PRELOAD=`, `GIT_PAGER=` are not). */
export const DEFAULT_ENV: readonly string[] = [
  'LANG',
  'LANGUAGE',
  'LC_*',
  'TZ',
  'TERM',
  'NO_COLOR',
  'FORCE_COLOR',
  'COLUMNS',
  'LINES',
  'CI',
];

const SAFE_SINKS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/fd/1', '/dev/fd/2']);

export function commandNames(rule: CommandAllowRule): string[] {
  return typeof rule.command === 'string' ? [rule.command] : rule.command;
}

const globCache = new Map<string, RegExp>();

export function globMatch(pattern: string, s: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === s;
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      's',
    );
    globCache.set(pattern, re);
  }
  return re.test(s);
}

const show = (w: Word): string => JSON.stringify(w.raw);

const optionSets = new WeakMap<CommandAllowRule, WeakMap<SimpleCommand, ReadonlySet<string>>>();

/** The options of this command that take a value (its program's grammar, at the subcommands its words choose), and the rule's own. */
function valueOptionsOf(rule: CommandAllowRule, cmd: SimpleCommand): ReadonlySet<string> {
  let byCommand = optionSets.get(rule);
  if (!byCommand) optionSets.set(rule, (byCommand = new WeakMap()));
  let set = byCommand.get(cmd);
  if (!set) byCommand.set(cmd, (set = valueOptionsFor(cmd.name.value, rule.valueOptions, cmd.args)));
  return set;
}

export function matchCommandRule(rule: CommandAllowRule, cmd: SimpleCommand, ctx: PathContext | undefined): string | null {
  const wrappers = rule.wrappers ?? DEFAULT_WRAPPERS;
  for (const w of cmd.wrappers) {
    const name = (w.trim().split(/\s+/)[0] ?? '').split('/').pop() ?? '';
    if (!wrappers.includes(name)) return `it runs under "${w}", which the rule does not allow`;
  }
  const env = rule.env ?? DEFAULT_ENV;
  for (const a of cmd.assignments) {
    if (!env.some((p) => globMatch(p, a.name))) return `the assignment ${a.name}=… is not allowed`;
  }
  const args = readArgs(cmd.args, valueOptionsOf(rule, cmd));
  // Subcommands: the first positional words, each static, must follow one allowed path.
  let skip = 0;
  if (rule.subcommands) {
    const pos = args.positionals;
    const hit = rule.subcommands
      .map((s) => s.split(/\s+/))
      .find((pat) => pat.length <= pos.length && pat.every((p, i) => pos[i]!.static && globMatch(p, pos[i]!.value)));
    if (!hit) {
      const given =
        pos
          .slice(0, 2)
          .map((w) => w.raw)
          .join(' ') || '(none)';
      return `subcommand ${given} is not one of: ${rule.subcommands.join(', ')}`;
    }
    skip = hit.length;
  }
  const subWords = new Set(args.positionals.slice(0, skip));
  const forbid = rule.forbidFlags ?? [];
  for (const f of args.flags) {
    if (isForbidden(f, forbid)) return `flag ${show(f.word)} is forbidden`;
    if (rule.allowFlags && !isAllowed(f, rule.allowFlags)) return `flag ${show(f.word)} is not one the rule allows`;
  }
  // After `--` a word is an operand, but a tool may still read it as an option: forbid it anyway.
  for (const w of args.positionals) {
    if (
      w.value.startsWith('-') &&
      w.value !== '-' &&
      isForbidden({ word: w, name: w.value.split('=')[0]!, shorts: [], allShorts: [] }, forbid)
    ) {
      return `argument ${show(w)} spells a forbidden flag`;
    }
  }
  const constrained = !!(rule.paths || rule.allowFlags || rule.forbidFlags || rule.forbidArgs);
  const pathsOf = (w: Word): string | null => (ctx ? resolveWordPath(w, cmd.cwd, ctx.home) : null);
  for (const w of args.dynamic) {
    if (subWords.has(w)) continue; // already refused above: subcommands must be static
    const resolvable = args.positionals.includes(w) && !w.value.startsWith('-') && pathsOf(w) !== null;
    // `$HOME/x` names one known path, as `~/x` does; a glob names many, so only `paths` may judge it.
    if (resolvable && (rule.paths || !/[*?[]/.test(w.raw))) continue;
    if (!rule.dynamicArgs || constrained) return `argument ${show(w)} is dynamic and cannot be checked`;
  }
  if (cmd.fedByUnknownInput && (!rule.dynamicArgs || constrained)) {
    return 'its arguments come from unknown input (xargs, find -exec, …) and cannot be checked';
  }
  if (rule.forbidArgs) {
    for (const w of [...args.positionals.slice(skip), ...args.values]) {
      if (rule.forbidArgs.some((p) => globMatch(p, w.value))) return `argument ${show(w)} is forbidden`;
    }
  }
  if (rule.paths) {
    if (!ctx) return 'its path arguments cannot be checked without a working folder';
    for (const w of args.positionals.slice(skip)) {
      const why = checkPath(w, rule.paths, cmd, ctx);
      if (why) return why;
    }
  }
  if (rule.stdin === false) {
    if (cmd.pipeline && cmd.pipeline.stage > 0) return 'it reads its stdin from a pipe, which the rule does not allow';
    if (cmd.fedByUnknownInput) return 'it reads unknown input, which the rule does not allow';
  }
  for (const r of cmd.redirects) {
    const why = checkRedirect(r, rule, cmd, ctx);
    if (why) return why;
  }
  return null;
}

function checkPath(w: Word, paths: readonly string[], cmd: SimpleCommand, ctx: PathContext): string | null {
  if (w.value === '-') return null;
  if (w.static && isUrl(w.value)) return urlInside(w.value, paths) ? null : `${show(w)} is outside the allowed locations`;
  const abs = resolveWordPath(w, cmd.cwd, ctx.home);
  if (abs === null) return `the path ${show(w)} cannot be resolved statically`;
  return pathInside(abs, paths, ctx) ? null : `the path ${abs} is outside the allowed folders (${paths.join(', ')})`;
}

function checkRedirect(r: Redirect, rule: CommandAllowRule, cmd: SimpleCommand, ctx: PathContext | undefined): string | null {
  const op = r.op;
  const heredoc = op === '<<' || op === '<<-' || op === '<<<';
  if (heredoc) return rule.stdin === false ? `its stdin is fed by ${op}, which the rule does not allow` : null;
  const t = r.target;
  if ((op === '>&' || op === '<&') && t.static && /^(\d+-?|-)$/.test(t.value)) return null; // fd duplication
  const output = op.includes('>');
  if (output && t.static && SAFE_SINKS.has(t.value)) return null;
  if (output && !rule.outputRedirects) return `output redirection ${op} ${show(t)} is not allowed`;
  if (!output && rule.stdin === false && (r.fd === undefined || r.fd === '0')) return `input redirection ${op} ${show(t)} is not allowed`;
  if (!rule.paths) return null;
  if (!ctx) return 'its redirection cannot be checked without a working folder';
  return checkPath(t, rule.paths, cmd, ctx);
}
