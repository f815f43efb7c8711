// Commands the IR does not list but that run all the same: what a launcher starts (launchers.ts),
// the deletes, moves and writes interpreter code makes itself (interpreter-files.ts), and the words
// brace expansion makes. Every rule judges them like the IR's own, with the outer command's text as
// evidence; code reached this way that a rule cannot read (a script, SQL, a nested program) is
// reported by unreadCode and blocks as remote_code.embedded_command.
import type { SimpleCommand, Word } from '../../core/ir.js';
import { peelWrappers } from '../../analyze/shell/unwrap.js';
import { WRAPPERS } from '../../analyze/shell/wrappers.js';
import { actionsFor } from '../../analyze/shell/programs.js';
import { shellCallsIn } from '../../analyze/shell/interpreter-code.js';
import { nameOf } from './programs.js';
import { memoByCommand } from './memo.js';
import { interpreterFileOps } from './interpreter-files.js';
import { expandBraces } from './paths.js';
import { catalogueLaunched, launched } from './launchers.js';
import { isCodeVariable } from '../../analyze/shell/code-variables.js';
import { withInvocation } from '../../analyze/shell/invocation.js';

const synthetic = new WeakMap<SimpleCommand, string | undefined>();

/**
 * Why a derived command runs code the rules cannot read (a shell script, a nested command, SQL,
 * interpreter code that calls a shell, a wrapper option we do not know), or undefined.
 */
export function unreadCode(cmd: SimpleCommand): string | undefined {
  return synthetic.get(cmd);
}

function unreadIn(name: Word, args: Word[], text: string): string | undefined {
  if (!name.static) return 'a dynamic command name';
  // The command a catalogue launcher runs is followed by the chain (hiddenCommandsOf).
  const followed = catalogueLaunched(name.value, args);
  const isFollowed = (words: Word[]) =>
    !!followed && words.length === followed.length && words.every((w, i) => w.value === followed[i]!.value);
  for (const a of actionsFor(name.value, args, text)) {
    if (a.kind === 'code') {
      const calls = shellCallsIn(a.language, a.code.value);
      if (!a.code.static || calls.scripts.length || calls.argvs.length || calls.problems.length)
        return `${a.detail} code that runs other programs`;
    } else if (a.kind === 'spawn' && (a.label === 'find' || isFollowed(a.words))) continue;
    else if (a.kind !== 'stdin-code') return `${name.value}: ${a.kind === 'undecidable' ? a.found.reason : a.kind}`;
  }
  return undefined;
}

/** Most launchers followed inside one another (`strace strace … rm`). */
export const MAX_LAUNCHERS = 16;

const beyond = new WeakMap<SimpleCommand, string>();

/**
 * Set on the derived command where the launchers ran past MAX_LAUNCHERS: what it launches was not
 * followed, so the evaluation reports a limit (fail closed) instead of judging only the outer part.
 */
export function launcherLimit(cmd: SimpleCommand): string | undefined {
  return beyond.get(cmd);
}

/**
 * Commands a command runs that the IR does not list: what a launcher starts (with the IR's own
 * wrappers peeled off it, `npx sudo rm …` → `rm`), and the deletes and writes its interpreter code
 * makes itself. They keep the outer command's text (evidence), context and pipeline position.
 */
export function hiddenCommandsOf(cmd: SimpleCommand): SimpleCommand[] {
  const known = tails.get(cmd);
  if (known) return known;
  const out: SimpleCommand[] = [];
  // `mv /etc/passwd{,.bak}` is `mv /etc/passwd /etc/passwd.bak`: judge the words the shell makes.
  const braced = withBracesExpanded(cmd);
  if (braced) out.push(derived(braced, undefined));
  /** Each launched command, and where what it runs in turn starts in `out`. */
  const chain: { cmd: SimpleCommand; from: number }[] = [];
  let cur: SimpleCommand | undefined = cmd;
  // The launchers the IR followed to reach this command (`strace xvfb-run npx …`) count too.
  const around = cmd.wrappers.filter((w) => !Object.hasOwn(WRAPPERS, w)).length;
  for (let depth = around; cur; depth++) {
    out.push(...interpreterFileOps(cur).map((c) => derived(c, undefined)));
    const l = launched(cur);
    if (!l) break;
    // A catalogue launcher in the IR: the IR runs what it launches itself, and lists it.
    if (cur === cmd && l.followedByIr && !synthetic.has(cmd)) break;
    if (depth >= MAX_LAUNCHERS) {
      const last = derived({ ...cur }, undefined);
      beyond.set(
        last,
        `more than ${MAX_LAUNCHERS} launchers inside one another (${nameOf(cur)} …): what the innermost runs was not followed`,
      );
      tails.set(last, []);
      out.push(last);
      break;
    }
    if (l.script) {
      out.push(
        derived(
          withInvocation({ ...cur, name: { value: nameOf(cur), static: true, raw: nameOf(cur) }, args: [] }),
          `a script given to ${nameOf(cur)}`,
        ),
      );
      break;
    }
    const inv = peelWrappers(l.words!, cmd.text);
    const cwd =
      inv.cwd === undefined ? cur.cwd : inv.cwd !== null && inv.cwd.static && inv.cwd.value.startsWith('/') ? inv.cwd.value : null;
    const next: SimpleCommand = withInvocation({
      ...cur,
      name: inv.name,
      args: inv.args,
      assignments: [...cur.assignments, ...(l.assignments ?? []), ...inv.assignments],
      wrappers: [...cur.wrappers, nameOf(cur), ...inv.wrappers],
      cwd,
      ...(cur.fedByUnknownInput || inv.fed ? { fedByUnknownInput: true } : {}),
    });
    // `cross-env BASH_ENV=… make`: code a later shell runs (prompt strings, BASH_ENV, imported functions).
    const code = [...(l.assignments ?? []), ...inv.assignments].find((a) => isCodeVariable(a.name));
    const unread =
      inv.undecidable[0]?.reason ??
      (code ? `${code.name} set for ${inv.name.value} holds code a shell runs` : undefined) ??
      unreadIn(inv.name, inv.args, cmd.text);
    out.push(derived(next, unread));
    chain.push({ cmd: next, from: out.length });
    cur = next;
  }
  // What a launched command runs is the rest of this chain: asking again (commandWrites does, for
  // each) must not start a new chain per level, which would cost 2^depth.
  for (const { cmd: c, from } of chain) {
    const b = withBracesExpanded(c);
    tails.set(c, [...(b ? [derived(b, undefined)] : []), ...out.slice(from)]);
  }
  return out;
}

const tails = new WeakMap<SimpleCommand, SimpleCommand[]>();

/** hiddenCommandsOf, computed once per command per evaluation (derived commands keep their identity). */
export const hiddenCommands = memoByCommand((cmd: SimpleCommand) => hiddenCommandsOf(cmd));

function withBracesExpanded(cmd: SimpleCommand): SimpleCommand | undefined {
  if (!cmd.args.some((w) => w.glob && /\{[^{}]*,[^{}]*\}/.test(w.value))) return undefined;
  const args = cmd.args.flatMap((w) => {
    if (!w.glob || !/\{[^{}]*,[^{}]*\}/.test(w.value)) return [w];
    return expandBraces(w).map((value) => ({
      value,
      static: !/[*?[$`]/.test(value),
      raw: w.raw,
      ...(/[*?[]/.test(value) ? { glob: true } : {}),
    }));
  });
  return withInvocation({ ...cmd, args });
}

function derived(c: SimpleCommand, unread: string | undefined): SimpleCommand {
  synthetic.set(c, unread);
  return c;
}
