// `find` read as find reads itself: global options, then starting points, then an expression
// whose actions may delete (`-delete`, `-exec rm …`, `-execdir shred …`, `-ok unlink …`).
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import { resolveTargets, type Target } from './paths.js';

const DELETERS = new Set(['rm', 'srm', 'unlink', 'shred', 'rmdir']);
const EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

export interface FindCall {
  roots: Target[];
  deletes: boolean;
  /** The expression selects by name, path, age, size, owner…: not everything below the roots. */
  filtered: boolean;
}

const FILTERS = /^-(i?name|i?path|i?wholename|i?regex|i?lname|newer\w*|[acm](time|min)|size|empty|user|uid|group|gid|nouser|nogroup|perm|links|inum|samefile|used|context)$/;

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
    if (EXEC.has(v)) {
      const prog = args[i + 1]?.value ?? '';
      const base = prog.split('/').pop() ?? '';
      if (DELETERS.has(base) || !args[i + 1]?.static) deletes = true;
    }
  }
  const roots = rootWords.length ? rootWords.flatMap((w) => resolveTargets(w, cmd, ir)) : resolveTargets({ value: '.', static: true, raw: '.' }, cmd, ir);
  return { roots, deletes, filtered };
}
