// `find` read as find reads itself: global options, then starting points, then an expression
// whose actions may delete (`-delete`, `-exec rm …`, `-execdir sudo shred …`, `-ok unlink …`).
// The words of an `-exec` belong to the program it runs (`-exec echo -delete ;` deletes nothing),
// and that program is found under its wrappers (`-exec env rm`, `-exec sudo rm`). What find
// prints into a deleter (`find … | xargs rm -rf`) is deleted as surely as by `-delete`.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { peelWrappers } from '../../analyze/shell/unwrap.js';
import { resolveTargets, type Target } from './paths.js';
import { nameOf } from './programs.js';
import { appendsInput, removal } from './targets.js';
import { withInvocation } from '../../analyze/shell/invocation.js';

const DELETERS = new Set(['rm', 'srm', 'unlink', 'shred', 'rmdir']);
const EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

export interface FindCall {
  roots: Target[];
  deletes: boolean;
  /** The expression selects by name, path, age, size, owner…: not everything below the roots. */
  filtered: boolean;
}

const FILTERS =
  /^-(i?name|i?path|i?wholename|i?regex|i?lname|newer\w*|[acm](time|min)|size|empty|user|uid|group|gid|nouser|nogroup|perm|links|inum|samefile|used|context)$/;

export function findCall(cmd: SimpleCommand, ir: ShellIr): FindCall {
  const args = cmd.args;
  let i = 0;
  while (i < args.length && /^-([HLP]|O\d*|D)$/.test(args[i]!.value)) i += args[i]!.value === '-D' ? 2 : 1;
  const rootWords = [];
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (args[i]!.static && (/^-./.test(v) || v === '(' || v === '!' || v === ')' || v === ',')) break;
    rootWords.push(args[i]!);
  }
  let deletes = false;
  let filtered = false;
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '-delete') deletes = true;
    if (FILTERS.test(v)) filtered = true;
    if (args[i]!.static && EXEC.has(v)) {
      const end = execEnd(args, i + 1);
      if (execDeletes(args.slice(i + 1, end), cmd.text)) deletes = true;
      i = end; // the words up to `;` or `{} +` are the program's, not find's
    }
  }
  const roots = rootWords.length
    ? rootWords.flatMap((w) => resolveTargets(w, cmd, ir))
    : resolveTargets({ value: '.', static: true, raw: '.' }, cmd, ir);
  return { roots, deletes: deletes || feedsDeleter(cmd, ir), filtered };
}

/** The index of the `;` (or the `+` after `{}`) that ends an `-exec` starting at `from`. */
function execEnd(args: readonly Word[], from: number): number {
  for (let j = from; j < args.length; j++) {
    const a = args[j]!;
    if (a.static && a.value === ';') return j;
    if (a.static && a.value === '+' && j > from && args[j - 1]!.value === '{}') return j;
  }
  return args.length;
}

/** The program an `-exec` runs, under its wrappers, deletes (or cannot be known). */
function execDeletes(words: Word[], text: string): boolean {
  if (!words.length) return false;
  const inv = peelWrappers(words, text);
  if (!inv.name.static || inv.undecidable.length) return true;
  const c: SimpleCommand = withInvocation({
    id: -1,
    name: inv.name,
    args: inv.args,
    assignments: [],
    redirects: [],
    context: [],
    wrappers: inv.wrappers,
    cwd: null,
    text,
  });
  return DELETERS.has(inv.name.value) || removal(c) !== undefined;
}

/** The next pipeline stage deletes what it reads (`| xargs rm -rf`, `| parallel rm`). */
function feedsDeleter(cmd: SimpleCommand, ir: ShellIr): boolean {
  const p = cmd.pipeline;
  if (!p) return false;
  return ir.commands.some(
    (c) =>
      c.pipeline?.id === p.id &&
      c.pipeline.stage === p.stage + 1 &&
      appendsInput(c) &&
      (DELETERS.has(nameOf(c)) || removal(c) !== undefined),
  );
}
