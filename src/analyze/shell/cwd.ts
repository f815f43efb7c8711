// `cd` tracking: what a `cd`/`pushd`/`popd` does to the working folder, and whether a piece of
// script may change it (loops and functions that do are judged with an unknown folder).
import type { Word } from '../../core/ir.js';
import type { Stmt } from './ast.js';
import { normalizePath } from './paths.js';
import { commandBasename } from './unwrap.js';

export const CD_NAMES = new Set(['cd', 'pushd', 'popd', 'chdir']);

/** The folder after `name args` run in `cwd`; null when it cannot be known. */
export function cdTarget(name: string, args: Word[], cwd: string | null, home: string): string | null {
  if (name === 'popd') return null;
  let i = 0;
  while (i < args.length && args[i]!.static && /^-[LPe@]+$/.test(args[i]!.value)) i++;
  if (args[i]?.static && args[i]!.value === '--') i++;
  const target = args[i];
  if (!target) return name === 'pushd' ? null : home;
  if (target.glob || (target.static && (target.value === '-' || /^[+-]\d+$/.test(target.value)))) return null;
  // A dynamic word resolves only when its one expansion is $HOME (normalizePath refuses the rest).
  return normalizePath(target.value, cwd, home);
}

function words(stmt: Stmt): Word[] | null {
  return stmt.t === 'cmd' ? stmt.cmd.words.map((w) => w.word) : null;
}

/** The command name after `builtin`/`command` prefixes, if static. */
export function plainName(ws: Word[]): string | null {
  let i = 0;
  while (ws[i]?.static && (ws[i]!.value === 'builtin' || ws[i]!.value === 'command')) i++;
  return ws[i]?.static ? commandBasename(ws[i]!.value) : null;
}

/** True when any statement (also nested) may run `cd`, `pushd`, `popd` or a function that does. */
export function mayChangeDir(stmts: Stmt[], cdFunctions: ReadonlySet<string>): boolean {
  const visit = (s: Stmt): boolean => {
    const ws = words(s);
    if (ws) {
      const n = plainName(ws);
      return n !== null && (CD_NAMES.has(n) || cdFunctions.has(n));
    }
    switch (s.t) {
      case 'pipeline':
        return s.stages.some(visit);
      case 'list':
        return s.items.some(visit);
      case 'block':
        return s.kind === 'group' && s.body.some(visit);
      case 'if':
        return s.clauses.some((c) => c.cond.some(visit) || c.body.some(visit)) || (s.elseBody ?? []).some(visit);
      case 'loop':
        return s.cond.some(visit) || s.body.some(visit);
      case 'case':
        return s.items.some((i) => i.body.some(visit));
      case 'function':
        return s.body.some(visit);
      default:
        return false;
    }
  };
  return stmts.some(visit);
}

/** `exit`/`return` (or a group ending in one): what follows `cmd || exit` only runs on success. */
export function isTerminal(stmt: Stmt): boolean {
  const ws = words(stmt);
  if (ws) return ['exit', 'return'].includes(plainName(ws) ?? '');
  if (stmt.t === 'block' && stmt.kind === 'group') return stmt.body.length > 0 && isTerminal(stmt.body[stmt.body.length - 1]!);
  if (stmt.t === 'list') return isTerminal(stmt.items[stmt.items.length - 1]!);
  return false;
}
