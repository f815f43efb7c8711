// What a recursive delete takes: the targets of `rm -r`, `rimraf`, `rsync --delete` (and of the
// `rm -rf` commands derived from interpreter code), with input-fed operands judged through where
// the input comes from (`find … -exec rm -rf {} +`, `find … | xargs rm -rf`, `parallel rm ::: …`).
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { earlierStages } from './links.js';
import { homeOf, protectedKind, resolveTargets, type Protected, type Target } from './paths.js';
import { nameOf } from './programs.js';
import { removal } from './targets.js';
import { findCall } from './find.js';
import { memoByCommand } from './memo.js';

export interface RecursiveDelete {
  /** False when recursion only hides in a dynamic option word (`rm $FLAGS x`). */
  sure: boolean;
  targets: Target[];
  /** Operands come from input we cannot bound (`ls | xargs rm -rf`). */
  unbounded: boolean;
}

/** The targets of a recursive delete; undefined when the command is none. */
export const recursiveTargets = memoByCommand((cmd: SimpleCommand, ir: ShellIr): RecursiveDelete | undefined => {
  const r = removal(cmd);
  if (!r || !(r.recursive || r.maybeRecursive)) return undefined;
  // `{}` of `find -exec` / `xargs -I{}` stands for input: judged through where the input comes from.
  const placeholders = r.targets.filter((w) => isPlaceholder(w, cmd));
  const words = r.targets.filter((w) => !placeholders.includes(w));
  // `parallel rm -rf ::: a b`: the input is written out, so it is judged as the targets it is.
  const given = parallelInputs(cmd, ir);
  if (given) words.push(...given);
  const targets = words.flatMap((w) => resolveTargets(w, cmd, ir));
  const fromInput = !given && (r.unknownOperands || placeholders.length > 0);
  const unbounded = fromInput && !fedByBoundedFind(cmd, ir);
  return { sure: r.recursive, targets, unbounded };
});

const PARALLEL_SOURCES = new Set([':::', ':::+', '::::', '::::+']);

/** The arguments GNU parallel feeds its command from `:::` lists; undefined when any come from stdin or a file. */
function parallelInputs(cmd: SimpleCommand, ir: ShellIr): Word[] | undefined {
  const parent = cmd.parentId !== undefined ? ir.commands[cmd.parentId] : undefined;
  if (
    !parent ||
    !cmd.fedByUnknownInput ||
    nameOf(parent) !== 'parallel' ||
    !cmd.context.some((c) => c.kind === 'nested_script' && c.detail === 'parallel')
  )
    return undefined;
  const at = parent.args.findIndex((w) => w.static && PARALLEL_SOURCES.has(w.value));
  if (at < 0) return undefined;
  const inputs: Word[] = [];
  let source = '';
  for (const w of parent.args.slice(at)) {
    if (w.static && PARALLEL_SOURCES.has(w.value)) source = w.value;
    else if (source.startsWith('::::'))
      return undefined; // input read from files
    else inputs.push(w);
  }
  return inputs;
}

function isPlaceholder(w: Word, cmd: SimpleCommand): boolean {
  return !!cmd.fedByUnknownInput && !w.static && !w.glob && !/[$`]/.test(w.value);
}

/** `find <safe roots> … -exec rm -rf {} +` or `find … | xargs rm -rf`: the names come from under roots we judged. */
function fedByBoundedFind(cmd: SimpleCommand, ir: ShellIr): boolean {
  const parent = cmd.parentId !== undefined ? ir.commands[cmd.parentId] : undefined;
  const finds =
    parent && nameOf(parent) === 'find' && cmd.wrappers.includes('find')
      ? [parent]
      : earlierStages(cmd, ir).filter((c) => nameOf(c) === 'find');
  return finds.length > 0 && finds.every((f) => findCall(f, ir).roots.every((t) => t.kind !== 'unknown' && rootKind(t, ir) === null));
}

/** What deleting everything below a find root destroys, if it matters. */
export function rootKind(t: Target, ir: ShellIr): Protected | null {
  return protectedKind(t.kind === 'path' ? { kind: 'glob', base: t.path, pattern: '*' } : t, homeOf(ir));
}
