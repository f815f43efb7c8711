// What a command does to the walk's state: `cd`/`pushd`/`popd` move the folder (and a failed one
// stays put), `set -e` makes failures end the script, assignments and `export` make variables
// known, and `read`, `unset`, `source`, function calls and namerefs make them unknown again.
import type { SimpleCommand, Word } from '../../core/ir.js';
import type { AstWord } from './ast.js';
import type { IrBuilder } from './builder.js';
import { CD_NAMES, cdTarget } from './cwd.js';
import type { State } from './state.js';
import type { Invocation } from './unwrap.js';
import { mktempPath } from './vars.js';
import { integerValued } from './arith-eval.js';

export const DECLARATIONS = new Set(['export', 'declare', 'local', 'readonly', 'typeset']);

/** Records what an assignment leaves in a variable (known value, a fresh mktemp folder, or unknown). */
export function assign(b: IrBuilder, state: State, name: string, value: Word, ast: AstWord | null): void {
  const plain = name.replace(/\+$/, '').replace(/\[.*$/, '');
  if (plain === 'CDPATH') state.cdpath = true;
  if (plain === 'IFS') state.ifs = true;
  // mktemp makes its names in $TMPDIR: where the script set it, that is where they are.
  const tmpdir = state.vars.has('TMPDIR')
    ? state.vars.get('TMPDIR') || '/tmp'
    : state.rewritten.has('TMPDIR') || state.anyRewritten
      ? null
      : '/tmp';
  const temp = ast && name === plain ? mktempPath(ast, state.cwd, b.ctx.home, tmpdir) : null;
  state.forgetVars([plain]);
  // `n=$((n + 1))`, and any value given to a variable with the integer attribute, leaves a number.
  if (name === plain && (state.integerAttr.has(plain) || integerValued(ast?.word.raw ?? value.raw))) {
    state.ints.add(plain);
    if (state.integerAttr.has(plain)) return;
  }
  if (state.untracked || name !== plain || value.raw.startsWith('(')) return; // arrays, appends, namerefs
  if (temp) {
    // `T=$(mktemp -d)` holds only if mktemp succeeded: on failure T is empty.
    state.failVars = new Map(state.vars);
    state.vars.set(plain, temp);
  } else if (value.static) {
    state.vars.set(plain, value.value);
    state.failVars?.set(plain, value.value);
  }
}

/** Builtins that set the variables named in their arguments. */
const SETS_NAMED = new Set(['read', 'mapfile', 'readarray', 'getopts', 'unset', 'printf', 'wait']);
/** Commands that may change any variable, or the folder, in ways we do not follow (`let` writes only what it names: evaluations.ts). */
const CHANGES_ANY = new Set(['source', '.']);

export function trackState(b: IrBuilder, sc: SimpleCommand, inv: Invocation, state: State, shared: boolean): void {
  const name = sc.name.value;
  const builtinOnly = inv.wrappers.every((w) => w === 'builtin' || w === 'command');
  if (CD_NAMES.has(name) && builtinOnly) {
    const viaCdpath =
      (state.cdpath || sc.assignments.some((a) => a.name === 'CDPATH')) &&
      sc.args.some((a) => !a.value.startsWith('-') && !/^(\/|\.\.?(\/|$)|~)/.test(a.value));
    const to = (from: string | null) => (viaCdpath ? null : cdTarget(name, sc.args, from, b.ctx.home));
    // From another possible folder the cd lands elsewhere, or fails and stays.
    state.addAlts(state.alts.map(to));
    state.moved(state.cwd, to(state.cwd));
    return;
  }
  if (name === 'set' && builtinOnly) {
    for (let i = 0; i < sc.args.length; i++) {
      const a = sc.args[i]!.value;
      if (/^-[a-zA-Z]*e/.test(a) || (a === '-o' && sc.args[i + 1]?.value === 'errexit')) state.errexit = true;
      if (/^\+[a-zA-Z]*e/.test(a) || (a === '+o' && sc.args[i + 1]?.value === 'errexit')) state.errexit = false;
    }
  }
  if (DECLARATIONS.has(name)) {
    // `declare -n` makes a nameref (any later assignment may write elsewhere); -i/-u/-l/-a/-A
    // change what is stored. Then the names are unknown.
    const opts = sc.args
      .filter((a) => /^[-+]/.test(a.value) && a.value !== '--')
      .map((a) => a.value)
      .join('');
    if (opts.includes('n')) {
      state.untracked = true;
      state.forgetVars();
    }
    state.settled();
    if (/[iulaA]/.test(opts)) {
      const named = sc.args.map((a) => a.value.split('=')[0]!).filter((n) => /^[A-Za-z_]\w*$/.test(n));
      state.forgetVars(named);
      // `declare -i n=…`: the value was evaluated as arithmetic (judged when recorded) into a number.
      if (opts.includes('i') && !/[aA]/.test(opts))
        for (const a of sc.args) if (/^[A-Za-z_]\w*=/.test(a.value)) state.ints.add(a.value.split('=')[0]!);
      return;
    }
    for (const a of sc.args) {
      const eq = a.value.indexOf('=');
      if (eq > 0 && /^[A-Za-z_]\w*\+?$/.test(a.value.slice(0, eq))) {
        assign(b, state, a.value.slice(0, eq), { value: a.value.slice(eq + 1), static: a.static, raw: a.raw }, null);
      }
    }
  } else if (SETS_NAMED.has(name)) {
    state.forgetVars(sc.args.filter((a) => /^[A-Za-z_]\w*$/.test(a.value)).map((a) => a.value));
  } else if (CHANGES_ANY.has(name) || b.ir.functions.includes(name)) {
    state.forgetVars();
  }
  if (b.cdFunctions.has(name)) state.moved(null, null);
  else if (!shared && !DECLARATIONS.has(name)) state.settled();
}
