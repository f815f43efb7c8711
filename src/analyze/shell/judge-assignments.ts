// Judges what an assignment or a name-taking builtin makes bash evaluate: the subscript of every
// variable name (named-operands.ts), `let`'s expressions, the value given to a variable with the
// integer attribute (`declare -i n; n=$1` evaluates $1), a nameref's target, and assignments to
// variables a shell runs as code (code-variables.ts). Also records the attributes that change how
// later text is evaluated: `-A` (subscripts are keys), `-i` (assignments are arithmetic).
import type { Assignment, SimpleCommand, Word } from '../../core/ir.js';
import type { IrBuilder, Scope } from './builder.js';
import type { State } from './state.js';
import { integerValued } from './arith-eval.js';
import { isCodeVariable, judgeCodeAssignment } from './code-variables.js';
import { judgeArithmetic, judgeNameOperand } from './evaluations.js';
import { namedOperands } from './named-operands.js';
import { undecidable } from './undecidable.js';

const plain = (name: string) => name.replace(/\+$/, '').replace(/\[.*$/s, '');

/** A value stored in a variable with the integer attribute is evaluated as arithmetic. */
function judgeIntegerValue(b: IrBuilder, name: string, value: Word, state: State, evidence: string): void {
  if (integerValued(value.raw)) return;
  if (value.static) {
    judgeArithmetic(b, value.value.replace(/^\((.*)\)$/s, '$1'), state, evidence);
    return;
  }
  b.fail(
    undecidable(
      'parse.dynamic_arithmetic',
      `${name} has the integer attribute: the value ${value.raw} is evaluated as arithmetic, and it is only known when the script runs`,
      evidence,
    ),
  );
}

/** One assignment `name=value` (a prefix, a plain assignment, a declaration's operand). */
export function judgeAssignment(b: IrBuilder, a: Assignment, scope: Scope, state: State, sc: SimpleCommand): void {
  const name = plain(a.name);
  if (state.integerAttr.has(name)) judgeIntegerValue(b, name, a.value, state, sc.text);
  if (isCodeVariable(a.name.replace(/\+$/, ''))) judgeCodeAssignment(b, a.name.replace(/\+$/, ''), a.value, scope, state, sc.text, sc.id);
}

/** A loop variable gets each of the loop's words in turn. */
export function judgeLoopAssignment(b: IrBuilder, name: string, value: Word, scope: Scope, state: State): void {
  if (state.integerAttr.has(name)) judgeIntegerValue(b, name, value, state, value.raw);
  if (isCodeVariable(name)) judgeCodeAssignment(b, name, value, scope, state, value.raw);
}

/** The variable names, assignments and expressions a builtin takes (after its wrappers). */
export function judgeBuiltinOperands(b: IrBuilder, sc: SimpleCommand, scope: Scope, state: State): void {
  if (!sc.name.static) return;
  const found = namedOperands(sc.name.value, sc.args);
  if (!found) return;
  // `export -n` removes the export attribute; for the others `-n` makes a nameref.
  const attrs = sc.name.value === 'export' ? found.attributes.replace(/n/g, '') : found.attributes;
  const names = found.operands.flatMap((o) => (o.role === 'assign' ? [plain(o.name)] : o.role === 'name' ? [plain(o.word.value)] : []));
  if (attrs.includes('A')) for (const n of names) state.assoc.add(n);
  if (attrs.includes('a')) for (const n of names) state.assoc.delete(n);
  if (attrs.includes('i')) for (const n of names) state.integerAttr.add(n);
  for (const o of found.operands) {
    if (o.role === 'arith') {
      if (o.word.static) judgeArithmetic(b, o.word.value, state, sc.text);
      else
        b.fail(
          undecidable(
            'parse.dynamic_arithmetic',
            `${sc.name.value} evaluates ${o.word.raw} as arithmetic, and it is only known when the script runs`,
            sc.text,
          ),
        );
      continue;
    }
    if (o.role === 'name') {
      judgeNameOperand(b, o.word.value, state, sc.text);
      const name = plain(o.word.value);
      if (o.writes && state.integerAttr.has(name)) {
        b.fail(
          undecidable(
            'parse.dynamic_arithmetic',
            `${sc.name.value} stores outside input in ${name}, which has the integer attribute: the input is evaluated as arithmetic`,
            sc.text,
          ),
        );
      }
      if (o.writes && isCodeVariable(name)) {
        b.fail(
          undecidable('parse.dynamic_script', `${sc.name.value} stores outside input in ${name}, which a shell runs as code`, sc.text),
        );
      }
      if (attrs.includes('n') && !o.writes) {
        b.fail(undecidable('parse.dynamic_arithmetic', `the nameref ${name} gets its target from a later assignment`, sc.text));
      }
      continue;
    }
    judgeNameOperand(b, o.name, state, sc.text);
    if (attrs.includes('n')) judgeNameOperand(b, o.value.value, state, sc.text); // the nameref's target
    judgeAssignment(b, { name: o.name, value: o.value }, scope, state, sc);
  }
}
