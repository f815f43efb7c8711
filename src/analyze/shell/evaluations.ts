// Judges the text bash evaluates while it runs (cst/evaluations.ts finds it): arithmetic and array
// subscripts against the variables the walk knows (arith-eval.ts), variable names given to
// builtins and `-v` (a subscript in a name is evaluated: `unset 'a[$(cmd)]'` runs cmd), `${!x}`,
// and prompt strings (`${x@P}`, PS4), which are expanded as if between double quotes. What runs is judged;
// text known only at run time is undecidable.
import type { Word } from '../../core/ir.js';
import type { AstWord, Evaluation } from './ast.js';
import type { IrBuilder, Scope } from './builder.js';
import type { State } from './state.js';
import { isArithmetic } from './arith.js';
import { alwaysCompletes, evaluateArithmetic, type ArithEnv } from './arith-eval.js';
import { undecidable } from './undecidable.js';

/**
 * Variables bash itself keeps as numbers: a value from the environment only seeds them (RANDOM,
 * SECONDS) or is ignored. Numbers until the script writes or unsets them.
 */
const BASH_NUMBERS = new Set(['RANDOM', 'SRANDOM', 'SECONDS', 'EPOCHSECONDS', 'LINENO', 'BASHPID', 'PPID', 'UID', 'EUID']);

/** What arithmetic may read, from the walk's state. */
export function arithEnv(state: State): ArithEnv {
  return {
    value: (name) => {
      if (state.untracked) return null;
      if (state.ints.has(name)) return { int: true };
      if (BASH_NUMBERS.has(name) && !state.anyRewritten && !state.rewritten.has(name) && !state.vars.has(name)) return { int: true };
      const text = state.vars.get(name);
      return text === undefined ? null : { text };
    },
    associative: (name) => state.assoc.has(name),
  };
}

const isNumber = (state: State, name: string) => state.ints.has(name) || /^-?[0-9]*$/.test(state.vars.get(name) ?? 'x');

/**
 * Judges `text` evaluated as arithmetic; the variables it writes then hold numbers. False (and
 * reported) when it is undecidable.
 */
export function judgeArithmetic(b: IrBuilder, text: string, state: State, evidence: string): boolean {
  const v = evaluateArithmetic(text, arithEnv(state));
  // A write that may fail part way (division by zero) leaves the old value: a number only if it was one.
  const numbers = v.ok && isArithmetic(text) ? v.assigns.filter((n) => alwaysCompletes(text) || isNumber(state, n)) : [];
  state.forgetVars(v.assigns);
  for (const n of numbers) state.ints.add(n);
  if (v.ok) return true;
  const id = v.limit ? 'limits.nesting_too_deep' : 'parse.dynamic_arithmetic';
  b.fail(undecidable(id, `arithmetic evaluates ${JSON.stringify(text.trim())} as code: ${v.why}`, evidence));
  return false;
}

const NAME_OPERAND = /^([A-Za-z_]\w*)(?:\[(.*)\])?$/s;

/**
 * A variable name a builtin resolves at run time (`unset`, `read`, `declare`, `printf -v`,
 * `-v`, a nameref's target, `${!x}`): its subscript is evaluated. `text` is the name after
 * expansion, or as written when it holds expansions (then they expand first).
 */
export function judgeNameOperand(b: IrBuilder, text: string, state: State, evidence: string, assoc = state.assoc): boolean {
  if (/^([0-9]+|[@*#?$!-])$/.test(text)) return true; // a special or positional parameter
  const m = NAME_OPERAND.exec(text);
  if (!m) {
    b.fail(
      undecidable(
        'parse.dynamic_arithmetic',
        `the variable name ${JSON.stringify(text)} is only known when the script runs, and a subscript in it is evaluated`,
        evidence,
      ),
    );
    return false;
  }
  const sub = m[2];
  if (sub === undefined || sub === '@' || sub === '*') return true;
  if (assoc.has(m[1]!)) {
    // A key is expanded again by these builtins: only plain variables and text are decided.
    if (!/`|\$[({[]|\$(?![A-Za-z_{])/.test(sub) && !/\$\{[^}]*[^\w}]/.test(sub)) return true;
    b.fail(undecidable('parse.dynamic_arithmetic', `the key of ${m[1]}[…] is expanded when the builtin runs: ${sub}`, evidence));
    return false;
  }
  return judgeArithmetic(b, sub, state, evidence);
}

/** The scope of text a shell expands as it runs (a prompt string, BASH_ENV). */
function expansionScope(scope: Scope, detail: string): Scope {
  const { placeholders: _p, pipeline: _s, ...rest } = scope;
  return { ...rest, context: [...scope.context, { kind: 'nested_script', detail }], nest: scope.nest + 1, outer: [] };
}

/**
 * Text the shell expands as if between double quotes (a prompt string, BASH_ENV): its
 * substitutions run. Judged as that text in a `: "…"` command, in `scope` (the nested scope it
 * runs in); refused when the text is not known. An octal escape in a prompt (`\044`) may make a `$` only after
 * decoding: refused too.
 */
export function judgeExpandedText(
  b: IrBuilder,
  value: Word | null,
  prompt: boolean,
  scope: Scope,
  state: State,
  detail: string,
  evidence: string,
): void {
  if (!value?.static) {
    b.fail(undecidable('parse.dynamic_script', `${detail} is expanded as code and is only known when the script runs`, evidence));
    return;
  }
  const text = value.value;
  if (!/[$`]/.test(text) && !(prompt && /\\[0-7]/.test(text))) return; // nothing to expand
  if (prompt && /\\[0-7]/.test(text)) {
    b.fail(undecidable('parse.dynamic_script', `${detail} has an octal escape that may become "$" or "\`" before expansion`, evidence));
    return;
  }
  // Expanded as between double quotes, where a `"` is only a character: escaped to stay one.
  b.script(`: "${text.replace(/"/g, '\\"')}"`, scope, state.fork());
}

/** `${!x}`: x's value names the variable to expand, with a subscript that is evaluated. */
function judgeIndirect(b: IrBuilder, name: string, state: State, evidence: string): boolean {
  if (name === '#' || state.ints.has(name)) return true; // a number names a positional parameter
  const value = state.untracked || !/^[A-Za-z_]\w*$/.test(name) ? undefined : state.vars.get(name);
  if (value === undefined) {
    b.fail(
      undecidable(
        'parse.dynamic_arithmetic',
        `\${!${name}} expands the variable named by ${name}, whose value comes from outside the script`,
        evidence,
      ),
    );
    return false;
  }
  return judgeNameOperand(b, value, state, evidence);
}

/** Judges one evaluation found in a word; false when it is undecidable. */
function judge(b: IrBuilder, e: Evaluation, scope: Scope, state: State, evidence: string): boolean {
  switch (e.kind) {
    case 'arith':
      return judgeArithmetic(b, e.text, state, evidence);
    case 'subscript':
      return state.assoc.has(e.array) || judgeArithmetic(b, e.text, state, evidence);
    case 'indirect':
      return judgeIndirect(b, e.name, state, evidence);
    case 'name':
      return judgeNameOperand(b, e.text.replace(/^(['"])(.*)\1$/s, '$2'), state, evidence);
    case 'prompt': {
      const known = !state.untracked && /^[A-Za-z_]\w*$/.test(e.name) ? state.vars.get(e.name) : undefined;
      const what = `the prompt expansion \${${e.name}@P}`;
      judgeExpandedText(
        b,
        known === undefined ? null : { value: known, static: true, raw: known },
        true,
        expansionScope(scope, what),
        state,
        what,
        evidence,
      );
      return true;
    }
  }
}

/** Judges what evaluating the word runs; false when any of it is undecidable. */
export function judgeWordEvaluations(b: IrBuilder, w: AstWord, scope: Scope, state: State): boolean {
  let decided = true;
  for (const e of w.evals ?? []) decided = judge(b, e, scope, state, w.word.raw) && decided;
  return decided;
}
